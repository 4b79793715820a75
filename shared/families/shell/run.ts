import { makeFinding } from '../../model/build';
import type { SourceDocument } from '../../model/document';
import type { Finding, FindingFacts, Owner, RelatedLocation, RuleId } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { interpolate, type PathOptions } from '../../paths/normalise';
import type { Arg, DocSpan } from './args';
import type { TokenProblem } from './scan-word';
import type { ShellContext } from './types';

/** The state of one analysis: what is known so far and what was found. */
export interface Run {
  doc: SourceDocument;
  options: ResolvedOptions;
  context: ShellContext;
  /** options and context variables, then the script's own assignments as they come */
  variables: Record<string, string>;
  /** where the script assigned a variable: the document span of the value */
  setAt: Map<string, DocSpan>;
  /** DOCKER_TLS_VERIFY as the script or its context sets it */
  tlsVerify: string | undefined;
  findings: Finding[];
  /** tokenizer problems at document offsets */
  problems: TokenProblem[];
  /** how deep in `sh -c` / a container's command the analysis is */
  depth: number;
  /** analyses a command given as arguments (a container's command); set by the script walk */
  runArgv: (argv: readonly Arg[]) => void;
}

/** A fresh analysis state: variables from the options, then the context. */
export function newRun(doc: SourceDocument, options: ResolvedOptions, context: ShellContext): Run {
  const variables: Record<string, string> = { ...options.variables, ...context.variables };
  return {
    doc,
    options,
    context,
    variables,
    setAt: new Map(),
    tlsVerify: variables.DOCKER_TLS_VERIFY,
    findings: [],
    problems: [],
    depth: 0,
    runArgv: () => undefined,
  };
}

/** Adds a finding at document offsets. */
export function report(
  run: Run,
  ruleId: RuleId,
  span: DocSpan,
  message: string,
  facts: FindingFacts,
  related: RelatedLocation[] = [],
): void {
  const at = run.doc.lines.span(span.start, span.end);
  run.findings.push(makeFinding(ruleId, at, message, facts, related));
}

/** A related location at document offsets. */
export function related(run: Run, span: DocSpan, message: string): RelatedLocation {
  return { span: run.doc.lines.span(span.start, span.end), message };
}

/** The context's owner, else the given one. */
export function ownerOr(run: Run, fallback: Owner): Owner {
  return run.context.owner ?? fallback;
}

/** The owner of what the script does outside any command (`export DOCKER_HOST=...`). */
export function fileOwner(run: Run): Owner {
  const path = run.doc.fileName.replace(/\\/g, '/');
  return ownerOr(run, { kind: 'file', name: path.slice(path.lastIndexOf('/') + 1) || 'script' });
}

/** What `classifyHostPath` needs: the variables known so far and the settings' extras. */
export function pathOptions(run: Run): PathOptions {
  return {
    variables: run.variables,
    extraSocketPaths: run.options.extraSocketPaths,
    extraSocketDirs: run.options.extraSocketDirs,
  };
}

/** The text with the variables known so far (and conventional ones) resolved. */
export function resolve(run: Run, text: string): string {
  // every variable reference starts with `$`; most words hold none
  return text.includes('$') ? interpolate(text, run.variables).value : text;
}

/** Where the script set the variables a value refers to, as related locations. */
export function variableOrigins(run: Run, written: string): RelatedLocation[] {
  const places: RelatedLocation[] = [];
  for (const match of written.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = match[1] ?? '';
    const at = run.setAt.get(name);
    if (at) places.push(related(run, at, `${name} is set here`));
  }
  return places;
}

/** `--flag`, `--flag=true`: on unless spelled false. */
export function flagOn(value: string | undefined): boolean {
  return value === undefined || !/^(?:false|0|no|off)$/i.test(value.trim());
}

/** The object without its undefined fields, so that facts hold only what is known. */
export function compact<T extends object>(value: T): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key];
  return copy as T;
}
