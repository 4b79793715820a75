import { strict as assert } from 'assert';
import { brief, scan } from './shell.helpers';

describe('shell: scale', () => {
  it('reads a docker run with 100,000 arguments across continuations in one pass', () => {
    const parts = ['docker run'];
    for (let i = 0; i < 50_000; i++) parts.push(`-e A${i}=b`);
    parts.push('-v /var/run/docker.sock:/s alpine');
    const text = parts.join(' \\\n  ');
    const { findings } = scan(text);
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 50001:5-50001:25 "/var/run/docker.sock"',
    ]);
  });

  it('reads 30,000 quoted words with substitutions given to echo without a finding', () => {
    const words = Array.from({ length: 30_000 }, () => `"a$i" '$(x)' \`y\``);
    const text = `echo ${words.join(' ')}\ndocker run -v /:/host alpine\n`;
    const { findings } = scan(text);
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.span.range.start.line}:${f.span.range.start.character}`),
      ['DSG002 1:14'],
    );
  });
});
