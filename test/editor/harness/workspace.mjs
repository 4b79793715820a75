// The fixture workspace, copied fresh for each run: the tests write settings and files into it.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_WORKSPACE } from './env.mjs';

export function copyWorkspace(tmp) {
  const workspace = path.join(tmp, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  return workspace;
}
