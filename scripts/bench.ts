import { callBench } from './bench/call';
import { devicesBench } from './bench/devices';
import { hubBench } from './bench/hub';
import { searchBench } from './bench/search';
import { startupBench } from './bench/startup';
import { uiBench } from './bench/ui';
import { updateBench } from './bench/update';

/**
 * `npm run bench -- <name>`: runs one benchmark. Its last output line is one
 * JSON object `{"bench":"<name>", …figures}`; speed is claimed against a
 * baseline measured in the same run, never by one absolute time.
 */
const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  startup: startupBench,
  search: searchBench,
  devices: devicesBench,
  ui: uiBench,
  hub: hubBench,
  call: callBench,
  update: updateBench,
};

const name = process.argv.slice(2).find((a) => !a.startsWith('--'));
const run = name === undefined ? undefined : benches[name];
if (run === undefined) {
  process.stderr.write(`usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(benches).join(', ')}\n`);
  process.exit(64);
}
const figures = await run();
process.stdout.write(`${JSON.stringify({ bench: name, ...figures })}\n`);
