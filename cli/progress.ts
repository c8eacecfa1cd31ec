// A one-line progress display on stderr for long evaluations: only on a terminal, never in a log.
export class Progress {
  private done = 0;
  private errors = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled && process.stderr.isTTY === true;
  }

  host(): void {
    this.done++;
    this.draw();
  }

  error(): void {
    this.errors++;
    this.draw();
  }

  private draw(force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(this.done / seconds);
    process.stderr.write(`\r\u001b[2Knestready: ${this.done.toLocaleString('en-US')} hosts · ${rate.toLocaleString('en-US')}/s · ${this.errors} unreadable`);
  }

  // Erase the line so the report (or the shell prompt) starts clean.
  finish(): void {
    if (this.enabled && this.lastDraw > 0) process.stderr.write('\r\u001b[2K');
  }
}
