import { buildProgramBundles } from '../scripts/lib/program-bundles';

// Once per test run, before any test file: the programs the tests start as
// processes, bundled from the sources as they are now.
export async function setup(): Promise<void> {
  // `npm test` built them already, once for its two runs at once (scripts/test.ts).
  if (process.env['KIOSK_TEST_PROGRAMS_BUILT'] === '1') return;
  await buildProgramBundles();
}
