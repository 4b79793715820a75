/**
 * The server's own requests and commands, shared with the client. No imports: the client
 * bundle takes this file as it is.
 */

/** The source of every diagnostic this server publishes. */
export const DIAGNOSTIC_SOURCE = 'docker-socket-guard';

/** The configuration section the settings live in. */
export const SETTINGS_SECTION = 'dockerSocketGuard';

/** Request: analyse every matching file of the workspace folders; answers a ScanSummary. */
export const SCAN_WORKSPACE_REQUEST = 'dockerSocketGuard/scanWorkspace';

/** The same scan as a command, through `workspace/executeCommand`. */
export const SCAN_WORKSPACE_COMMAND = 'dockerSocketGuard.scanWorkspace';

/** What a workspace scan found. */
export interface ScanSummary {
  /** files analysed: recognised by name or content, not ignored, not excluded */
  files: number;
  /** findings in those files after the severity settings (rules set to off not counted) */
  findings: number;
}

/** What the server reads from `initializationOptions`; every field is optional. */
export interface InitializationOptions {
  /** delay between the last change of a document and its analysis, in ms (default 150) */
  debounceMs?: number;
  /** the `dockerSocketGuard` settings, for clients without `workspace/configuration` */
  settings?: unknown;
}

/** Editor languages whose documents the server analyses (the client syncs these). */
export const LANGUAGE_IDS: readonly string[] = [
  'dockerfile',
  'dockercompose',
  'yaml',
  'json',
  'jsonc',
  'shellscript',
  'makefile',
  'github-actions-workflow',
  'toml',
];

/** File patterns synced whatever their language id: the families recognised by name. */
export const FILE_PATTERNS: readonly string[] = [
  '**/Dockerfile*',
  '**/*.Dockerfile',
  '**/Containerfile*',
  '**/*compose*.y*ml',
  '**/.github/workflows/*.y*ml',
  '**/.gitlab-ci.yml',
  '**/*.gitlab-ci.yml',
  '**/.devcontainer/**/devcontainer.json',
  '**/.devcontainer.json',
  '**/daemon.json',
  '**/*.service',
  '**/*.sh',
  '**/Makefile',
  '**/*.mk',
  '**/config.toml',
];
