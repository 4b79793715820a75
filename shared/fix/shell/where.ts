import { isMap, isSeq, Scalar, visit } from 'yaml';
import type { FixContext } from '../types';
import { readYaml } from '../yaml/tree';

/**
 * Where a shell word of a finding is written, and so what may be written beside it: `raw` shell
 * text (a script, a recipe, a Dockerfile RUN, a literal or plain YAML scalar), an element of a
 * JSON array (`json`: Dockerfile exec form, devcontainer runArgs), or a quoted YAML string
 * (`quoted`: only removals and changes of letters and digits are safe there).
 */
export type Host = 'raw' | 'json' | 'quoted';

/** The flag's words as the shell analysis recorded them (flag and value, document offsets). */
export interface ArgRegion {
  start: number;
  end: number;
  flag: string | undefined;
}

export function argRegion(ctx: FixContext): ArgRegion | undefined {
  const { wordStart, wordEnd, flag } = ctx.finding.facts.detail ?? {};
  if (typeof wordStart !== 'number' || typeof wordEnd !== 'number' || wordEnd <= wordStart) {
    return undefined;
  }
  const written = ctx.text.slice(wordStart, wordEnd);
  // A region that does not spell its flag stands for something else (an expanded variable).
  if (typeof flag === 'string' && !written.startsWith(flag)) return undefined;
  if (/[\r\n]/.test(written.replace(/\\(?:\r\n|\r|\n)/g, ''))) return undefined;
  return { start: wordStart, end: wordEnd, flag: typeof flag === 'string' ? flag : undefined };
}

export function hostOf(ctx: FixContext, start: number, end: number): Host | undefined {
  const { text, kind } = ctx;
  if (text[start - 1] === '"' && /^[^"]*"\s*[,\]]/.test(text.slice(end))) return 'json';
  switch (kind) {
    case 'shell':
    case 'makefile':
    case 'dockerfile':
    case 'systemd':
    case 'docker-defaults':
      return 'raw';
    case 'github-actions':
    case 'gitlab-ci':
      return yamlHost(text, start, end);
    default:
      return undefined;
  }
}

function yamlHost(text: string, start: number, end: number): Host | undefined {
  const yaml = readYaml(text);
  let found: Host | undefined;
  for (const document of yaml?.documents ?? []) {
    visit(document, {
      Scalar(_key, node, path) {
        const range = node.range;
        if (!range || !(range[0] <= start && end <= range[1])) return;
        const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
        // Braces and commas written into a plain scalar of a flow collection would end it.
        const inFlow = path.some((p) => (isMap(p) || isSeq(p)) && p.flow === true);
        found = quoted || inFlow ? 'quoted' : 'raw';
      },
    });
  }
  return found;
}
