import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../../shared/analyse';
import type { RuleId } from '../../shared/model/finding';
import { RULE_IDS, RULES, ruleDocUrl } from '../../shared/model/rules';
import { ROOT } from './client';

/**
 * The rule pages stay true to the engine: every example block is analysed. A block's info
 * string is `<language> <file name> <role>`:
 * - `fires`, `before`: the page's rule fires;
 * - `clean`: the page's rule does not fire;
 * - `after`: the page's rule fires at most as information (a trusted proxy keeps its mount);
 * - `suppressed`: the rule does not fire and no suppression notice is raised.
 */
const BLOCK = /^```(\S+) (\S+) (fires|clean|before|after|suppressed)\n([\s\S]*?)^```$/gm;

interface Example {
  fileName: string;
  role: string;
  text: string;
}

function examples(page: string): Example[] {
  return [...page.matchAll(BLOCK)].map((match) => ({
    fileName: match[2] as string,
    role: match[3] as string,
    text: match[4] as string,
  }));
}

function verdict(id: RuleId, example: Example): string | undefined {
  const result = analyse({ fileName: example.fileName, text: example.text });
  const own = result.findings.filter((finding) => finding.ruleId === id);
  const loud = own.filter((finding) => finding.severity !== 'information');
  const where = `${example.role} ${example.fileName}:\n${example.text}`;
  if (result.kind === undefined) return `not recognised: ${where}`;
  if ((example.role === 'fires' || example.role === 'before') && own.length === 0)
    return `does not fire: ${where}`;
  if (example.role === 'clean' && own.length > 0) return `fires: ${where}`;
  if (example.role === 'after' && loud.length > 0) return `still fires: ${where}`;
  if (example.role === 'suppressed' && (own.length > 0 || result.notices.length > 0))
    return `not suppressed: ${where}`;
  return undefined;
}

function page(name: string): string {
  return readFileSync(path.join(ROOT, 'docs', 'rules', name), 'utf8');
}

describe('rule pages (docs/rules)', () => {
  for (const id of RULE_IDS) {
    describe(id, () => {
      const text = page(`${id}.md`);
      const blocks = examples(text);

      it('starts with the rule id and the catalogue title', () => {
        assert.equal(text.split('\n')[0], `# ${id}: ${RULES[id].title}`);
      });

      it('has examples that fire and that do not, before/after pairs and a suppression', () => {
        const roles = new Set(blocks.map((block) => block.role));
        assert.deepEqual(
          ['fires', 'clean', 'before', 'after', 'suppressed'].filter((role) => !roles.has(role)),
          [],
        );
        const before = blocks.filter((block) => block.role === 'before').length;
        assert.equal(before, blocks.filter((block) => block.role === 'after').length);
      });

      it('says only what the engine does on every example', () => {
        assert.deepEqual(
          blocks.map((block) => verdict(id, block)).filter((problem) => problem !== undefined),
          [],
        );
      });
    });
  }

  it('lists every rule in the index with a link to its page', () => {
    const index = page('README.md');
    for (const id of RULE_IDS) {
      assert.ok(index.includes(`[${id}](${id}.md)`), id);
      assert.ok(ruleDocUrl(id).endsWith(`/docs/rules/${id}.md`));
    }
  });
});
