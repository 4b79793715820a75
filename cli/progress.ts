/** The stream a progress line goes to (process.stderr, or a stand-in in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A one-line progress report on a terminal, shown only once a scan has run for a second. The
 * scan is synchronous, so the clock is read at each file rather than by a timer.
 */
export class Progress {
  private readonly started: number;
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    if (!this.stream.isTTY) return;

    const now = this.now();
    if (now - this.started < 1000 || now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    this.shown = true;
    this.stream.write(`\r\x1b[Kscanning: ${done}/${total} files`);
  }

  /** Clears the line so that the report starts on a clean one. */
  finish(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
