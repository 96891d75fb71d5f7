/**
 * Summaries of measured values: the benchmarks' samples, and the waits and
 * durations of calls in the hub's figures. Both report a value that was
 * measured, never one between two (nearest rank), so a figure can always be
 * traced to a call or a run.
 */

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The nearest-rank percentile: a sample that was measured, never an interpolation. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
