import { buildAll } from './lib/build';

const started = Date.now();
await buildAll();
process.stdout.write(`built dist/ in ${Date.now() - started} ms\n`);
