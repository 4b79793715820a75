import { isMap, isPair, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import { lineEndAt, startsLine, trimBack } from '../text';
import { column, dashBefore } from './layout';
import { renderString, type QuoteStyle } from './scalar';
import { pairEnd, rangeOf, type YamlText } from './tree';

/**
 * Inserting into YAML without re-serialising anything: a new pair after a mapping's last one, a
 * new item after a sequence's last one, each on new lines indented like its siblings (or, for a
 * flow collection, inside the brackets), written with the file's line break and layout.
 */

/** A value to write: scalars, lists and mappings (in insertion order). */
export type YValue = string | number | boolean | YValue[] | { [key: string]: YValue };

/**
 * How new values are written: scalars in the quoting of their neighbours, numbers and booleans as
 * they are, and `flow` (set for the items of a list whose items are flow mappings) writes new
 * items the same way.
 */
export interface Render {
  flowItems?: boolean;
  yaml: YamlText;
  quote: QuoteStyle;
}

function scalar(value: YValue, r: Render): string {
  if (typeof value === 'string') return renderString(value, r.quote);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return flow(value, r);
}

/** A collection on one line, as a flow collection. */
export function flow(value: YValue, r: Render): string {
  if (Array.isArray(value)) return `[${value.map((v) => scalar(v, r)).join(', ')}]`;
  if (typeof value !== 'object') return scalar(value, r);
  const pairs = Object.entries(value).map(([k, v]) => `${k}: ${scalar(v, r)}`);
  if (pairs.length === 0) return '{}';
  const pad = r.yaml.layout.flowPadding ? ' ' : '';
  return `{${pad}${pairs.join(', ')}${pad}}`;
}

function isEmptyCollection(value: YValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The lines of `key: value` at column `indent`; a collection value goes on the lines below. */
export function pairLines(key: string, value: YValue, indent: number, r: Render): string[] {
  const pad = ' '.repeat(indent);
  if (typeof value !== 'object' || isEmptyCollection(value)) {
    return [`${pad}${key}: ${scalar(value, r)}`];
  }
  const { step, seqIndent } = r.yaml.layout;
  const below = Array.isArray(value)
    ? itemLines(value, indent + seqIndent, r)
    : mapLines(value, indent + step, r);
  return [`${pad}${key}:`, ...below];
}

function mapLines(map: { [key: string]: YValue }, indent: number, r: Render): string[] {
  return Object.entries(map).flatMap(([k, v]) => pairLines(k, v, indent, r));
}

/** The lines of sequence items whose dashes stand at column `indent`. */
export function itemLines(items: readonly YValue[], indent: number, r: Render): string[] {
  const pad = ' '.repeat(indent);
  const inner = r.yaml.layout.itemIndent;
  return items.flatMap((item) => {
    if (typeof item !== 'object' || isEmptyCollection(item) || r.flowItems) {
      return [`${pad}- ${scalar(item, r)}`];
    }
    const lines = Array.isArray(item)
      ? itemLines(item, indent + inner, r)
      : mapLines(item, indent + inner, r);
    const first = lines[0] ?? '';
    const lead = `${pad}-${' '.repeat(inner - 1)}`;
    return [lead + first.slice(lead.length), ...lines.slice(1)];
  });
}

/** Where new lines go after a node: the end of its last line (after a comment on it). */
function afterLastLine(text: string, end: number): number {
  return lineEndAt(text, Math.max(0, trimBack(text, end) - 1));
}

function joinLines(lines: readonly string[], eol: string): string {
  return lines.map((line) => eol + line).join('');
}

/** Adds pairs after the last pair of a mapping, in the order given. */
export function addPairs(
  map: YAMLMap,
  pairs: { [key: string]: YValue },
  r: Render,
): TextEdit | undefined {
  const { text, eol } = r.yaml;
  if (map.flow) {
    const entries = Object.entries(pairs).map(([k, v]) => `${k}: ${flow(v, r)}`);
    return addFlow(map, entries.join(', '), r);
  }
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!isPair(first) || !isPair(last)) return undefined;

  const keyStart = rangeOf(first.key)?.[0];
  if (keyStart === undefined) return undefined;
  const at = afterLastLine(text, pairEnd(last));
  const indent = column(text, keyStart);
  const lines = Object.entries(pairs).flatMap(([k, v]) => pairLines(k, v, indent, r));
  const gap = blankBetween(text, map) ? eol : '';
  return { start: at, end: at, newText: gap + joinLines(lines, eol) };
}

/** The mapping's last two pairs are set apart by a blank line (services often are). */
function blankBetween(text: string, map: YAMLMap): boolean {
  const previous = map.items[map.items.length - 2];
  const last = map.items[map.items.length - 1];
  const lastStart = rangeOf(last?.key)?.[0];
  if (!isPair(previous) || lastStart === undefined) return false;
  const between = text.slice(trimBack(text, pairEnd(previous)), lastStart);
  return /\n[ \t]*\r?\n/.test(between.replace(/#[^\r\n]*/g, ''));
}

/** Adds items after the last item of a sequence. */
export function addItems(seq: YAMLSeq, items: readonly YValue[], r: Render): TextEdit | undefined {
  const { text, eol } = r.yaml;
  if (seq.flow) return addFlow(seq, items.map((v) => flow(v, r)).join(', '), r);
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const dash = dashBefore(text, seq.items[0]);
  const end = rangeOf(last)?.[1];
  if (dash === undefined || end === undefined || !startsLine(text, dash)) return undefined;

  const at = afterLastLine(text, end);
  return { start: at, end: at, newText: joinLines(itemLines(items, column(text, dash), r), eol) };
}

/** Inserts an entry before the closing bracket of a flow collection. */
function addFlow(node: YAMLMap | YAMLSeq, entry: string, r: Render): TextEdit | undefined {
  const text = r.yaml.text;
  const range = node.range;
  if (!range) return undefined;
  const close = trimBack(text, range[1]) - 1;
  if (text[close] !== (isSeq(node) ? ']' : '}')) return undefined;

  const inside = trimBack(text, close);
  const empty = node.items.length === 0;
  const trailingComma = text[inside - 1] === ',';
  const separator = empty || trailingComma ? '' : ', ';
  const pad = isMap(node) && empty && r.yaml.layout.flowPadding ? ' ' : '';
  const padded = `${pad}${entry}${pad}`;
  return { start: inside, end: inside, newText: `${separator}${padded}` };
}

/**
 * Gives a collection value to a key written without one (`environment:` and nothing after it):
 * the entries go on the lines below the key, indented as the layout says.
 */
export function fillEmptyKey(keyStart: number, value: YValue, r: Render): TextEdit {
  const { text, eol } = r.yaml;
  const lines = pairLines('k', value, column(text, keyStart), r).slice(1);
  const at = lineEndAt(text, keyStart);
  return { start: at, end: at, newText: joinLines(lines, eol) };
}
