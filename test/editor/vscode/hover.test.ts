import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMPOSE, DOCKERFILE, KUBERNETES, SHELL } from './expectations';
import { hoverText, openFixture, ruleOf, waitForRule } from './helpers';

interface HoverCase {
  name: string;
  file: string;
  rule: string;
  line: number | readonly number[];
  /** each must appear in the hover: words written for this finding, not a generic blurb */
  mentions: ReadonlyArray<string | RegExp>;
}

const ATTACK = [/--privileged/, /root on the host/i];

const CASES: readonly HoverCase[] = [
  {
    name: 'a Compose socket mount: the service, the path, the attack, the safer options',
    file: COMPOSE,
    rule: 'DSG001',
    line: 5,
    mentions: ['agent', '/var/run/docker.sock', ...ATTACK, /TLS/, /proxy/i, /Sysbox/i, 'DSG001.md'],
  },
  {
    name: 'a read-only hostPath mount: why read-only does not help',
    file: KUBERNETES,
    rule: 'DSG001',
    line: [22, 23, 24],
    mentions: ['/var/run/docker.sock', ...ATTACK, /read-?only/i, 'DSG001.md'],
  },
  {
    name: 'a plain-TCP client in a Dockerfile: the endpoint and TLS',
    file: DOCKERFILE,
    rule: 'DSG003',
    line: 1,
    mentions: ['tcp://docker:2375', /TLS/, 'DSG003.md'],
  },
  {
    name: 'a plain-TCP client in a script: a Docker context as the way out',
    file: SHELL,
    rule: 'DSG003',
    line: 6,
    mentions: ['tcp://build-host:2375', /context/i, 'DSG003.md'],
  },
];

async function findingAt(kase: HoverCase): Promise<{ uri: vscode.Uri; range: vscode.Range }> {
  const { document } = await openFixture(kase.file);
  const lines = typeof kase.line === 'number' ? [kase.line] : kase.line;
  const list = await waitForRule(document.uri, kase.rule);
  const found = list.find((d) => ruleOf(d) === kase.rule && lines.includes(d.range.start.line));
  assert.ok(found, `${kase.rule} on line ${lines.join(' or ')} of ${kase.file}`);
  return { uri: document.uri, range: found.range };
}

describe('Hovers explain the finding under the cursor', () => {
  for (const kase of CASES) {
    it(kase.name, async () => {
      const { uri, range } = await findingAt(kase);
      const inside = range.start.translate(
        0,
        Math.min(1, range.end.character - range.start.character),
      );
      const text = await hoverText(uri, inside);

      for (const mention of kase.mentions) {
        const found = typeof mention === 'string' ? text.includes(mention) : mention.test(text);
        assert.ok(found, `hover mentions ${String(mention)}; hover was:\n${text}`);
      }
    });
  }

  it('anywhere else the hover has nothing of ours', async () => {
    const { document } = await openFixture(COMPOSE);
    await waitForRule(document.uri, 'DSG001');

    for (const position of [new vscode.Position(3, 6), new vscode.Position(8, 10)]) {
      const text = await hoverText(document.uri, position);
      assert.doesNotMatch(
        text,
        /DSG00\d|docker\.sock|docs\/rules/,
        `hover at line ${position.line}`,
      );
    }
  });
});
