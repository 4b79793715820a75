import type { RuleId } from '../model/finding';
import { isRuleId } from '../model/rules';
import { MARKER, type DirectiveComment } from './comments';

/** A suppression comment read from the text; `problems` non-empty means it suppresses nothing. */
export interface Directive {
  scope: 'line' | 'file';
  rules: RuleId[];
  reason: string;
  /** offsets of the directive, from the marker to its last non-blank character */
  start: number;
  end: number;
  /** offset where the comment itself ends: the next line is the one a line directive covers */
  close: number;
  problems: DirectiveProblem[];
}

export interface DirectiveProblem {
  message: string;
  start: number;
  end: number;
}

const RULE_LIST = /^[ \t]+([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)/;
const EXAMPLE_LINE = `${MARKER} DSG001: <reason>`;

/** Reads one comment that starts with the marker. */
export function readDirective(text: string, comment: DirectiveComment): Directive {
  const body = text.slice(comment.start, comment.end).replace(/\s+$/, '');
  const end = comment.start + body.length;
  const head = /^docker-socket-guard-ignore(-file)?(?=$|[\s:,])/.exec(body);
  if (!head) return unknownDirective(body, comment, end);

  const scope = head[1] ? 'file' : 'line';
  const directive: Directive = {
    scope,
    rules: [],
    reason: '',
    start: comment.start,
    end,
    close: comment.close,
    problems: [],
  };
  const afterHead = head[0].length;
  const list = RULE_LIST.exec(body.slice(afterHead));
  if (!list || list[1] === undefined) {
    directive.problems.push({
      message: `Suppression comment names no rule: write "${example(scope)}"`,
      start: comment.start,
      end,
    });
    return directive;
  }

  readRules(list[1], comment.start + afterHead + list[0].length - list[1].length, directive);
  const rest = body.slice(afterHead + list[0].length);
  const reason = /^\s*:([\s\S]*)$/.exec(rest)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
  if (reason === '') {
    directive.problems.push({
      message:
        'Suppression comment gives no reason and suppresses nothing: ' +
        `write "${example(scope)}"`,
      start: comment.start,
      end,
    });
  }
  directive.reason = reason;
  return directive;
}

function readRules(list: string, offset: number, directive: Directive): void {
  const token = /[A-Za-z0-9_-]+/g;
  for (let match = token.exec(list); match; match = token.exec(list)) {
    const id = match[0].toUpperCase();
    if (isRuleId(id)) {
      if (!directive.rules.includes(id)) directive.rules.push(id);
      continue;
    }

    directive.problems.push({
      message:
        `Suppression comment names unknown rule "${match[0]}" and suppresses nothing: ` +
        'the rules are DSG001 to DSG005',
      start: offset + match.index,
      end: offset + match.index + match[0].length,
    });
  }
}

function unknownDirective(body: string, comment: DirectiveComment, end: number): Directive {
  const word = /^\S+/.exec(body)?.[0] ?? MARKER;
  const start = comment.start;
  return {
    scope: 'line',
    rules: [],
    reason: '',
    start,
    end,
    close: comment.close,
    problems: [
      {
        message: `Unknown suppression comment "${word}": use ${MARKER} or ${MARKER}-file`,
        start,
        end: start + word.length,
      },
    ],
  };
}

function example(scope: 'line' | 'file'): string {
  return scope === 'file' ? `${MARKER}-file DSG001: <reason>` : EXAMPLE_LINE;
}
