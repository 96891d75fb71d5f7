import { CASE_LOOKUP_WRONG_TRIES_PER_MINUTE } from '../../common/hub/cases';

const WINDOW_MS = 60_000;

/**
 * Wrong phone suffixes given at this kiosk within a minute, limited as the
 * hub limits them, so the digits of a case cannot be guessed here while the
 * hub is out of reach. The hub also counts per reference, for tries spread
 * over many kiosks; here every try is this kiosk's, so its own count is
 * already the stricter one. In memory: a restart forgets them, which buys a
 * guesser one more handful of tries after a restart they cannot cause from
 * the touchscreen.
 */
export class WrongTries {
  private tries: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit = CASE_LOOKUP_WRONG_TRIES_PER_MINUTE,
  ) {}

  /** Seconds until a lookup may be made again; undefined when it may now. */
  refusedFor(): number | undefined {
    const now = this.now();
    this.tries = this.tries.filter((t) => t > now - WINDOW_MS);
    if (this.tries.length < this.limit) return undefined;
    // The try that must leave the minute before another is allowed.
    const until = this.tries[this.tries.length - this.limit]! + WINDOW_MS;
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  wrong(): void {
    this.tries.push(this.now());
  }
}
