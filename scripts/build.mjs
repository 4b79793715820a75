// Bundles the extension client, the language server and the CLI into dist/.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // Prefer ES module builds: some dependencies' UMD builds require their parts dynamically.
  mainFields: ['module', 'main'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['client/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  build({ ...common, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' }),
  build({
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
