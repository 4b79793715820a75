import { isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/**
 * How a YAML file is laid out, read from the file itself so that inserted lines look like their
 * neighbours: the indentation step of nested mappings, where a block sequence's dashes stand
 * relative to its key (`- ` under the key: 0, indented: the step), and where an item's mapping
 * starts after its dash.
 */
export interface Layout {
  step: number;
  /** dash column minus key column for a block sequence under a key */
  seqIndent: number;
  /** first key column minus dash column for a mapping that is a sequence item */
  itemIndent: number;
  /** flow mappings are written `{ a: 1 }` rather than `{a: 1}` */
  flowPadding: boolean;
}

export function detectLayout(text: string, documents: readonly Document[]): Layout {
  const seen: Seen = { steps: [], seqIndents: [], itemIndents: [], padding: [] };
  for (const document of documents) {
    visit(document, {
      Pair: (_key, pair) => readPair(text, pair, seen),
      Map: (_key, map) => {
        const start = map.range?.[0];
        if (map.flow && start !== undefined && map.items.length > 0) {
          seen.padding.push(text[start + 1] === ' ' ? 1 : 0);
        }
      },
      Seq: (_key, seq) => readItems(text, seq, seen),
    });
  }

  const step = mostCommon(seen.steps.filter((s) => s > 0)) ?? 2;
  return {
    step,
    seqIndent: mostCommon(seen.seqIndents.filter((s) => s >= 0)) ?? step,
    itemIndent: mostCommon(seen.itemIndents.filter((s) => s >= 2)) ?? 2,
    flowPadding: (mostCommon(seen.padding) ?? 1) === 1,
  };
}

/** What the walk saw, one number per occurrence. */
interface Seen {
  steps: number[];
  seqIndents: number[];
  itemIndents: number[];
  padding: number[];
}

function readPair(text: string, pair: unknown, seen: Seen): void {
  if (!isPair(pair) || !isScalar(pair.key)) return;
  const keyColumn = column(text, pair.key.range?.[0] ?? 0);
  const value = pair.value as Node | null;
  if (isMap(value) && !value.flow) pushDiff(seen.steps, text, value, keyColumn);
  if (isSeq(value) && !value.flow) {
    const dash = dashBefore(text, value.items[0]);
    if (dash !== undefined) seen.seqIndents.push(column(text, dash) - keyColumn);
  }
}

function readItems(text: string, seq: { flow?: boolean; items: unknown[] }, seen: Seen): void {
  if (seq.flow) return;
  for (const item of seq.items) {
    const dash = dashBefore(text, item);
    if (dash === undefined || !isMap(item) || item.flow) continue;
    seen.itemIndents.push(column(text, item.range?.[0] ?? 0) - column(text, dash));
  }
}

function pushDiff(into: number[], text: string, map: { items: unknown[] }, keyColumn: number) {
  const first = map.items[0];
  if (!isPair(first) || !isScalar(first.key)) return;
  const start = first.key.range?.[0] ?? 0;
  if (startsItsLine(text, start)) into.push(column(text, start) - keyColumn);
}

function startsItsLine(text: string, offset: number): boolean {
  let at = offset;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return at === 0 || text[at - 1] === '\n' || text[at - 1] === '\r';
}

/** The offset of the `-` of a block sequence item, when it is on the item's first line. */
export function dashBefore(text: string, item: unknown): number | undefined {
  const start = (item as Node | undefined)?.range?.[0];
  if (start === undefined) return undefined;
  let at = start;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return text[at - 1] === '-' ? at - 1 : undefined;
}

export function column(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return offset - at;
}

function mostCommon(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}
