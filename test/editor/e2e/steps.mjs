// Runs the end-to-end test as named steps: a screenshot after each, and on failure the step's
// name, the last screenshot and code-server's log tail, so a red run says where it broke.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Thrown by a step that cannot run yet for a reason outside this test (e.g. no fixes exist). */
export class StepSkipped extends Error {}

export class Steps {
  constructor({ page, shotsDir, logTail }) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.logTail = logTail;
    this.results = [];
    this.lastShot = undefined;
    this.stopped = undefined;
    mkdirSync(shotsDir, { recursive: true });
  }

  /**
   * Runs one step unless an earlier one failed or skipped the rest. Returns the step's value,
   * or undefined when it did not pass.
   */
  async run(name, fn) {
    if (this.stopped) {
      // After a skip the rest skips for the same reason; after a failure it cannot run.
      const status = this.stopped.status === 'skipped' ? 'skipped' : 'not run';
      this.record(name, status, Date.now(), this.stopped.reason);
      return undefined;
    }
    const started = Date.now();
    try {
      const value = await fn();
      await this.shot(name);
      this.record(name, 'passed', started);
      return value;
    } catch (error) {
      if (error instanceof StepSkipped) {
        await this.shot(`${name} (skipped)`);
        this.record(name, 'skipped', started, error.message);
        this.stopped = { status: 'skipped', reason: error.message };
        return undefined;
      }
      await this.shot(`${name} (failed)`);
      this.record(name, 'failed', started, error instanceof Error ? error.message : String(error));
      this.stopped = { status: 'failed', reason: `step "${name}" failed` };
      this.reportFailure(name, error);
      return undefined;
    }
  }

  async shot(name) {
    const file = path.join(
      this.shotsDir,
      `${String(this.results.length + 1).padStart(2, '0')}-${slug(name)}.png`,
    );
    try {
      await this.page.screenshot({ path: file });
      this.lastShot = file;
    } catch (error) {
      console.error(`[e2e] no screenshot for "${name}": ${error.message}`);
    }
    return file;
  }

  record(name, status, started, detail) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.results.push({ name, status, detail, shot: this.lastShot });
    const suffix = detail && status !== 'failed' ? ` (${detail})` : '';
    const label = status === 'passed' ? 'ok' : status;
    console.log(`[e2e] ${label.padEnd(7)} ${name} [${seconds} s]${suffix}`);
  }

  reportFailure(name, error) {
    console.error(`[e2e] FAILED at step "${name}"`);
    console.error(`[e2e]   ${error instanceof Error ? error.message : String(error)}`);
    console.error(`[e2e]   last screenshot: ${this.lastShot ?? '(none)'}`);
    console.error(`[e2e]   code-server log tail:\n${this.logTail()}`);
  }

  /** The screenshot a passed step left, for copying into the documentation. */
  shotOf(name) {
    return this.results.find((r) => r.name === name && r.status === 'passed')?.shot;
  }

  counts() {
    const count = (status) => this.results.filter((r) => r.status === status).length;
    return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
  }
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
