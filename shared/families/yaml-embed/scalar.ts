import type { Scalar } from 'yaml';
import { mapBlockScalar, type BlockToken } from './block';
import { mapDoubleQuoted, mapPlain, mapSingleQuoted } from './flow';
import { alignedText, type MappedText } from './mapped';

/**
 * The value of a YAML scalar as a MappedText: the text a CI runner would get (a `run:` script, a
 * variable's value) with every offset mapped back to the document exactly, for plain, quoted,
 * literal and folded scalars, CRLF line ends included. Needs a document parsed with
 * `keepSourceTokens: true`. Plain scalars keep their spelling (`1`, `true`, `0x10`) as CI runners
 * read them; other scalars give the parser's value, so a mapping that disagreed with it would be
 * replaced by a character alignment (never seen, kept as a safety net).
 */
export function mapScalar(node: Scalar, document: string): MappedText {
  const token = (node as { srcToken?: unknown }).srcToken;
  const [start, end] = node.range ?? [0, 0, 0];
  const fallbackValue = typeof node.value === 'string' ? node.value : document.slice(start, end);

  const mapped = token === undefined ? undefined : mapToken(token);
  if (mapped === undefined) return alignedText(fallbackValue, document, start, end);
  if (node.type === 'PLAIN' || typeof node.value !== 'string') return mapped;
  return mapped.text === node.value ? mapped : alignedText(node.value, document, start, end);
}

function mapToken(token: unknown): MappedText | undefined {
  if (typeof token !== 'object' || token === null) return undefined;

  const { type, offset, source } = token as { type?: unknown; offset?: unknown; source?: unknown };
  if (typeof offset !== 'number' || typeof source !== 'string') return undefined;
  switch (type) {
    case 'scalar':
      return mapPlain(source, offset);
    case 'single-quoted-scalar':
      return mapSingleQuoted(source, offset);
    case 'double-quoted-scalar':
      return mapDoubleQuoted(source, offset);
    case 'block-scalar':
      return isBlockToken(token) ? mapBlockScalar(token) : undefined;
    default:
      return undefined;
  }
}

function isBlockToken(token: object): token is BlockToken {
  const candidate = token as Partial<BlockToken>;
  return typeof candidate.indent === 'number' && Array.isArray(candidate.props);
}
