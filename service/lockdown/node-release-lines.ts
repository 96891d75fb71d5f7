/**
 * End of life of Node.js release lines, from the Node.js Release Working
 * Group's schedule (github.com/nodejs/Release, schedule.json). After that
 * date a line gets no security fixes. Odd lines live about eight months and
 * are never LTS; even lines become LTS and live thirty months. Add the next
 * line when it is released (27 in October 2026, 28 in April 2027).
 */
export const NODE_END_OF_LIFE: Readonly<Record<number, string>> = {
  18: '2025-04-30',
  19: '2023-06-01',
  20: '2026-04-30',
  21: '2024-06-01',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
  26: '2029-04-30',
};

/** The oldest line in the table: anything older ended long ago. */
const OLDEST_LISTED = Math.min(...Object.keys(NODE_END_OF_LIFE).map(Number));

export type ReleaseLineSupport =
  | { state: 'supported'; endOfLife: string; daysLeft: number }
  | { state: 'ending'; endOfLife: string; daysLeft: number }
  | { state: 'ended'; endOfLife: string | undefined }
  | { state: 'unknown' };

/** Warn this many days before a line's end of life: time to plan the upgrade of a fleet. */
export const END_OF_LIFE_WARNING_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether Node `version` (e.g. "v24.11.1" or "24.11.1") still gets security fixes on `today`. */
export function releaseLineSupport(version: string, today: Date): ReleaseLineSupport {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major)) return { state: 'unknown' };
  const endOfLife = NODE_END_OF_LIFE[major];
  if (endOfLife === undefined)
    return major < OLDEST_LISTED ? { state: 'ended', endOfLife: undefined } : { state: 'unknown' };
  // The line is supported through its last day; compare whole UTC days.
  const end = Date.parse(`${endOfLife}T00:00:00Z`);
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const daysLeft = Math.round((end - day) / DAY_MS);
  if (daysLeft < 0) return { state: 'ended', endOfLife };
  return { state: daysLeft <= END_OF_LIFE_WARNING_DAYS ? 'ending' : 'supported', endOfLife, daysLeft };
}
