import { Scalar, visit } from 'yaml';
import { tokenize } from '../families/shell/tokenize';
import { MARKER, commentStyle } from '../suppress';
import type { FileKind } from '../model/finding';
import { REASON } from './holes';
import { eolOf, indentAt, lineEndAt, lineStartAt, previousLineStart } from './text';
import type { DraftFix, FixContext, TextEdit } from './types';
import { readYaml } from './yaml/tree';

/**
 * Suppress with a reason: `# docker-socket-guard-ignore DSG001: <reason>` (JSONC: `//`) on its
 * own line above the finding's first line, indented like it; the reader in shared/suppress
 * takes a line comment to cover the next line. When the line above already is such a comment,
 * the rule joins its list instead (a new line would take that comment's line away from it).
 *
 * Not offered where a comment line would change what the file says: daemon.json (no comments),
 * inside a YAML scalar that spans lines (other than a literal block, and there not inside a
 * shell line continuation), inside a shell word that spans lines (a quoted string), and after a
 * shell or Makefile line that ends with `\`.
 */
export function suppressFix(ctx: FixContext): DraftFix | undefined {
  const style = commentStyle(ctx.kind);
  if (style === 'none') return undefined;
  const { text, finding } = ctx;
  const lineStart = lineStartAt(text, finding.span.start);
  if (!commentFits(ctx.kind, text, lineStart)) return undefined;

  const opener = style === 'jsonc' ? '//' : '#';
  const title = `Suppress ${finding.ruleId} on this line with a reason`;
  const joined = joinDirective(text, lineStart, finding.ruleId);
  if (joined) return { kind: 'suppress', title, edits: [joined] };

  const line = `${indentAt(text, lineStart)}${opener} ${MARKER} ${finding.ruleId}: ${REASON.plain}`;
  const edit: TextEdit = { start: lineStart, end: lineStart, newText: line + eolOf(text) };
  return { kind: 'suppress', title, edits: [edit] };
}

const DIRECTIVE = new RegExp(
  `(?:#|//)[ \\t]*${MARKER}[ \\t]+[A-Za-z0-9_-]+(?:[ \\t]*,[ \\t]*[A-Za-z0-9_-]+)*`,
);

/** Adds the rule to a line directive on the line above (`DSG003, DSG001: reason`). */
function joinDirective(text: string, lineStart: number, ruleId: string): TextEdit | undefined {
  const above = previousLineStart(text, lineStart);
  if (above === undefined) return undefined;
  const line = text.slice(above, lineEndAt(text, above));
  const match = DIRECTIVE.exec(line);
  if (!match || !/^\s*:/.test(line.slice(match.index + match[0].length))) return undefined;
  const at = above + match.index + match[0].length;
  return { start: at, end: at, newText: `, ${ruleId}` };
}

function commentFits(kind: FileKind, text: string, lineStart: number): boolean {
  switch (kind) {
    case 'shell':
    case 'docker-defaults':
      return !continues(text, lineStart) && !insideShellWord(text, lineStart);
    case 'makefile':
      return !continues(text, lineStart);
    case 'compose':
    case 'kubernetes':
    case 'helm':
    case 'github-actions':
    case 'gitlab-ci':
      return yamlLineFree(text, lineStart);
    default:
      return true;
  }
}

/** The line before ends with a backslash: the comment would end the continued command. */
export function continues(text: string, lineStart: number): boolean {
  const above = previousLineStart(text, lineStart);
  if (above === undefined) return false;
  return /\\$/.test(text.slice(above, lineEndAt(text, above)));
}

function insideShellWord(text: string, offset: number): boolean {
  return tokenize(text).lists.some((tokens) =>
    tokens.some((t) => t.type === 'word' && t.word.start < offset && offset < t.word.end),
  );
}

/** No scalar spans the line start, except a literal block holding lines of a script. */
export function yamlLineFree(text: string, lineStart: number): boolean {
  const yaml = readYaml(text);
  if (!yaml) return false;
  let free = true;
  for (const document of yaml.documents) {
    visit(document, {
      Scalar(_key, node) {
        const range = node.range;
        if (!range || !(range[0] < lineStart && lineStart < range[1])) return;
        const literal = node.type === Scalar.BLOCK_LITERAL;
        if (!literal || continues(text, lineStart)) free = false;
      },
    });
  }
  return free;
}
