import { strict as assert } from 'assert';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { LineIndex } from '../../shared/text/lines';
import { mapScalar } from '../../shared/families/yaml-embed/scalar';
import type { MappedText } from '../../shared/families/yaml-embed/mapped';

/** The scalar under `key:` (at any depth of single-key mappings) and its mapped value. */
function scalarOf(text: string): { node: Scalar; mapped: MappedText } {
  const doc = parseDocument(text, { keepSourceTokens: true });
  assert.deepEqual(
    doc.errors.map((e) => e.message),
    [],
  );
  let node: unknown = doc.contents;
  while (isMap(node)) node = node.items[0]?.value;
  if (!isScalar(node)) throw new Error('no scalar');
  return { node, mapped: mapScalar(node, text) };
}

/** `line:character` of where value character `offset` starts in the document. */
function at(text: string, mapped: MappedText, offset: number): string {
  const { line, character } = new LineIndex(text).positionAt(mapped.toDocument(offset));
  return `${line}:${character}`;
}

describe('github: YAML scalar values mapped to document offsets', () => {
  it('maps a literal block line by line, to the third line of the script', () => {
    const text = 'run: |\n  echo one\n  echo two\n  docker ps\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'echo one\necho two\ndocker ps\n');
    assert.equal(at(text, mapped, mapped.text.indexOf('docker')), '3:2');
    assert.equal(at(text, mapped, mapped.text.indexOf('ps')), '3:9');
    assert.equal(at(text, mapped, 'echo one'.length), '1:10');
    assert.equal(at(text, mapped, mapped.text.length), '4:0');
  });

  it('keeps the extra indentation of more-indented literal lines and strips with |-', () => {
    const text = 'k:\n  run: |-\n    if true; then\n      docker ps\n    fi\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'if true; then\n  docker ps\nfi');
    assert.equal(at(text, mapped, mapped.text.indexOf('  docker')), '3:4');
    assert.equal(at(text, mapped, mapped.text.indexOf('docker')), '3:6');
    assert.equal(at(text, mapped, mapped.text.length), '4:6');
  });

  it('honours an explicit indentation indicator (|2) over a more-indented first line', () => {
    const text = 'k:\n  run: |2\n      spaced\n    flush\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, '  spaced\nflush\n');
    assert.equal(at(text, mapped, 0), '2:4');
    assert.equal(at(text, mapped, 2), '2:6');
    assert.equal(at(text, mapped, mapped.text.indexOf('flush')), '3:4');
  });

  it('keeps trailing line breaks with |+ and maps each to its own line', () => {
    const text = 'run: |+\n  x\n\n\nnext: 1\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'x\n\n\n');
    assert.deepEqual(
      [1, 2, 3].map((i) => at(text, mapped, i)),
      ['1:3', '2:0', '3:0'],
    );
  });

  it('maps a folded >- value over two lines: the fold spans the break and the indentation', () => {
    const text = 'options: >-\n  --name dind\n  --privileged\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, '--name dind --privileged');
    const fold = mapped.text.indexOf(' --privileged');
    assert.equal(at(text, mapped, fold), '1:13');
    assert.equal(at(text, mapped, fold + 1), '2:2');
    assert.equal(at(text, mapped, mapped.text.length), '2:14');
  });

  it('maps the same folded value with CRLF line ends', () => {
    const text = 'options: >-\r\n  --name dind\r\n  --privileged\r\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, '--name dind --privileged');
    const fold = mapped.text.indexOf(' --privileged');
    assert.equal(at(text, mapped, fold), '1:13');
    assert.equal(at(text, mapped, fold + 1), '2:2');
    assert.equal(mapped.toDocument(fold + 1), text.indexOf('--privileged'));
  });

  it('keeps newlines around more-indented folded lines and empty lines', () => {
    const text = 'k: >\n  a\n\n  b\n    c\n  d\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'a\nb\n  c\nd\n');
    assert.equal(at(text, mapped, mapped.text.indexOf('b')), '3:2');
    assert.equal(at(text, mapped, mapped.text.indexOf('  c')), '4:2');
    assert.equal(at(text, mapped, mapped.text.indexOf('c')), '4:4');
    assert.equal(at(text, mapped, mapped.text.indexOf('d')), '5:2');
  });

  it('maps a literal block with CRLF line ends, the break at the \\r', () => {
    const text = 'run: |\r\n  echo a\r\n  echo b\r\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'echo a\necho b\n');
    assert.equal(mapped.toDocument(6), text.indexOf('\r\n  echo b'));
    assert.equal(at(text, mapped, 7), '2:2');
  });

  it('maps escapes of double quotes to their backslash and folds lines', () => {
    const text = 'k: "a\\tb\\u00e9 \\\n    c\n\n   d"\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'a\tbé c\nd');
    assert.equal(mapped.toDocument(1), text.indexOf('\\t'));
    assert.equal(mapped.toDocument(3), text.indexOf('\\u00e9'));
    assert.equal(at(text, mapped, mapped.text.indexOf('c')), '1:4');
    assert.equal(at(text, mapped, mapped.text.indexOf('d')), '3:3');
  });

  it("collapses '' in single quotes and folds plain multi-line scalars", () => {
    const single = "k: 'it''s /run'\n";
    const one = scalarOf(single).mapped;
    assert.equal(one.text, "it's /run");
    assert.equal(one.toDocument(one.text.indexOf('/run')), single.indexOf('/run'));

    const plain = 'k: first part\n   second   \n\n   third\n';
    const two = scalarOf(plain).mapped;
    assert.equal(two.text, 'first part second\nthird');
    assert.equal(at(plain, two, two.text.indexOf('second')), '1:3');
    assert.equal(at(plain, two, two.text.indexOf(' second')), '0:13');
    assert.equal(at(plain, two, two.text.indexOf('third')), '3:3');
  });

  it('counts UTF-16 columns for non-ASCII text and keeps tabs inside a literal block', () => {
    const text = 'run: |\n  echo "héllo 🐳"\n  \tdocker ps\n';
    const { mapped } = scalarOf(text);

    assert.equal(mapped.text, 'echo "héllo 🐳"\n\tdocker ps\n');
    assert.equal(at(text, mapped, mapped.text.indexOf('🐳')), '1:14');
    assert.equal(at(text, mapped, mapped.text.indexOf('docker')), '2:3');
  });

  it('keeps the spelling of plain scalars that YAML reads as numbers or booleans', () => {
    assert.equal(scalarOf('k: 0x10\n').mapped.text, '0x10');
    assert.equal(scalarOf('k: true\n').mapped.text, 'true');
  });
});

const WORD = fc.stringMatching(/^[a-z0-9é🐳/:._-]{1,8}$/);
/** Block scalars take any character: comment signs, quotes, backslashes and tabs are content. */
const BLOCK_WORD = fc.stringMatching(/^[a-z0-9é🐳/:._#"'\\\t-]{1,8}$/);
const ESCAPED_WORD = fc.oneof(WORD, fc.constantFrom('\\t', '\\"', '\\\\', '\\u00e9', 'a\\ b'));
const LINE = fc.oneof(
  fc.constant(''),
  fc.array(BLOCK_WORD, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
  fc.array(BLOCK_WORD, { minLength: 1, maxLength: 3 }).map((w) => '  ' + w.join(' ')),
  fc.constant('   '),
);

function blockScalar(lines: string[], header: string, indent: string, eol: string): string {
  const body = lines.map((l) => (l === '' ? '' : indent + l)).join(eol);
  return `a:${eol}  k: ${header}${eol}${body}${eol}next: 1${eol}`;
}

function flowScalar(words: string[], style: 'plain' | 'single' | 'double', eol: string): string {
  const joined = words.join(`${eol}    `);
  const quoted = style === 'single' ? `'${joined}'` : style === 'double' ? `"${joined}"` : joined;
  return `a:${eol}  k: ${quoted}${eol}`;
}

/** Every letter or digit of the value maps to the same character of the document, in order. */
function assertFaithful(text: string, faithful = /[a-z0-9/:.é_-]/): void {
  const doc = parseDocument(text, { keepSourceTokens: true });
  fc.pre(doc.errors.length === 0);
  let node: unknown = doc.contents;
  while (isMap(node)) node = node.items[0]?.value;
  fc.pre(isScalar(node) && typeof node.value === 'string');
  const scalar = node as Scalar;
  const mapped = mapScalar(scalar, text);

  assert.equal(mapped.text, scalar.value);
  let previous = -1;
  for (let i = 0; i <= mapped.text.length; i++) {
    const offset = mapped.toDocument(i);
    assert.ok(offset >= previous, `offset ${i} goes back`);
    previous = offset;
    const ch = mapped.text[i] ?? '';
    if (faithful.test(ch)) assert.equal(text[offset], ch, `value character ${i}`);
  }
}

describe('github: YAML offset mapping agrees with the yaml package on generated scalars', () => {
  it('maps literal and folded blocks with any chomping, indicator and line end', () => {
    const header = fc.tuple(
      fc.constantFrom('|', '>'),
      fc.constantFrom('', '-', '+'),
      fc.constantFrom('', '2'),
    );
    fc.assert(
      fc.property(
        fc.array(LINE, { minLength: 1, maxLength: 6 }),
        header,
        fc.constantFrom('\n', '\r\n'),
        (lines, [mode, chomp, digit], eol) => {
          const text = blockScalar(lines, mode + digit + chomp, '    ', eol);
          assertFaithful(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('maps double-quoted scalars with escapes folded over lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(ESCAPED_WORD, fc.constant('')), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\n', '\r\n'),
        (words, eol) => assertFaithful(flowScalar(words, 'double', eol), /[a-z0-9/:._-]/),
      ),
      { numRuns: 300 },
    );
  });

  it('maps plain, single- and double-quoted scalars folded over lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(WORD, fc.constant('')), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('plain', 'single', 'double') as fc.Arbitrary<'plain' | 'single' | 'double'>,
        fc.constantFrom('\n', '\r\n'),
        (words, style, eol) => {
          fc.pre(style !== 'plain' || (words[0] !== '' && words[words.length - 1] !== ''));
          assertFaithful(flowScalar(words, style, eol));
        },
      ),
      { numRuns: 400 },
    );
  });
});
