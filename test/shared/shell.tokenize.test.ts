import { strict as assert } from 'assert';
import fc from 'fast-check';
import { resolveCommand, splitCommands } from '../../shared/families/shell/commands';
import { MAX_NESTING } from '../../shared/families/shell/scan-word';
import { tokenize, type Token } from '../../shared/families/shell/tokenize';
import { scriptOffsetOf, type ShellWord } from '../../shared/families/shell/word';

/** Words of one token list as `value@start-end`. */
function words(tokens: readonly Token[] | undefined): string[] {
  return (tokens ?? []).flatMap((t) =>
    t.type === 'word' ? [`${t.word.value}@${t.word.start}-${t.word.end}`] : [],
  );
}

function wordAt(text: string, index: number, list = 0): ShellWord {
  const token = tokenize(text).lists[list]?.filter((t) => t.type === 'word')[index];
  if (token?.type !== 'word') throw new Error(`no word ${index}`);
  return token.word;
}

/** Script offsets of each value character. */
function offsets(word: ShellWord): number[] {
  return [...word.value].map((_, i) => scriptOffsetOf(word, i));
}

describe('shell tokenizer', () => {
  it('splits plain words on blanks and tabs with their offsets', () => {
    assert.deepEqual(words(tokenize('docker  run\t-v /a:/b').lists[0]), [
      'docker@0-6',
      'run@8-11',
      '-v@12-14',
      '/a:/b@15-20',
    ]);
  });

  it('removes single quotes and maps each value character to its script offset', () => {
    const word = wordAt("echo 'a b'c", 1);
    assert.equal(word.value, 'a bc');
    assert.equal(word.raw, "'a b'c");
    assert.deepEqual([word.start, word.end, word.quoted], [5, 11, true]);
    assert.deepEqual(offsets(word), [6, 7, 8, 10]);
  });

  it('reads double quotes with escapes and keeps $VAR literally', () => {
    const word = wordAt('x "a\\"b $HOME \\q"', 1);
    assert.equal(word.value, 'a"b $HOME \\q');
    assert.deepEqual([word.start, word.end], [2, 17]);
    assert.deepEqual(offsets(word), [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it("decodes $'...' escapes, each decoded character at its backslash", () => {
    const word = wordAt("echo $'a\\tb\\x41'", 1);
    assert.equal(word.value, 'a\tbA');
    assert.deepEqual([word.start, word.end], [5, 16]);
    assert.deepEqual(offsets(word), [7, 8, 10, 11]);
  });

  it('drops LF and CRLF line continuations between and inside words', () => {
    const text = 'docker \\\n  run -v /var/run/dock\\\r\ner.sock:/x';
    assert.deepEqual(words(tokenize(text).lists[0]), [
      'docker@0-6',
      'run@11-14',
      '-v@15-17',
      '/var/run/docker.sock:/x@18-44',
    ]);
    const word = wordAt(text, 3);
    assert.equal(scriptOffsetOf(word, 12), 30);
    assert.equal(scriptOffsetOf(word, 13), 34);
  });

  it('ends a word before a continuation that follows it', () => {
    assert.deepEqual(words(tokenize('run -v\\\r\n  /a:/b').lists[0]), [
      'run@0-3',
      '-v@4-6',
      '/a:/b@11-16',
    ]);
  });

  it('skips a comment only where a word starts', () => {
    const tokens = tokenize('echo a#b # c\nls').lists[0] ?? [];
    assert.deepEqual(words(tokens), ['echo@0-4', 'a#b@5-8', 'ls@13-15']);
    assert.deepEqual(tokens[2], { type: 'op', op: '\n', start: 12, end: 13 });
  });

  it('reads the command separators as operators', () => {
    const tokens = tokenize('a && b || c | d & e ; f\n( g ) { h; }').lists[0] ?? [];
    const ops = tokens.flatMap((t) => (t.type === 'op' ? [t.op] : []));
    assert.deepEqual(ops, ['&&', '||', '|', '&', ';', '\n', '(', ')', ';']);
  });

  it('reads redirections with file descriptors and leaves their targets out of commands', () => {
    const tokens = tokenize('cmd 2>&1 >out <in <<<word').lists[0] ?? [];
    const kinds = tokens.map((t) => (t.type === 'word' ? t.word.value : `${t.type}:${t.op}`));
    assert.deepEqual(kinds, [
      'cmd',
      'redirect:2>&',
      '1',
      'redirect:>',
      'out',
      'redirect:<',
      'in',
      'redirect:<<<',
      'word',
    ]);
    assert.deepEqual(
      splitCommands(tokens).map((c) => c.words.map((w) => w.value)),
      [['cmd']],
    );
  });

  it('reads here-document bodies as data: plain, tab-stripped and quoted delimiters', () => {
    const text = "cat <<EOF; cat <<-'END'\n$HOME line\nEOF\n\tbody\n\tEND\nls";
    const tokens = tokenize(text).lists[0] ?? [];
    const docs = tokens.flatMap((t) => (t.type === 'redirect' && t.heredoc ? [t.heredoc] : []));
    assert.deepEqual(docs, [
      { delimiter: 'EOF', quoted: false, stripTabs: false, bodyStart: 24, bodyEnd: 35 },
      { delimiter: 'END', quoted: true, stripTabs: true, bodyStart: 39, bodyEnd: 45 },
    ]);
    assert.deepEqual(words(tokens), ['cat@0-3', 'cat@11-14', 'ls@50-52']);
  });

  it('scans command substitutions as commands of their own, with positions', () => {
    const text = 'a=$(docker ps -q | head -1) b=`id -u`';
    const { lists } = tokenize(text);
    assert.deepEqual(words(lists[0]), ['a=$(docker ps -q | head -1)@0-27', 'b=`id -u`@28-37']);
    assert.deepEqual(words(lists[1]), [
      'docker@4-10',
      'ps@11-13',
      '-q@14-16',
      'head@19-23',
      '-1@24-26',
    ]);
    assert.deepEqual(words(lists[2]), ['id@31-33', '-u@34-36']);
    assert.equal(wordAt(text, 0).substituted, true);
  });

  it('nests substitutions inside substitutions', () => {
    const { lists } = tokenize('echo $(a $(b) c)');
    assert.deepEqual(lists.map(words), [
      ['echo@0-4', '$(a $(b) c)@5-16'],
      ['a@7-8', '$(b)@9-13', 'c@14-15'],
      ['b@11-12'],
    ]);
  });

  it('keeps ${...} with nested braces and quotes in one word', () => {
    assert.deepEqual(words(tokenize('echo ${A:-${B:-x}}y "${C#*}"').lists[0]), [
      'echo@0-4',
      '${A:-${B:-x}}y@5-19',
      '${C#*}@20-28',
    ]);
  });

  it('runs an unterminated quote or substitution to the end and reports it', () => {
    const quoted = tokenize('echo "abc');
    assert.deepEqual(words(quoted.lists[0]), ['echo@0-4', 'abc@5-9']);
    assert.deepEqual(quoted.problems, [{ offset: 5, message: 'unterminated double quote' }]);
    const substituted = tokenize('echo $(ls');
    assert.deepEqual(substituted.problems, [
      { offset: 5, message: 'unterminated command substitution' },
    ]);
    assert.deepEqual(words(substituted.lists[1]), ['ls@7-9']);
  });

  it('reads substitutions nested past MAX_NESTING levels as text, noted once', () => {
    const deep = (n: number): string => `${'$('.repeat(n)}x${')'.repeat(n)}`;
    const within = tokenize(`echo ${deep(MAX_NESTING)} y`);
    assert.deepEqual(within.problems, []);
    assert.equal(within.lists.length, MAX_NESTING + 1);

    const text = `echo ${deep(20_000)} \`a\` \${z:-\${z:-\${z}}} y`;
    const past = tokenize(text);
    assert.deepEqual(past.problems, [
      {
        offset: 5 + 2 * (MAX_NESTING + 1),
        message: `substitutions nest deeper than ${MAX_NESTING} levels`,
        consequence: 'what is nested deeper was read as text, not as commands',
      },
    ]);
    assert.equal(past.lists.length, MAX_NESTING + 2);
    const after = text.indexOf(' `a`') + 1;
    assert.deepEqual(words(past.lists[0]).slice(2), [
      `\`a\`@${after}-${after + 3}`,
      `\${z:-\${z:-\${z}}}@${after + 4}-${after + 20}`,
      `y@${after + 21}-${after + 22}`,
    ]);
  });

  it('reads ${...} nested 20,000 deep without exhausting the stack', () => {
    const text = `echo ${'"${x:-'.repeat(20_000)}${'}"'.repeat(20_000)} y`;
    const { lists, problems } = tokenize(text);
    assert.deepEqual(words(lists[0]).slice(-1), [`y@${text.length - 1}-${text.length}`]);
    assert.equal(problems.length, 1);
  });

  it('finds prefix assignments and the command behind env, sudo and other wrappers', () => {
    const [command] = splitCommands(
      tokenize('FOO=bar env -i A=1 sudo -u root B=2 docker run x').lists[0] ?? [],
    );
    const resolved = resolveCommand(command as NonNullable<typeof command>);
    assert.deepEqual(
      resolved.assignments.map((a) => `${a.name}=${a.value}`),
      ['FOO=bar', 'A=1', 'B=2'],
    );
    assert.deepEqual(
      resolved.argv.map((w) => w.value),
      ['docker', 'run', 'x'],
    );
  });

  it('never throws and keeps every value character inside its word', () => {
    const alphabet = fc.constantFrom(...'ab $\'"`\\(){}#;&|<>\n\r\t=:-x'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join('')),
        (text) => {
          for (const list of tokenize(text).lists) {
            for (const token of list) {
              if (token.type !== 'word') continue;
              const word = token.word;
              assert.ok(0 <= word.start && word.start <= word.end && word.end <= text.length);
              for (let i = 0; i < word.value.length; i++) {
                const at = scriptOffsetOf(word, i);
                assert.ok(
                  word.start <= at && at < Math.max(word.end, word.start + 1),
                  `${JSON.stringify(text)} ${i}`,
                );
              }
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
