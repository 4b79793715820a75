import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Finding, Owner } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import type { Variables } from '../../paths/normalise';
import { analyseEmbeddedShell } from '../shell/embed';
import type { Settings } from '../yaml-embed/ci-env';
import { itemsOf, stringOf, textOf, valueOf, type YamlFile } from '../yaml-embed/tree';

/**
 * `run:` steps: the script is the scalar's value (plain, quoted, literal or folded), mapped back
 * to the workflow exactly, and analysed as shell when the step runs bash or sh.
 */

const POSIX_SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);

/** `defaults.run.shell` of a job or of the workflow. */
export function defaultShell(file: YamlFile, node: Node | undefined): string | undefined {
  return stringOf(
    file,
    valueOf(file, valueOf(file, valueOf(file, node, 'defaults'), 'run'), 'shell'),
  );
}

/** Windows runners run `run:` steps in PowerShell unless told otherwise. */
export function runsOnWindows(file: YamlFile, job: Node | undefined): boolean {
  const runsOn = valueOf(file, job, 'runs-on');
  const labels = isMap(runsOn) ? valueOf(file, runsOn, 'labels') : runsOn;
  const words = isSeq(labels) ? itemsOf(file, labels) : [labels];
  return words.some((word) => isScalar(word) && /windows/i.test(stringOf(file, word) ?? ''));
}

/** `bash -e {0}` and `/usr/bin/sh` count as POSIX shells; pwsh, python, cmd and others do not. */
export function isPosixShell(shell: string): boolean {
  const command = shell.trim().split(/\s+/)[0] ?? '';
  return POSIX_SHELLS.has(command.slice(command.lastIndexOf('/') + 1).toLowerCase());
}

export interface StepScope {
  owner: Owner;
  jobId: string;
  /** the shell of steps without `shell:` */
  shell: string;
  /** workflow, job and container env, in that order */
  env: Settings;
  readEnv(node: Node | undefined): Settings;
}

export interface StepResult {
  findings: Finding[];
  /** the env of each step that sets its own, over the job's */
  stepEnvs: Settings[];
}

export function analyseSteps(
  file: YamlFile,
  steps: Node | undefined,
  scope: StepScope,
  options: ResolvedOptions,
): StepResult {
  const result: StepResult = { findings: [], stepEnvs: [] };
  itemsOf(file, steps).forEach((step, index) => {
    if (!isMap(step)) return;
    const ownEnv = scope.readEnv(valueOf(file, step, 'env'));
    const env = new Map([...scope.env, ...ownEnv]);
    if (ownEnv.size > 0) result.stepEnvs.push(env);

    const shell = stringOf(file, valueOf(file, step, 'shell')) ?? scope.shell;
    const run = textOf(file, valueOf(file, step, 'run'));
    if (!run || !isPosixShell(shell)) return;

    const name =
      stringOf(file, valueOf(file, step, 'name')) ?? stringOf(file, valueOf(file, step, 'id'));
    const detail = { job: scope.jobId, step: name ?? `#${index + 1}`, stepIndex: index };
    const variables = { ...options.variables, ...shellVariables(env) };
    const found = analyseEmbeddedShell(file.doc, run, options, { owner: scope.owner, variables });
    for (const finding of found) {
      const facts = { ...finding.facts, detail: { ...finding.facts.detail, ...detail } };
      result.findings.push({ ...finding, facts });
    }
  });
  return result;
}

/** Env values a script sees; a `${{ ... }}` expression is unknown here and stays a variable. */
function shellVariables(env: Settings): Variables {
  const variables: Record<string, string> = {};
  for (const [name, setting] of env) {
    if (!setting.value.includes('${{')) variables[name] = setting.value;
  }
  return variables;
}
