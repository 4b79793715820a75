import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { analyseDaemonArgs } from '../shell/embed';
import { DAEMON_OWNER, optionWords } from './options';
import type { MappedText } from './words';

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=/gm;

/**
 * /etc/default/docker and /etc/sysconfig/docker: shell assignments such as
 * `DOCKER_OPTS="-H tcp://0.0.0.0:2375"` whose value the init script or unit passes to dockerd.
 */
export function analyseDockerDefaults(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const findings: Finding[] = [];
  const context = { owner: DAEMON_OWNER };
  const pattern = new RegExp(ASSIGNMENT);

  for (let match = pattern.exec(doc.text); match; match = pattern.exec(doc.text)) {
    const name = match[1] ?? '';
    const valueStart = match.index + match[0].length;
    const value = readShellValue(doc.text, valueStart);
    const words = optionWords(name, value, true);
    if (words) findings.push(...analyseDaemonArgs(doc, words, options, context));
    pattern.lastIndex = Math.max(pattern.lastIndex, value.end);
  }
  return { findings, notices: [] };
}

/**
 * Reads one shell word from `start` with quote removal: double quotes (where a backslash escapes
 * `"`, `\`, `$` and a backquote), single quotes, backslash escapes and line continuations.
 * A quoted value may run over several lines.
 */
function readShellValue(text: string, start: number): MappedText & { end: number } {
  let value = '';
  const offsets: number[] = [];
  let quote = '';
  let i = start;

  for (; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote === '' && /[\s;]/.test(ch)) break;
    if (ch === quote) {
      quote = '';
    } else if (quote === '' && (ch === '"' || ch === "'")) {
      quote = ch;
    } else if (ch === '\\' && quote !== "'") {
      const next = text[i + 1] ?? '';
      const escapes = quote === '' || /["\\$`\n\r]/.test(next);
      if (escapes && (next === '\n' || next === '\r')) {
        i += next === '\r' && text[i + 2] === '\n' ? 2 : 1;
        continue;
      }
      if (escapes) i++;
      value += text[i] ?? '';
      offsets.push(i);
    } else {
      value += ch;
      offsets.push(i);
    }
  }
  return { text: value, offsets, begin: start, end: i };
}
