import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TRUSTED_IMAGES } from '../../shared/detect/images';
import { RULE_IDS, RULES } from '../../shared/model/rules';
import { defaultSettings, readSettings } from '../../shared/settings';
import {
  FILE_PATTERNS,
  LANGUAGE_IDS,
  SCAN_WORKSPACE_COMMAND,
  SETTINGS_SECTION,
} from '../../server/protocol';
import { ROOT } from './client';

interface Property {
  type: string;
  default: unknown;
  enum?: string[];
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, Property>;

/** The contributed defaults as VS Code hands them over: dotted keys become nested objects. */
function contributedDefaults(): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    const parts = key.split('.').slice(1);
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = property.default;
  }
  return tree;
}

describe('extension manifest', () => {
  it('contributes the rules setting: one severity per rule with the catalogue default', () => {
    const rules = properties[`${SETTINGS_SECTION}.rules`] as Property & {
      properties: Record<string, Property>;
      additionalProperties: boolean;
    };
    assert.deepEqual([rules.type, rules.additionalProperties], ['object', false]);
    assert.deepEqual(Object.keys(rules.properties), RULE_IDS);
    for (const id of RULE_IDS) {
      const property = rules.properties[id];
      assert.deepEqual(
        property && [property.type, property.enum, property.default],
        ['string', ['error', 'warning', 'information', 'hint', 'off'], RULES[id].defaultSeverity],
        id,
      );
      assert.equal((rules.default as Record<string, string>)[id], RULES[id].defaultSeverity);
    }
  });

  it('has defaults that read back as the engine defaults, without problems', () => {
    const defaults = contributedDefaults();
    assert.deepEqual(readSettings(defaults), { settings: defaultSettings(), problems: [] });
    assert.deepEqual(
      properties['dockerSocketGuard.trustedImages']?.default,
      DEFAULT_TRUSTED_IMAGES,
    );
    assert.equal(properties['dockerSocketGuard.trace.server']?.default, 'off');
  });

  it('activates on the served languages and file names only', () => {
    assert.deepEqual(manifest.activationEvents, [
      ...LANGUAGE_IDS.map((id) => `onLanguage:${id}`),
      ...FILE_PATTERNS.map((pattern) => `workspaceContains:${pattern}`),
    ]);
    assert.equal(manifest.activationEvents.includes('*'), false);
  });

  it('contributes the three commands and runs in untrusted and virtual workspaces', () => {
    assert.deepEqual(
      manifest.contributes.commands.map((c: { command: string }) => c.command),
      [
        SCAN_WORKSPACE_COMMAND,
        'dockerSocketGuard.showThreatModel',
        'dockerSocketGuard.openRuleReference',
      ],
    );
    assert.deepEqual(manifest.capabilities, {
      untrustedWorkspaces: { supported: true },
      virtualWorkspaces: true,
    });
  });
});
