import { detectKind } from './detect/kind';
import { mayHoldFinding } from './detect/prefilter';
import { sortFindings } from './model/build';
import type { FamilyAnalyser, FamilyResult, SourceDocument } from './model/document';
import { sourceDocument } from './model/document';
import type { AnalysisResult, FileKind, Notice } from './model/finding';
import { resolveOptions, type EngineOptions, type ResolvedOptions } from './model/options';
import { stripBom } from './text/lines';
import { looksBinary, withoutNuls } from './limits/content';
import { nestingCheck } from './limits/guard';
import { binaryNotice, crashNotice, outOfTime, sizeNotice, timeNotice } from './limits/notices';
import { exceedsBytes } from './limits/size';
import { analyseCompose } from './families/compose';
import { analyseDaemonJson, analyseDockerDefaults, analyseSystemd } from './families/daemon';
import { analyseDevcontainer } from './families/devcontainer';
import { analyseDockerfile } from './families/dockerfile';
import { analyseGithubWorkflow } from './families/github';
import { analyseGitlabCi, analyseRunnerConfig } from './families/gitlab';
import { analyseKubernetes } from './families/kubernetes';
import { analyseMakefile } from './families/makefile';
import { analyseShell } from './families/shell';
import { applySuppressions } from './suppress';

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
 * The engine's entry point: text in, findings out. Never reads files and never throws, whatever
 * the text: a file over a limit (size, nesting, time: see limits/defaults.ts), text that looks
 * binary or UTF-16, and an exception inside a family each end the analysis of the file with one
 * notice saying so, never silently. A leading byte-order mark is dropped and positions refer to
 * the text without it.
 */
export function analyse(input: AnalysisInput): AnalysisResult {
  let kind = input.kind;
  try {
    const text = stripBom(input.text);
    const binary = looksBinary(text);
    const sample = binary ? withoutNuls(text) : text;
    kind = input.kind ?? detectKind(input.fileName, sample, input.languageId);
    if (kind === undefined) return { kind, findings: [], notices: [] };

    const options = resolveOptions(input.options);
    const deadline = options.now() + options.limits.maxMillisPerFile;
    return analyseKind({ ...input, text, kind }, { ...options, deadline }, binary);
  } catch (error) {
    return { kind, findings: [], notices: [crashNotice(error)] };
  }
}

/**
 * Whether `analyse()` of this input may report anything: false only when the text fits the size
 * limit, is text, and the pre-filter rules it out, the cases where the analysis returns no
 * finding and no notice without running a family. A caller with many files (the CLI's threads)
 * asks it where reading is cheap and analyses what is left where the families are warm.
 */
export function mayReport(input: AnalysisInput & { kind: FileKind }): boolean {
  try {
    const text = stripBom(input.text);
    const options = resolveOptions(input.options);
    return screen(input, text, options, looksBinary(text)) !== 'ruled out';
  } catch {
    return true;
  }
}

/** What the checks before any family say of a text, in order of cost. */
function screen(
  input: AnalysisInput,
  text: string,
  options: ResolvedOptions,
  binary: boolean,
): 'too large' | 'binary' | 'ruled out' | 'analyse' {
  if (exceedsBytes(text, options.limits.maxFileBytes)) return 'too large';
  if (binary) return 'binary';
  if (!input.skipPrefilter && !mayHoldFinding(text, options)) return 'ruled out';
  return 'analyse';
}

/**
 * The checks in order of cost: the size and the look of the text before anything reads it, the
 * pre-filter, the nesting scan before a parser recurses, the clock, then the family.
 */
function analyseKind(
  input: AnalysisInput & { kind: FileKind },
  options: ResolvedOptions,
  binary: boolean,
): AnalysisResult {
  const { kind, text } = input;
  const limits = options.limits;
  const verdict = screen(input, text, options, binary);
  if (verdict === 'too large') return stopped(kind, sizeNotice(limits));
  if (verdict === 'binary') return stopped(kind, binaryNotice());
  if (verdict === 'ruled out') return { kind, findings: [], notices: [] };

  const doc = sourceDocument(input.fileName, text);
  const deep = nestingCheck(kind, doc, limits);
  if (deep) return stopped(kind, deep);
  if (outOfTime(options)) return stopped(kind, timeNotice(doc, 0, options));

  const result = runFamily(kind, doc, options);
  const kept = applySuppressions(text, doc.lines, kind, result.findings);
  return { kind, findings: kept.findings, notices: [...result.notices, ...kept.notices] };
}

/** One family's analysis; an exception it throws becomes a notice. */
function runFamily(kind: FileKind, doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  try {
    const result = ANALYSERS[kind](doc, options);
    return { findings: sortFindings(result.findings), notices: result.notices };
  } catch (error) {
    return { findings: [], notices: [crashNotice(error)] };
  }
}

function stopped(kind: FileKind, notice: Notice): AnalysisResult {
  return { kind, findings: [], notices: [notice] };
}
