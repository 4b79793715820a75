import type { AnalysisInput } from '../analyse';
import { mayHoldFinding } from '../detect/prefilter';
import type { AnalysisResult, FileKind } from '../model/finding';
import type { ResolvedOptions } from '../model/options';
import type { LineIndex } from '../text/lines';
import { type TextEdit } from './edit';
import { analysePart, keptFindings, merged } from './reduced';

/**
 * Compose files: an edit inside one service re-analyses that service alone (under its
 * `services:` line) and keeps the findings of the others. Only plain files take
 * this path: one YAML document, block style, no anchors, aliases or merge keys (which let
 * services share nodes), and nothing outside `services:` that could hold a finding (a named
 * volume's device, seen by every service that mounts it).
 */
export function reuseService(
  previous: { text: string; result: AnalysisResult },
  text: string,
  edit: TextEdit,
  input: AnalysisInput & { kind: FileKind },
  options: ResolvedOptions,
  lines: LineIndex,
): AnalysisResult | undefined {
  if (previous.result.notices.length > 0 || !plain(text) || !plain(previous.text)) return undefined;
  const old = servicesOf(previous.text);
  const now = servicesOf(text);
  if (!old || !now || old.blocks.length !== now.blocks.length) return undefined;
  const index = old.blocks.findIndex((b) => b.body <= edit.start && edit.oldEnd <= b.end);
  const before = old.blocks[index];
  const after = now.blocks[index];
  if (!before || !after || after.start !== before.start || edit.newEnd > after.end)
    return undefined;
  const outside = text.slice(0, now.start) + text.slice(now.end);
  if (mayHoldFinding(outside, options)) return undefined;

  // Any notice sends the file to a whole analysis, so the part needs no lines of its own: the
  // positions of its findings are taken in the real text.
  const prefix = text.slice(now.start, now.bodyStart);
  const part = analysePart(
    input,
    { start: after.start, end: after.end, prefix },
    lines,
    () => false,
  );
  const kept =
    part && keptFindings(previous.result.findings, before.start, before.end, edit, lines);
  if (!part || !kept) return undefined;
  return { ...part, findings: merged(kept, part, after.start, after.end) };
}

/** Anchors, aliases, merge keys, documents markers, tabs and flow style at the top are out. */
function plain(text: string): boolean {
  return !/(?:^|[\s[{,])[&*][^\s,\]}]|<<|^(?:---|\.\.\.)|^\t|^\s*\{/m.test(text);
}

interface Block {
  /** the service key's line */
  start: number;
  /** the line after the key's */
  body: number;
  end: number;
}

interface Services {
  /** the `services:` line */
  start: number;
  /** the line after it */
  bodyStart: number;
  end: number;
  blocks: Block[];
}

const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/g;

/** The `services:` section and its services, by indentation; undefined when unsure. */
function servicesOf(text: string): Services | undefined {
  const header = /^services[ \t]*:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)/m.exec(text);
  if (!header || /^services[ \t]*:/m.test(text.slice(header.index + header[0].length)))
    return undefined;
  const bodyStart = header.index + header[0].length;
  const blocks: Block[] = [];
  let indent: number | undefined;
  LINE.lastIndex = bodyStart;
  for (let m = LINE.exec(text); m && m[0] !== ''; m = LINE.exec(text)) {
    const line = m[0];
    const column = line.search(/\S/);
    if (column < 0 || line[column] === '#') continue;
    if (column === 0)
      return { start: header.index, bodyStart, end: m.index, blocks: closed(blocks, m.index) };
    indent ??= column;
    if (column > indent) continue;
    if (column < indent || !/^[^\s#'"?&*!|>{[-][^:#]*:(?:\s|$)/.test(line.slice(column)))
      return undefined;
    closed(blocks, m.index).push({ start: m.index, body: m.index + line.length, end: text.length });
  }
  return { start: header.index, bodyStart, end: text.length, blocks };
}

/** Ends the last block where the next begins. */
function closed(blocks: Block[], at: number): Block[] {
  const last = blocks[blocks.length - 1];
  if (last) last.end = at;
  return blocks;
}
