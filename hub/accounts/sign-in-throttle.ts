import { isIPv6 } from 'node:net';

/**
 * Wrong sign-ins counted per client address. The account lock (five wrong
 * passwords) stops guessing one account's password; it does nothing against
 * one address trying one common password on many accounts, or against
 * locking every account in turn. So an address with too many failures in
 * the window is refused before any password is checked (which also spares
 * the argon2 work), until its oldest failure leaves the window.
 *
 * IPv6 addresses count by their /64: one subscriber usually holds a whole
 * /64 and could otherwise take a fresh address for every attempt.
 *
 * Kept in the instance's memory, bounded: with several instances behind a
 * balancer an address gets the budget once per instance it reaches, which
 * still bounds it; a restart forgets the counts, and the account locks in
 * the database stay.
 */

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_MAX_FAILURES = 10;
/** Addresses remembered at most; the least recently failing are forgotten first. */
const MAX_ADDRESSES = 50_000;

/** The key an address counts under: IPv4 as it is, IPv6 by its first 64 bits. */
export function throttleKey(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class SignInThrottle {
  /** Failure times per key, oldest first; the Map's order is least recently failing first. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly opts: { windowMs?: number; maxFailures?: number; maxAddresses?: number } = {}) {}

  private get windowMs(): number {
    return this.opts.windowMs ?? THROTTLE_WINDOW_MS;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** When the address may try again, if it may not now. */
  refusedUntil(address: string | undefined, now: Date): Date | undefined {
    const times = this.recent(throttleKey(address), now.getTime());
    if (times.length < (this.opts.maxFailures ?? THROTTLE_MAX_FAILURES)) return undefined;
    const oldest = times[times.length - (this.opts.maxFailures ?? THROTTLE_MAX_FAILURES)] ?? now.getTime();
    return new Date(oldest + this.windowMs);
  }

  recordFailure(address: string | undefined, now: Date): void {
    const key = throttleKey(address);
    const times = this.recent(key, now.getTime());
    times.push(now.getTime());
    // Re-inserted so the Map stays in order of the latest failure.
    this.failures.delete(key);
    this.failures.set(key, times.slice(-(this.opts.maxFailures ?? THROTTLE_MAX_FAILURES)));
    const max = this.opts.maxAddresses ?? MAX_ADDRESSES;
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= max) break;
      this.failures.delete(oldest);
    }
  }
}
