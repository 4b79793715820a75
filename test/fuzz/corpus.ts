import { readFileSync, readdirSync, statSync } from 'fs';
import { basename, join, relative } from 'path';
import { analyse } from '../../shared/analyse';
import { detectKind } from '../../shared/detect/kind';
import type { AnalysisResult, FileKind } from '../../shared/model/finding';

/** The texts the properties start from: every file of test/fixtures and examples the engine reads. */

export const ROOT = join(__dirname, '..', '..');

export interface Sample {
  /** relative to the repository, `/`-separated */
  path: string;
  /** the name the file is analysed under (see ALIASES) */
  fileName: string;
  kind: FileKind;
  text: string;
}

/**
 * Fixtures whose own name does not tell their family (it is told by the test that reads them):
 * the real names of such files.
 */
const ALIASES: ReadonlyArray<[RegExp, (path: string) => string]> = [
  [/^test\/fixtures\/daemon\/[^/]+\.json$/, () => 'etc/docker/daemon.json'],
  [/^test\/fixtures\/daemon\/default-docker$/, () => 'etc/default/docker'],
  [/^test\/fixtures\/daemon\/sysconfig-docker$/, () => 'etc/sysconfig/docker'],
  [/^test\/fixtures\/daemon\/[^/]+\.conf$/, () => 'etc/systemd/system/docker.service.d/x.conf'],
  [/^test\/fixtures\/devcontainer\/[^/]+\.json$/, () => '.devcontainer/devcontainer.json'],
  [/^test\/fixtures\/github\/[^/]+\.ya?ml$/, (path) => `.github/workflows/${basename(path)}`],
  [/^test\/fixtures\/gitlab\/gitlab-runner\/[^/]+\.toml$/, () => 'gitlab-runner/config.toml'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let cached: Sample[] | undefined;

/** Every fixture and example the engine reads, under the name it is analysed as. */
export function engineSamples(): Sample[] {
  cached ??= [...files(join(ROOT, 'test', 'fixtures')), ...files(join(ROOT, 'examples'))]
    .map((full) => relative(ROOT, full).split('\\').join('/'))
    .flatMap((path) => {
      const text = readFileSync(join(ROOT, path), 'utf8');
      const alias = ALIASES.find(([pattern]) => pattern.test(path));
      const fileName = alias ? alias[1](path) : path;
      const kind = detectKind(fileName, text);
      return kind ? [{ path, fileName, kind, text }] : [];
    });
  return cached;
}

export interface Positive extends Sample {
  result: AnalysisResult;
}

/** The samples with at least one finding, with their result. */
export function positiveSamples(): Positive[] {
  return engineSamples().flatMap((sample) => {
    const result = analyse({ fileName: sample.fileName, text: sample.text });
    return result.findings.length > 0 ? [{ ...sample, result }] : [];
  });
}

/** One realistic file name per family, for texts that are not fixtures. */
export const FAMILY_FILES: Readonly<Record<FileKind, string>> = {
  compose: 'deploy/compose.yaml',
  kubernetes: 'k8s/agent.yaml',
  helm: 'charts/agent/templates/daemonset.yaml',
  dockerfile: 'images/agent/Dockerfile',
  shell: 'scripts/deploy.sh',
  makefile: 'Makefile',
  'github-actions': '.github/workflows/ci.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  'gitlab-runner': 'etc/gitlab-runner/config.toml',
  devcontainer: '.devcontainer/devcontainer.json',
  'daemon-json': 'etc/docker/daemon.json',
  systemd: 'etc/systemd/system/docker.service.d/override.conf',
  'docker-defaults': 'etc/default/docker',
};

export const FAMILIES = Object.keys(FAMILY_FILES) as FileKind[];
