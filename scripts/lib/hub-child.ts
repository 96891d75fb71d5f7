/**
 * The demo hub as `npm start` runs it: the hub's own entry point
 * (hub/main.ts), started with an IPC channel to npm start. The channel
 * closes when npm start ends, however it ends — kill -9 included — and
 * the hub then stops as on SIGTERM, so it never outlives the demo.
 */
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
await import('../../hub/main');

export {};
