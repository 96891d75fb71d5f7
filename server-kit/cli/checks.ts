/** One line of a CLI's `doctor`: what was looked at, how it stands, and what the person at the terminal should know or do. */
export interface Check {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

const MARK = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/**
 * Prints a doctor's checks, one per line (a detail's further lines indented
 * under it) or as JSON, and sets exit code 1 when any failed, so a script
 * can act on the outcome without reading it.
 */
export function writeChecks(checks: readonly Check[], json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  else
    for (const c of checks)
      process.stdout.write(`[${MARK[c.status]}] ${c.name}: ${c.detail.replace(/\n/g, '\n       ')}\n`);
  if (checks.some((c) => c.status === 'fail')) process.exitCode = 1;
}
