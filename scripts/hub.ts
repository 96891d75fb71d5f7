import { buildHubConsoleIfStale } from './lib/build';

// `npm run hub`: the console the hub serves is built first when its sources
// changed, so a hub started from a checkout never serves an old console.
await buildHubConsoleIfStale();
await import('../hub/main');
