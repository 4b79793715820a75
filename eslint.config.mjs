import tseslint from 'typescript-eslint';

const engineBans = {
  paths: [
    { name: 'vscode', message: 'The engine is pure: only client/ may import vscode.' },
    { name: 'fs', message: 'The engine takes text, never reads files.' },
    { name: 'node:fs', message: 'The engine takes text, never reads files.' },
    { name: 'fs/promises', message: 'The engine takes text, never reads files.' },
    { name: 'node:fs/promises', message: 'The engine takes text, never reads files.' },
    { name: 'process', message: 'The engine does not touch the process.' },
    { name: 'node:process', message: 'The engine does not touch the process.' },
    { name: 'child_process', message: 'The engine spawns nothing.' },
    { name: 'node:child_process', message: 'The engine spawns nothing.' },
  ],
  patterns: [
    {
      group: ['vscode-languageserver', 'vscode-languageserver/*'],
      message: 'Only server/ talks LSP.',
    },
    {
      group: ['vscode-languageclient', 'vscode-languageclient/*'],
      message: 'Only client/ talks LSP.',
    },
    {
      group: ['**/server/**', '**/client/**', '**/cli/**'],
      message: 'Dependencies point one way: the engine imports none of its users.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'out/**',
      '.cache/**',
      'test-output/**',
      'bench/results/**',
      'test/fixtures/**',
      'examples/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-warning-comments': [
        'error',
        { terms: ['todo', 'fixme', 'xxx', 'hack'], location: 'start' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', engineBans],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename'],
      'no-console': 'error',
    },
  },
  {
    files: ['server/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only client/ may import vscode.' }] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
