import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/extension';
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

  it('times its activation: modules, the activate() call, the language server ready', async () => {
    const { activation } = (await extension().activate()) as ExtensionApi;
    const { modules, call, client, ready } = activation;
    for (const value of [modules, call, client, ready]) {
      assert.ok(typeof value === 'number' && Number.isFinite(value) && value >= 0, String(value));
    }
    // The client library is loaded once activate() has returned, the server started after that.
    assert.ok(
      client !== undefined && client >= call,
      'the client is made after activate() returned',
    );
    assert.ok(
      ready !== undefined && ready >= client,
      'the server is ready after the client is made',
    );

    // A record for the benchmark report, never a pass mark: durations are measured, not tested.
    const figures = [
      `${modules.toFixed(1)} ms evaluating the modules`,
      `${call.toFixed(1)} ms in activate()`,
      `client made after ${client.toFixed(1)} ms`,
      `server ready after ${ready.toFixed(1)} ms`,
    ];
    console.log(`      activation: ${figures.join(', ')}`);
    const output = process.env.DSG_EDITOR_OUTPUT;
    if (output) {
      fs.writeFileSync(path.join(output, 'activation.json'), JSON.stringify(activation, null, 2));
    }
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
