import type { ScalarNode } from './tree';

/**
 * Helm (Go template) directives in manifests. The parser never sees them: `maskTemplates` blanks
 * lines that hold only directives (`{{- if .Values.x }}`, `{{ include ... | nindent 8 }}`) and
 * turns other directives into same-length plain text, so offsets stay exact and most templates
 * parse as YAML. Values are then judged from the original text by `judgeScalar`.
 */

const DIRECTIVE = /\{\{[\s\S]*?\}\}/g;

/** The first string literal given to `default`, in either argument order. */
const DEFAULT_LITERAL = /\bdefault\s+("(?:[^"\\\r\n]|\\.)*"|`[^`]*`)/;

/** Stands in for an unresolved directive: plain text that is neither a path nor a host. */
const UNRESOLVED = '_';

const MARK = '\u0000';

/**
 * The text with every directive masked; the same length, line breaks where they were. A line of
 * directives (and perhaps a comment) becomes blank; a directive among other text becomes `x`s.
 */
export function maskTemplates(text: string): string {
  if (!text.includes('{{')) return text;

  const marked = text.replace(DIRECTIVE, (directive) => directive.replace(/[^\r\n]/g, MARK));
  return marked.replace(/[^\r\n]*/g, (line) => {
    if (!line.includes(MARK)) return line;
    const onlyDirectives = /^[\s\u0000]*(?:#.*)?$/.test(line);
    return line.replace(/\u0000/g, onlyDirectives ? ' ' : 'x');
  });
}

/** A value that can be judged, with the span a finding should take. */
export interface Judged {
  value: string;
  start: number;
  end: number;
}

/**
 * What a scalar says for the rules. A plain value is itself. A value that is one directive is its
 * literal `default` (the span then covers that quoted literal), or cannot be judged. A value that
 * mixes text and directives is judged with each directive replaced by its default or by a
 * placeholder, so `{{ .Values.dir }}/docker.sock` still names the socket by its file name.
 */
export function judgeScalar(text: string, node: ScalarNode): Judged | undefined {
  if (!node.value.includes('{{')) return { value: node.value, start: node.start, end: node.end };
  if (node.block) return undefined;

  const raw = text.slice(node.start, node.end);
  const quoted = raw !== node.value;
  const innerStart = node.start + (quoted ? 1 : 0);
  const inner = node.value;

  const whole = /^\s*(\{\{[\s\S]*?\}\})\s*$/.exec(inner);
  if (whole && whole[1] !== undefined && !whole[1].slice(2).includes('{{')) {
    const literal = defaultLiteral(whole[1]);
    if (!literal) return undefined;
    const at = innerStart + inner.indexOf(whole[1]) + literal.index;
    return { value: literal.value, start: at, end: at + literal.length };
  }

  const value = inner.replace(DIRECTIVE, (d) => defaultLiteral(d)?.value ?? UNRESOLVED);
  return { value, start: node.start, end: node.end };
}

interface Literal {
  value: string;
  /** offset of the opening quote inside the directive */
  index: number;
  /** length with both quotes */
  length: number;
}

function defaultLiteral(directive: string): Literal | undefined {
  const match = DEFAULT_LITERAL.exec(directive);
  const quoted = match?.[1];
  if (!match || quoted === undefined) return undefined;

  const index = match.index + match[0].length - quoted.length;
  return { value: goString(quoted), index, length: quoted.length };
}

/** A Go string literal's value: raw strings as written, interpreted ones with escapes applied. */
function goString(quoted: string): string {
  if (quoted.startsWith('`')) return quoted.slice(1, -1);
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : quoted.slice(1, -1);
  } catch {
    return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
  }
}

/** True when the scalar holds a template directive the detector cannot evaluate. */
export function isTemplated(node: ScalarNode): boolean {
  return node.value.includes('{{');
}
