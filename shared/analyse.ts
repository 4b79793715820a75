import { detectKind } from './detect/kind';
import { mayHoldFinding } from './detect/prefilter';
import { sortFindings } from './model/build';
import type { FamilyAnalyser } from './model/document';
import { sourceDocument } from './model/document';
import type { AnalysisResult, FileKind } from './model/finding';
import { resolveOptions, type EngineOptions } from './model/options';
import { stripBom } from './text/lines';
import { analyseCompose } from './families/compose';
import { analyseDaemonJson, analyseDockerDefaults, analyseSystemd } from './families/daemon';
import { analyseDevcontainer } from './families/devcontainer';
import { analyseDockerfile } from './families/dockerfile';
import { analyseGithubWorkflow } from './families/github';
import { analyseGitlabCi, analyseRunnerConfig } from './families/gitlab';
import { analyseKubernetes } from './families/kubernetes';
import { analyseMakefile } from './families/makefile';
import { analyseShell } from './families/shell';

const ANALYSERS: Readonly<Record<FileKind, FamilyAnalyser>> = {
  compose: analyseCompose,
  kubernetes: analyseKubernetes,
  helm: analyseKubernetes,
  dockerfile: analyseDockerfile,
  shell: analyseShell,
  makefile: analyseMakefile,
  'github-actions': analyseGithubWorkflow,
  'gitlab-ci': analyseGitlabCi,
  'gitlab-runner': analyseRunnerConfig,
  devcontainer: analyseDevcontainer,
  'daemon-json': analyseDaemonJson,
  systemd: analyseSystemd,
  'docker-defaults': analyseDockerDefaults,
};

export interface AnalysisInput {
  /** a path or URI path; its name and folders decide the family */
  fileName: string;
  text: string;
  /** the editor's language id, when there is one */
  languageId?: string;
  /** force a family, bypassing recognition */
  kind?: FileKind;
  options?: EngineOptions;
  /** run every detector even when the text cannot hold a finding (for tests of the pre-filter) */
  skipPrefilter?: boolean;
}

/**
 * The engine's entry point: text in, findings out. Never reads files, never throws on any text;
 * a leading byte-order mark is dropped and positions refer to the text without it.
 */
export function analyse(input: AnalysisInput): AnalysisResult {
  const text = stripBom(input.text);
  const kind = input.kind ?? detectKind(input.fileName, text, input.languageId);
  if (kind === undefined) return { kind, findings: [], notices: [] };

  const options = resolveOptions(input.options);
  if (!input.skipPrefilter && !mayHoldFinding(text, options))
    return { kind, findings: [], notices: [] };

  const result = ANALYSERS[kind](sourceDocument(input.fileName, text), options);
  return { kind, findings: sortFindings(result.findings), notices: result.notices };
}
