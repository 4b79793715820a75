import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { TextEdit } from '../types';
import { ownedFrom, startsLine, trimBack, wholeLines } from '../text';
import { dashBefore } from './layout';
import { pairEnd, pairStart, rangeOf, type Collection, type Step } from './tree';

/**
 * Removing an item of a sequence or a pair of a mapping, with the lines it owns: its own lines,
 * a comment after it on its last line, and the comment lines right above it at its indentation
 * (a blank line ends them). A collection left empty is removed with the key that holds it, up
 * the path, unless `keep` says the format needs it (then it becomes `[]` or `{}`); an anchored
 * collection is kept as an empty one, since aliases elsewhere name it.
 */

/** Says whether the collection at `path[depth].parent` must stay, empty, rather than go. */
export type KeepEmpty = (path: readonly Step[], depth: number) => boolean;

export function removeAt(
  text: string,
  path: readonly Step[],
  depth: number,
  keep: KeepEmpty = () => false,
): TextEdit | undefined {
  const step = path[depth];
  if (!step) return undefined;
  if (step.parent.items.length > 1) return removeOne(text, step.parent, step.index);

  const anchored = step.parent.anchor !== undefined;
  if (depth === 0 || anchored || keep(path, depth)) return emptyCollection(text, step.parent);
  return removeAt(text, path, depth - 1, keep);
}

function removeOne(text: string, parent: Collection, index: number): TextEdit | undefined {
  if (parent.flow) return removeFlowEntry(parent, index);
  return isMap(parent)
    ? removeBlockPair(text, parent, index)
    : removeBlockItem(text, parent, index);
}

function entryRange(parent: Collection, index: number): [number, number] | undefined {
  const entry = parent.items[index];
  if (isPair(entry)) return [pairStart(entry), pairEnd(entry)];
  const range = rangeOf(entry);
  return range ? [range[0], range[1]] : undefined;
}

/** `[a, b, c]`, `{a: 1, b: 2}`: the entry and the separator after it (before it, for the last). */
function removeFlowEntry(parent: Collection, index: number): TextEdit | undefined {
  const own = entryRange(parent, index);
  if (!own) return undefined;
  const next = entryRange(parent, index + 1);
  if (next) return { start: own[0], end: next[0], newText: '' };
  const previous = entryRange(parent, index - 1);
  return previous ? { start: previous[1], end: own[1], newText: '' } : undefined;
}

function removeBlockItem(text: string, seq: Collection, index: number): TextEdit | undefined {
  const item = seq.items[index] as Node | undefined;
  const dash = dashBefore(text, item);
  const end = rangeOf(item)?.[1];
  if (dash === undefined || end === undefined || !startsLine(text, dash)) return undefined;
  return linesEdit(text, ownedFrom(text, dash), Math.max(dash, trimBack(text, end) - 1));
}

function removeBlockPair(text: string, map: Collection, index: number): TextEdit | undefined {
  const pair = map.items[index];
  if (!isPair(pair)) return undefined;
  const start = pairStart(pair);
  if (startsLine(text, start)) {
    const last = Math.max(start, trimBack(text, pairEnd(pair)) - 1);
    return linesEdit(text, ownedFrom(text, start), last);
  }

  // The first key of a sequence item (`- key: value`): the next key moves up behind the dash.
  const next = map.items[index + 1];
  if (index !== 0 || !isPair(next) || dashBefore(text, map) === undefined) return undefined;
  return { start, end: pairStart(next), newText: '' };
}

function linesEdit(text: string, from: number, to: number): TextEdit {
  const { start, end } = wholeLines(text, from, to);
  return { start, end, newText: '' };
}

/** Replaces a collection's content with `[]` or `{}` (its anchor and tag stay before it). */
function emptyCollection(text: string, parent: Collection): TextEdit | undefined {
  const range = parent.range;
  if (!range) return undefined;
  const empty = isSeq(parent) ? '[]' : '{}';
  return { start: range[0], end: trimBack(text, range[1]), newText: empty };
}
