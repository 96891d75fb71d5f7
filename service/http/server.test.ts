import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../../common/api/health';
import { createLogger } from '../../server-kit/logger';
import { startKioskServer, type Handlers, type KioskServer } from './server';

// startKioskServer without a port, as the in-process route tests use it. Only the
// health route has a handler here: the others are never called.
const handlers = { health: () => ({ version: 'test' }) as unknown as Health } as unknown as Handlers;
const quiet = createLogger({ destination: { write: () => undefined } });
const options = {
  logger: quiet,
  handlers,
  rendererDir: undefined,
  secret: 'ui-secret',
  technicianToken: 'technician-token',
};

const servers: KioskServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('a server that does not listen', () => {
  it('binds nothing, and guards with the port it was given: its Host, and its socket in the CSP', async () => {
    const server = await startKioskServer({ ...options, port: 47_124, listen: false });
    servers.push(server);
    expect(server.app.server.listening).toBe(false);
    expect(server.port).toBe(47_124);
    const ok = await server.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: '127.0.0.1:47124', authorization: 'Bearer ui-secret' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-security-policy']).toContain('ws://127.0.0.1:47124');
    const otherPort = await server.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: '127.0.0.1:47125', authorization: 'Bearer ui-secret' },
    });
    expect(otherPort.statusCode).toBe(403);
  });
});

describe('a server that listens (the default)', () => {
  it('binds a free port on loopback and guards with that one', async () => {
    const server = await startKioskServer({ ...options, port: 0 });
    servers.push(server);
    expect(server.app.server.listening).toBe(true);
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health`, {
      headers: { authorization: 'Bearer ui-secret' },
    });
    expect(res.status).toBe(200);
  });
});
