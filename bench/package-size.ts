import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { RESULTS } from './inputs';

const ROOT = resolve(__dirname, '..');
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

export interface PackageSize {
  /** bytes of the .vsix, or undefined when vsce failed */
  bytes?: number;
  /** how it was packaged, and why not as asked when it was not */
  how: string;
}

function vsce(cwd: string, out: string): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '-o', out], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  return { ok: result.status === 0 && existsSync(out), output };
}

/**
 * The .vsix as `vsce package --no-dependencies` makes it in the project. When vsce refuses the
 * project as it is, the same files are packaged from a copy whose package.json has no `files`
 * (vsce then reads .vscodeignore alone), and the refusal is reported.
 */
export function packageSize(): PackageSize {
  const out = join(RESULTS, 'x.vsix');
  rmSync(out, { force: true });
  const direct = vsce(ROOT, out);
  if (direct.ok) return { bytes: statSync(out).size, how: 'vsce package --no-dependencies' };

  const reason =
    direct.output.split('\n').find((l) => /error/i.test(l)) ?? direct.output.slice(0, 200);
  const copy = mkdtempSync(join(tmpdir(), 'dsg-vsix-'));
  try {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete manifest.files;
    writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
    for (const file of [
      '.vscodeignore',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'icon.png',
      'dist/client.js',
      'dist/server.js',
    ]) {
      if (!existsSync(join(ROOT, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(copy, file));
    }
    const copied = vsce(copy, out);
    const how = `vsce refused the project (${reason.trim()}); packaged from a copy without "files"`;
    return copied.ok
      ? { bytes: statSync(out).size, how }
      : { how: `${how}: ${copied.output.slice(0, 200)}` };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
