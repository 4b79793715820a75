// Checks the system tools the editor tests need and names the Debian package for each one missing.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { chromePath } from './env.mjs';

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What building code-server's native modules needs (node-gyp, kerberos, ripgrep stand-in). */
const INSTALL_NEEDS = [
  { what: 'ripgrep (rg)', pkg: 'ripgrep', ok: () => onPath('rg') },
  { what: 'make', pkg: 'build-essential', ok: () => onPath('make') },
  { what: 'a C++ compiler (g++)', pkg: 'build-essential', ok: () => onPath('g++') },
  { what: 'python3 (node-gyp)', pkg: 'python3', ok: () => onPath('python3') },
  { what: 'pkg-config', pkg: 'pkg-config', ok: () => onPath('pkg-config') },
  {
    what: 'Kerberos headers (gssapi)',
    pkg: 'libkrb5-dev',
    ok: () => existsSync('/usr/include/gssapi/gssapi.h') || onPath('krb5-config'),
  },
];

/** node-gyp builds against these headers instead of downloading them (npm_config_nodedir). */
export function nodeDir() {
  return process.env.npm_config_nodedir || '/usr';
}

/**
 * Returns the missing tools for the given needs. `codeServer` adds the install toolchain,
 * `browser` the Chromium build, `neovim` the editor of the second LSP client test.
 */
export function missingPrerequisites({ codeServer, browser, neovim }) {
  const needs = [];
  if (codeServer) needs.push(...INSTALL_NEEDS);
  if (browser) {
    const chrome = chromePath();
    needs.push({ what: `Chromium at ${chrome}`, pkg: 'chromium', ok: () => executable(chrome) });
  }
  if (neovim) needs.push({ what: 'Neovim (nvim)', pkg: 'neovim', ok: () => onPath('nvim') });
  const missing = needs.filter((need) => !need.ok());

  const headers = path.join(nodeDir(), 'include', 'node', 'node.h');
  if (codeServer && !existsSync(headers)) {
    missing.push({
      what: `Node.js headers at ${headers} (node-gyp must not download them; npm_config_nodedir overrides the folder)`,
      pkg: 'nodejs',
    });
  }
  return missing;
}

/** Prints what is missing and the one apt-get line that installs it. */
export function reportMissing(missing) {
  const packages = [...new Set(missing.map((m) => m.pkg))];
  console.error('The editor tests cannot run: these system tools are missing:');
  for (const m of missing) console.error(`  - ${m.what}  (Debian package: ${m.pkg})`);
  console.error('Install them with:');
  console.error(
    `  apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`,
  );
  if (missing.some((m) => m.pkg === 'chromium')) {
    console.error('or point CHROME_PATH at another Chromium or Chrome executable.');
  }
}
