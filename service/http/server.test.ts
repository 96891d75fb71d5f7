import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../common/api/contract';
import { EVENTS_PROTOCOL } from '../../common/api/events';
import type { Health } from '../../common/api/health';
import { createLogger } from '../../server-kit/logger';
import { LogBudget, startServer, type Handlers, type KioskServer } from './server';

// startServer without a port, as the in-process route tests use it. Only the
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
    const server = await startServer({ ...options, port: 47_124, listen: false });
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

  it('is refused without a port for its guard: port 0 would make every Host wrong', async () => {
    await expect(startServer({ ...options, port: 0, listen: false })).rejects.toThrow(
      'A server that does not listen needs the port its guard checks Host against',
    );
  });
});

describe('a server that listens (the default)', () => {
  it('binds a free port on loopback and guards with that one', async () => {
    const server = await startServer({ ...options, port: 0 });
    servers.push(server);
    expect(server.app.server.listening).toBe(true);
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health`, {
      headers: { authorization: 'Bearer ui-secret' },
    });
    expect(res.status).toBe(200);
  });
});

describe('a refused WebSocket', () => {
  it('has its connection closed once answered: nothing is left open to hold the server', async () => {
    const server = await startServer({ ...options, port: 0 });
    servers.push(server);
    const answer = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let data = '';
        socket.setTimeout(2000, () => {
          socket.destroy();
          reject(new Error(`${target} was answered but left open: ${data.split('\r\n')[0]}`));
        });
        socket.on('data', (d) => (data += d.toString('latin1')));
        socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
        socket.write(
          [
            `GET ${target} HTTP/1.1`,
            `host: 127.0.0.1:${server.port}`,
            'upgrade: websocket',
            'connection: Upgrade',
            `sec-websocket-key: ${randomBytes(16).toString('base64')}`,
            'sec-websocket-version: 13',
            `sec-websocket-protocol: ${EVENTS_PROTOCOL}`,
            '',
            '',
          ].join('\r\n'),
        );
      });
    expect(await answer(EVENTS_PATH)).toBe('HTTP/1.1 401 Unauthorized');
    expect(await answer('/api/no-such-route')).toBe('HTTP/1.1 401 Unauthorized');
  });
});

describe('the budget of logged refusals', () => {
  it('logs up to its number a window, counts the rest, and tells the count with the next window', () => {
    let now = 0;
    const lines: string[] = [];
    const budget = new LogBudget(
      3,
      60_000,
      (skipped) => lines.push(`skipped ${skipped}`),
      () => now,
    );
    for (let i = 0; i < 10; i++) budget.note(() => lines.push(`line ${i}`));
    expect(lines).toEqual(['line 0', 'line 1', 'line 2']);
    now = 59_999;
    budget.note(() => lines.push('still the same window'));
    expect(lines).toHaveLength(3);
    now = 60_000;
    budget.note(() => lines.push('next window'));
    expect(lines.slice(3)).toEqual(['skipped 8', 'next window']);
  });
});
