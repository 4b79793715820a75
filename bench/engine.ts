import { DockerfileParser } from 'dockerfile-ast';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { analyse } from '../shared/analyse';
import { createAnalysisCache } from '../shared/incremental';
import type { Edit } from './editor';
import type { EditorInput } from './inputs';
import { median, ratio, summarise } from './stats';

export interface EngineCost {
  input: string;
  lines: number;
  floor: string;
  analysisMs: number;
  parseMs: number;
  /** Dockerfiles: the parse plus every instruction's arguments (dockerfile-ast splits lazily) */
  parseArgsMs?: number;
  ratio: number;
  findings: number;
  runs: number;
}

/** The bare parse the analysis is weighed against; none for shell (no parser to compare). */
function floorOf(input: EditorInput): { name: string; run: () => unknown } | undefined {
  if (input.family === 'dockerfile') {
    return { name: 'dockerfile-ast parse', run: () => DockerfileParser.parse(input.text) };
  }
  if (input.family === 'shell') return undefined;
  return { name: 'yaml parseAllDocuments', run: () => parseAllDocuments(input.text) };
}

/** What any reader of a Dockerfile pays: dockerfile-ast splits arguments only when asked. */
function parseWithArguments(text: string): number {
  let count = 0;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    count += instruction.getArguments().length;
  }
  return count;
}

function timeOnce(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * Analysis against parse of the same text, warm, interleaved (one of each per round) so that
 * the other engineers' load on the machine weighs on both alike; medians of the rounds.
 */
export function engineCost(input: EditorInput, budgetMs = 3000, minRounds = 15): EngineCost {
  const analyseIt = () =>
    analyse({ fileName: input.path, text: input.text, languageId: input.languageId });
  const floor = floorOf(input);
  const findings = analyseIt().findings.length;
  for (let i = 0; i < 5; i++) {
    analyseIt();
    floor?.run();
  }
  const analysis: number[] = [];
  const parse: number[] = [];
  const parseArgs: number[] = [];
  const dockerfile = input.family === 'dockerfile';
  const started = performance.now();
  while (analysis.length < minRounds || performance.now() - started < budgetMs) {
    analysis.push(timeOnce(analyseIt));
    if (floor) parse.push(timeOnce(floor.run));
    if (dockerfile) parseArgs.push(timeOnce(() => parseWithArguments(input.text)));
    if (analysis.length >= 400) break;
  }
  const analysisMs = median(analysis);
  const parseMs = floor ? median(parse) : NaN;
  return {
    input: input.name,
    lines: input.lines,
    floor: floor?.name ?? 'none',
    analysisMs,
    parseMs,
    ...(dockerfile ? { parseArgsMs: median(parseArgs) } : {}),
    ratio: ratio(analysisMs, parseMs),
    findings,
    runs: analysis.length,
  };
}

export interface IncrementalCost {
  input: string;
  medianMs: number;
  p95Ms: number;
  /** p95 of the cached analysis over the bare parse of the whole text */
  p95OverParse: number;
  reused: number;
  edits: number;
}

/** The same edits as the editor suite, analysed in process through one analysis cache. */
export function incrementalCost(
  input: EditorInput,
  edits: Edit[],
  parseMs: number,
): IncrementalCost {
  const cache = createAnalysisCache();
  let text = input.text;
  const analyseIt = () =>
    cache.analyse({ fileName: input.path, text, languageId: input.languageId });
  analyseIt();
  const times: number[] = [];
  for (const edit of edits) {
    text = text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.remove);
    times.push(timeOnce(analyseIt));
  }
  const summary = summarise(times);
  const { comment, part, unchanged } = cache.stats;
  return {
    input: input.name,
    medianMs: summary.median,
    p95Ms: summary.p95,
    p95OverParse: ratio(summary.p95, parseMs),
    reused: comment + part + unchanged,
    edits: edits.length,
  };
}
