import { buildProgramBundles } from '../scripts/lib/program-bundles';

// Once per test run, before any test file: the programs the tests start as
// processes, bundled from the sources as they are now.
export async function setup(): Promise<void> {
  await buildProgramBundles();
}
