import type { DraftFix, Fix, TextEdit } from './types';
import type { RuleId } from '../model/finding';

/**
 * Values the user fills in. Fix builders write each one in its plain form (`<daemon-host>`),
 * which is what a fix without snippets leaves in the file; with snippets each plain form becomes
 * a tab stop holding the name (`${1:daemon-host}`). The plain forms are chosen so that they never
 * occur in the text a fix copies from the document.
 */
export interface Hole {
  /** what plain text shows, and what fix builders write */
  plain: string;
  /** the tab stop's default */
  name: string;
}

export const DAEMON_HOST: Hole = { plain: '<daemon-host>', name: 'daemon-host' };
/**
 * The daemon's host in shell words: braces without a comma are no brace expansion, so the word
 * needs no quotes in a script, a Makefile recipe or a YAML scalar, where `<` would redirect.
 */
export const SHELL_DAEMON_HOST: Hole = { plain: '{daemon-host}', name: 'daemon-host' };
export const REASON: Hole = { plain: '<reason>', name: 'reason' };
/** A Docker context's name: a usable default, still a tab stop to rename it. */
export const CONTEXT_NAME: Hole = { plain: 'remote-docker', name: 'remote-docker' };

const HOLES: readonly Hole[] = [DAEMON_HOST, SHELL_DAEMON_HOST, REASON, CONTEXT_NAME];

/** The plain forms, which an edit must never cut in two. */
export const HOLE_TEXTS: readonly string[] = HOLES.map((h) => h.plain);

/** Turns a draft into the fix handed out: plain text, or snippet text with numbered tab stops. */
export function finishFix(draft: DraftFix, ruleId: RuleId, snippets: boolean): Fix {
  const numbers = new Map<string, number>();
  const edits = draft.edits.map((edit) =>
    snippets ? { ...edit, newText: toSnippet(edit.newText, numbers) } : edit,
  );
  const snippet = snippets && numbers.size > 0;
  const finished = snippet ? edits : draft.edits;
  return { kind: draft.kind, title: draft.title, ruleId, edits: sortEdits(finished), snippet };
}

function toSnippet(text: string, numbers: Map<string, number>): string {
  let out = '';
  let rest = text;
  for (;;) {
    const next = nextHole(rest);
    if (!next) return out + escapeSnippet(rest);

    out += escapeSnippet(rest.slice(0, next.at));
    const number = numbers.get(next.hole.name) ?? numbers.size + 1;
    numbers.set(next.hole.name, number);
    out += `\${${number}:${next.hole.name}}`;
    rest = rest.slice(next.at + next.hole.plain.length);
  }
}

function nextHole(text: string): { hole: Hole; at: number } | undefined {
  let best: { hole: Hole; at: number } | undefined;
  for (const hole of HOLES) {
    const at = text.indexOf(hole.plain);
    if (at >= 0 && (best === undefined || at < best.at)) best = { hole, at };
  }
  return best;
}

/** Snippet syntax gives `$`, `}` and `\` a meaning: literal ones are escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

function sortEdits(edits: TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}
