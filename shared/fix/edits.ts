import type { TextEdit } from './types';

/**
 * Applies edits that all point into `text` (as a fix or `fixAll` returns them). Overlapping
 * edits are a contract violation and throw; insertions at the same offset keep their order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order);

  let out = '';
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`Overlapping or out-of-range edit at ${edit.start}-${edit.end}`);
    }
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * The edits that turn `before` into `after`, line by line: unchanged lines are left alone and
 * each run of changed lines becomes as few and as small edits as it can (see `hunk`). Used to
 * hand out the result of steps applied one after another as edits of the original text.
 */
export function diffEdits(
  before: string,
  after: string,
  protect: readonly string[] = [],
): TextEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const pairs = commonLines(a, b);

  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let offsetA = 0;
  for (const [ai, bj] of [...pairs, [a.length, b.length] as const]) {
    const start = offsetA;
    const removed = a.slice(i, ai).join('');
    const added = b.slice(j, bj).join('');
    if (removed !== '' || added !== '') {
      edits.push(...hunk(start, a.slice(i, ai), b.slice(j, bj), protect));
    }
    offsetA = start + removed.length + (a[ai]?.length ?? 0);
    i = ai + 1;
    j = bj + 1;
  }
  return edits;
}

const WORD = /[A-Za-z0-9_.-]/;

/**
 * One changed line among added ones (a value changed and lines added after it) becomes a
 * change inside that line and insertions around it; any other run of changed lines one edit.
 */
function hunk(
  start: number,
  removed: readonly string[],
  added: readonly string[],
  protect: readonly string[],
): TextEdit[] {
  const old = removed.join('');
  const only = removed[0];
  if (removed.length !== 1 || only === undefined || added.length < 2) {
    return [trimmed(start, old, added.join(''), protect)];
  }
  const best = mostAlike(only, added);
  if (best === undefined) return [trimmed(start, old, added.join(''), protect)];

  const before = added.slice(0, best).join('');
  const after = added.slice(best + 1).join('');
  const edits: TextEdit[] = [];
  if (before !== '') edits.push({ start, end: start, newText: before });
  edits.push(trimmed(start, only, added[best] ?? '', protect));
  if (after !== '')
    edits.push({ start: start + only.length, end: start + only.length, newText: after });
  return edits.filter((e) => e.start !== e.end || e.newText !== '');
}

/** The added line that keeps most of `line` at its ends (the first of equals). */
function mostAlike(line: string, added: readonly string[]): number | undefined {
  let best: number | undefined;
  let score = -1;
  added.forEach((candidate, index) => {
    let head = 0;
    while (head < line.length && line[head] === candidate[head]) head++;
    let tail = 0;
    while (
      tail < line.length - head &&
      tail < candidate.length - head &&
      line[line.length - 1 - tail] === candidate[candidate.length - 1 - tail]
    ) {
      tail++;
    }
    if (head + tail > score) {
      score = head + tail;
      best = index;
    }
  });
  return best;
}

/**
 * One changed run of lines as an edit. A change of one line keeps the characters it shares with
 * the old line at both ends (a port number changes, not its line), except that no `protect`ed
 * word (a placeholder) is cut in two; a change of several lines replaces those lines.
 */
function trimmed(start: number, removed: string, added: string, protect: readonly string[]) {
  if (/[\r\n][^]/.test(removed)) return { start, end: start + removed.length, newText: added };
  let head = 0;
  const most = Math.min(removed.length, added.length);
  while (head < most && removed[head] === added[head]) head++;
  let tail = 0;
  while (
    tail < most - head &&
    removed[removed.length - 1 - tail] === added[added.length - 1 - tail]
  ) {
    tail++;
  }

  // A cut inside a word moves to the word's edge: `2375` becomes `2376`, not `5` becomes `6`.
  while (head > 0 && WORD.test(removed[head - 1] ?? '') && WORD.test(removed[head] ?? '')) head--;
  while (
    tail > 0 &&
    WORD.test(removed[removed.length - tail] ?? '') &&
    WORD.test(removed[removed.length - tail - 1] ?? '')
  ) {
    tail--;
  }

  for (const word of protect) {
    for (let at = added.indexOf(word); at >= 0; at = added.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (at < head && head < end) head = at;
      if (at < added.length - tail && added.length - tail < end) tail = added.length - end;
    }
  }
  return {
    start: start + head,
    end: start + removed.length - tail,
    newText: added.slice(head, added.length - tail),
  };
}

/** Lines with their line breaks attached, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Index pairs of a longest common subsequence of lines (trimmed ends first, then LCS). */
function commonLines(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }

  const middle = lcs(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const pairs: Array<readonly [number, number]> = [];
  for (let k = 0; k < head; k++) pairs.push([k, k]);
  for (const [x, y] of middle) pairs.push([x + head, y + head]);
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

/** Classic dynamic-programming LCS; the middle part left after trimming is small. */
function lcs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let x = a.length - 1; x >= 0; x--) {
    for (let y = b.length - 1; y >= 0; y--) {
      table[x * cols + y] =
        a[x] === b[y]
          ? (table[(x + 1) * cols + y + 1] ?? 0) + 1
          : Math.max(table[(x + 1) * cols + y] ?? 0, table[x * cols + y + 1] ?? 0);
    }
  }

  const pairs: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) pairs.push([x++, y++]);
    else if ((table[(x + 1) * cols + y] ?? 0) >= (table[x * cols + y + 1] ?? 0)) x++;
    else y++;
  }
  return pairs;
}
