import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serviceFolder } from './gen-repo';
import { dockerfile, shellScript } from './gen-scripts';
import { composeFile, manifestStream } from './gen-yaml';
import { Rng } from './random';

export const SEED = 20250611;
export const RESULTS = resolve(__dirname, 'results');
export const INPUTS = join(RESULTS, 'inputs');
/** Outside the work tree: the CLI honours the .gitignore that ignores bench/results/. */
export const MONOREPO = join(tmpdir(), 'dsg-bench', 'monorepo');
const MONOREPO_VERSION = `v1-${SEED}`;

export type Peer = 'yaml-language-server' | 'dockerfile-language-server';

export interface EditorInput {
  name: string;
  path: string;
  uri: string;
  languageId: string;
  family: 'compose' | 'kubernetes' | 'dockerfile' | 'shell';
  lines: number;
  text: string;
  peer?: Peer;
}

type Spec = Omit<EditorInput, 'path' | 'uri' | 'lines' | 'text'> & {
  file: string;
  make: (rng: Rng) => string;
};

const YAML_LS: Peer = 'yaml-language-server';
const DOCKER_LS: Peer = 'dockerfile-language-server';

const SPECS: readonly Spec[] = [
  ...[50, 1000, 10000].map((n): Spec => yamlSpec('compose', `compose-${n}.yaml`, n)),
  ...[1000, 20000].map((n): Spec => yamlSpec('kubernetes', `k8s-${n}.yaml`, n)),
  ...[50, 2000].map((n): Spec => ({
    name: `dockerfile-${n}`,
    file: `bench-${n}.Dockerfile`,
    languageId: 'dockerfile',
    family: 'dockerfile',
    peer: DOCKER_LS,
    make: (rng) => dockerfile(rng, n),
  })),
  {
    name: 'shell-2000',
    file: 'script-2000.sh',
    languageId: 'shellscript',
    family: 'shell',
    make: (rng) => shellScript(rng, 2000),
  },
];

function yamlSpec(family: 'compose' | 'kubernetes', file: string, lines: number): Spec {
  const make = family === 'compose' ? composeFile : manifestStream;
  return {
    name: file.replace(/\.yaml$/, ''),
    file,
    languageId: family === 'compose' ? 'dockercompose' : 'yaml',
    family,
    peer: YAML_LS,
    make: (rng) => make(rng, lines),
  };
}

/** Writes the editor inputs (each from its own seed, so adding one changes no other). */
export function editorInputs(): EditorInput[] {
  mkdirSync(INPUTS, { recursive: true });
  return SPECS.map((spec, index) => {
    const text = spec.make(new Rng(SEED + index));
    const path = join(INPUTS, spec.file);
    writeFileSync(path, text);
    return {
      name: spec.name,
      languageId: spec.languageId,
      family: spec.family,
      ...(spec.peer ? { peer: spec.peer } : {}),
      path,
      uri: pathToFileURL(path).href,
      lines: text.split('\n').length - 1,
      text,
    };
  });
}

export interface Monorepo {
  root: string;
  files: number;
  withFinding: number;
}

/** Writes the synthetic monorepo once per generator version; later runs reuse it. */
export function monorepo(folders = 2000, rate = 0.028): Monorepo {
  const stampPath = `${MONOREPO}.json`;
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Monorepo & { version: string };
    if (stamp.version === `${MONOREPO_VERSION}-${folders}-${rate}`) return stamp;
  }
  rmSync(MONOREPO, { recursive: true, force: true });
  const rng = new Rng(SEED);
  let files = 0;
  let withFinding = 0;
  for (let i = 0; i < folders; i++) {
    const folder = join(MONOREPO, 'services', `svc-${String(i).padStart(4, '0')}`);
    for (const file of serviceFolder(rng, i, rate)) {
      const path = join(folder, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text + '\n');
      files++;
      if (file.bad) withFinding++;
    }
  }
  const result = { root: MONOREPO, files, withFinding };
  writeFileSync(
    stampPath,
    JSON.stringify({ ...result, version: `${MONOREPO_VERSION}-${folders}-${rate}` }),
  );
  return result;
}
