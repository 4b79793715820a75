import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

interface Manifest {
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: unknown };
  contributes?: {
    commands?: Array<{ command: string }>;
    configuration?:
      { properties?: Record<string, unknown> } | Array<{ properties?: Record<string, unknown> }>;
  };
}

const LANGUAGES = ['dockerfile', 'dockercompose', 'yaml', 'shellscript', 'makefile'];
const SETTINGS = [
  'enable',
  'rules',
  'extraSocketPaths',
  'extraSocketDirs',
  'exclude',
  'trustedImages',
];

function settingKeys(manifest: Manifest): string[] {
  const configuration = manifest.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : [configuration ?? {}];
  return sections.flatMap((s) => Object.keys(s.properties ?? {}));
}

describe('The extension in VS Code', () => {
  const extension = (): vscode.Extension<unknown> => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is loaded`);
    return found;
  };

  it('activates', async () => {
    await extension().activate();
    assert.strictEqual(extension().isActive, true);
  });

  it('activates on its languages and file names only, never on everything', () => {
    const events = (extension().packageJSON as Manifest).activationEvents ?? [];
    assert.ok(!events.includes('*'), 'no "*" activation');
    for (const language of LANGUAGES) {
      assert.ok(events.includes(`onLanguage:${language}`), `onLanguage:${language}`);
    }
    assert.ok(
      events.some((e) => e.startsWith('workspaceContains:')),
      'workspaceContains events',
    );
  });

  it('declares untrusted and virtual workspace support', () => {
    const manifest = extension().packageJSON as Manifest;
    assert.strictEqual(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    assert.ok(manifest.capabilities?.virtualWorkspaces !== undefined, 'virtualWorkspaces declared');
  });

  it('contributes its settings and the workspace-scan command', () => {
    const manifest = extension().packageJSON as Manifest;
    const keys = settingKeys(manifest);
    for (const key of SETTINGS) assert.ok(keys.includes(`dockerSocketGuard.${key}`), key);
    const commands = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(commands.includes('dockerSocketGuard.scanWorkspace'), 'scanWorkspace command');
  });
});
