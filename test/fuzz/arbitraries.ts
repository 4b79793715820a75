import fc from 'fast-check';

/** Text generators for the properties: syntax pieces of every family, and edits of a text. */

/** Pieces that open, close and break the syntax of every family the engine reads. */
const PIECES: readonly string[] = [
  // YAML
  '---\n',
  '- ',
  ': ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '"',
  "'",
  '|\n',
  '>-\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!str ',
  '%YAML 1.2\n',
  '{{ .Values.x }}',
  '{{- if .x }}',
  '{% for x in y %}',
  // shell, Dockerfile, Makefile
  '$(',
  ')',
  '`',
  '${',
  '$',
  '\\\n',
  '<<EOF\n',
  'EOF\n',
  '; ',
  ' && ',
  ' | ',
  '#',
  '\t',
  'RUN ',
  'FROM docker:dind\n',
  'ENV ',
  '# escape=`\n',
  ':=',
  'define X\n',
  'endef\n',
  // JSON with comments, TOML, systemd
  '/*',
  '*/',
  '//',
  '[[runners]]\n',
  'volumes = [',
  '"""',
  'ExecStart=',
  '[Service]\n',
  // the words findings are made of
  'docker run -v ',
  '/var/run/docker.sock',
  ':/var/run/docker.sock',
  '/run',
  'tcp://0.0.0.0:2375',
  '--privileged ',
  'DOCKER_HOST=',
  'DOCKER_TLS_CERTDIR=',
  'hostPath:\n',
  'path: ',
  'services:\n',
  'volumes:\n',
  'image: docker:27-dind\n',
  'apiVersion: v1\nkind: Pod\n',
  '"hosts": [',
  // line ends, odd characters
  '\n',
  '\r\n',
  '\r',
  '  ',
  '\0',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\u2028',
  'é',
];

/** A string of syntax pieces and arbitrary characters, at most `maxPieces` long. */
export function syntaxSoup(maxPieces = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  );
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** One edit of a text: insert something, delete a slice, or cut the rest off. */
export type Edit =
  | { type: 'insert'; at: number; text: string }
  | { type: 'delete'; at: number; length: number }
  | { type: 'truncate'; at: number };

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ type: fc.constant('insert' as const), at: fc.nat(), text: syntaxSoup(3) }),
  fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ type: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies the edits in turn; positions wrap around the text's length. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  return edits.reduce((current, change) => {
    const at = change.at % (current.length + 1);
    if (change.type === 'insert') return current.slice(0, at) + change.text + current.slice(at);
    if (change.type === 'delete') return current.slice(0, at) + current.slice(at + change.length);
    return current.slice(0, at);
  }, text);
}
