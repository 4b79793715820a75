import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const SCRIPT = path.join(__dirname, 'diagnostics.lua');
const COMPOSE = path.join(ROOT, 'test', 'fixtures', 'server', 'neovim', 'compose.yaml');
const DOCS = 'https://github.com/docker-socket-guard/docker-socket-guard/blob/main/docs/rules/';

interface NeovimResult {
  error?: string;
  received: boolean;
  diagnostics: Array<Record<string, unknown>>;
  hover: string | null;
}

function neovimVersion(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Neovim is not installed: run `apt-get install -y neovim` (Debian) to run this test',
    );
  }
  return probe.stdout.split('\n')[0] ?? '';
}

/** Runs the Lua script in a headless Neovim against the bundled server. */
function runNeovim(file: string, settings: unknown, hover: [number, number]): NeovimResult {
  const work = mkdtempSync(path.join(tmpdir(), 'dsg-nvim-'));
  const out = path.join(work, 'result.json');
  try {
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${SCRIPT}`], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        XDG_STATE_HOME: work,
        XDG_CACHE_HOME: work,
        DSG_SERVER: SERVER,
        DSG_NODE: process.execPath,
        DSG_FILE: file,
        DSG_OUT: out,
        DSG_SETTINGS: JSON.stringify(settings),
        DSG_HOVER_LINE: String(hover[0]),
        DSG_HOVER_CHARACTER: String(hover[1]),
      },
    });
    assert.equal(run.status, 0, `nvim failed: ${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('Neovim (headless) with the bundled server', function () {
  this.timeout(90_000);

  before(() => {
    neovimVersion();
  });

  it('shows the exact diagnostics of a Compose file and the hover of a finding', () => {
    const result = runNeovim(COMPOSE, { rules: { DSG005: 'hint' } }, [4, 10]);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.received, true);
    assert.deepEqual(result.diagnostics, [
      {
        lnum: 4,
        col: 8,
        end_lnum: 4,
        end_col: 52,
        severity: 1,
        message:
          'Service "agent" mounts the Docker socket /var/run/docker.sock read-only ' +
          '(read-only does not limit the API)',
        source: 'docker-socket-guard',
        code: 'DSG001',
        href: `${DOCS}DSG001.md`,
      },
      {
        lnum: 7,
        col: 16,
        end_lnum: 7,
        end_col: 20,
        severity: 4,
        message: 'Service "docker" runs the Docker-in-Docker image docker:27-dind privileged',
        source: 'docker-socket-guard',
        code: 'DSG005',
        href: `${DOCS}DSG005.md`,
      },
    ]);
    assert.ok(result.hover?.includes('**Read-only does not help.**'), String(result.hover));
    assert.ok(result.hover?.includes('(line 5: `/var/run/docker.sock:/var/run/docker.sock:ro`)'));
  });
});
