/**
 * Lets through at most `perWindow` log lines a window; of the rest only the
 * number is told, once, with the first line of the next window.
 */
export class LogBudget {
  private windowStart = -Infinity;
  private used = 0;
  private skipped = 0;

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly tellSkipped: (skipped: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  note(log: () => void): void {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      if (this.skipped > 0) this.tellSkipped(this.skipped);
      this.windowStart = t;
      this.used = 0;
      this.skipped = 0;
    }
    if (this.used < this.perWindow) {
      this.used += 1;
      log();
    } else {
      this.skipped += 1;
    }
  }
}
