// Packages the extension as users get it: `vsce package --no-dependencies` (the bundles carry
// their dependencies), into test-output/.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { OUTPUT_DIR, ROOT, extensionRoot } from './env.mjs';
import { runLogged } from './processes.mjs';

export async function packageExtension({ logFile }) {
  const root = extensionRoot();
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(OUTPUT_DIR, `${manifest.name}-${manifest.version}.vsix`);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  rmSync(vsix, { force: true });
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The two allowances only stop vsce from asking questions on a terminal nobody watches.
  const args = [vsce, 'package', '--no-dependencies', '--out', vsix];
  args.push('--allow-missing-repository', '--skip-license');
  await runLogged(process.execPath, args, {
    cwd: root,
    env: process.env,
    logFile,
    label: 'vsce package',
  });
  return vsix;
}
