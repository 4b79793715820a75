import * as assert from 'assert';
import { COMPOSE, DIND, DOCKERFILE, KUBERNETES, SHELL } from './expectations';
import {
  NO_FIXES_REASON,
  isKind,
  openFinding,
  serverOffersFixes,
  titles,
  type FixKind,
} from './fixes';
import { fixesAt } from './helpers';

interface Offer {
  file: string;
  rule: string;
  lines: readonly number[];
  kinds: readonly FixKind[];
}

/** Which ways out the quick-fix specification gives each kind of finding in each family. */
const OFFERS: readonly Offer[] = [
  { file: COMPOSE, rule: 'DSG001', lines: [5], kinds: ['remove', 'tls', 'proxy', 'suppress'] },
  { file: KUBERNETES, rule: 'DSG001', lines: [22, 23, 24], kinds: ['remove', 'tls', 'suppress'] },
  // A comment line cannot go inside a `\`-continued command, so no suppress fix there.
  { file: SHELL, rule: 'DSG001', lines: [4], kinds: ['remove', 'tls'] },
  { file: SHELL, rule: 'DSG003', lines: [6], kinds: ['context', 'tls', 'suppress'] },
  { file: DIND, rule: 'DSG005', lines: [1, 2, 3], kinds: ['sysbox', 'suppress'] },
  { file: DOCKERFILE, rule: 'DSG003', lines: [1], kinds: ['tls', 'suppress'] },
];

describe('Quick fixes offered at a finding', function () {
  before(async function () {
    if (!(await serverOffersFixes())) {
      console.log(`    ${NO_FIXES_REASON}`);
      this.skip();
    }
  });

  for (const offer of OFFERS) {
    it(`${offer.rule} in ${offer.file}: ${offer.kinds.join(', ')}`, async () => {
      const finding = await openFinding(offer.file, offer.rule, offer.lines);
      const actions = await fixesAt(finding.document.uri, finding.diagnostic.range);

      for (const kind of offer.kinds) {
        assert.ok(
          actions.some((a) => isKind(a, kind)),
          `a "${kind}" fix among ${titles(actions)}`,
        );
      }
      for (const action of actions) {
        assert.ok(action.edit || action.command, `"${action.title}" carries an edit`);
      }
    });
  }
});
