import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerProtocol } from '../common/api/events';
import { SHELL_PROTOCOL, SHELL_SOCKET_PATH } from '../common/api/shell-socket';
import { connectCaptureLink, type CaptureLink, type CaptureResult } from './screen-capture-link';

/** A stand-in for the service's end of the socket: it notes each connection and what the shell answers. */
async function fakeService() {
  const connections: { socket: WebSocket; path: string; protocols: string[] }[] = [];
  const answers: unknown[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => SHELL_PROTOCOL });
  wss.on('connection', (socket, req) => {
    connections.push({
      socket,
      path: req.url ?? '',
      protocols: (req.headers['sec-websocket-protocol'] ?? '').split(', '),
    });
    socket.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString('utf8'))));
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  return {
    origin: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    connections,
    answers,
    close: () => new Promise((resolve) => wss.close(resolve)),
  };
}

const until = async (what: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!what()) throw new Error('waited in vain');
};

describe('the shell’s link to the service for screenshots', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function rig(capture: () => Promise<CaptureResult>) {
    const service = await fakeService();
    cleanup.push(service.close);
    const link: CaptureLink = connectCaptureLink({
      origin: service.origin,
      secret: 'boot-secret',
      capture,
      log: () => undefined,
      reconnectMs: 20,
    });
    cleanup.push(() => link.close());
    await until(() => service.connections.length === 1);
    return { service, link };
  }

  it('connects with the boot’s secret as a subprotocol and answers each capture', async () => {
    let next: () => Promise<CaptureResult> = () => Promise.resolve({ png: Buffer.from('png bytes') });
    const { service } = await rig(() => next());
    expect(service.connections[0]).toMatchObject({
      path: SHELL_SOCKET_PATH,
      protocols: [SHELL_PROTOCOL, bearerProtocol('boot-secret')],
    });
    const ask = (requestId: string) =>
      service.connections[0]!.socket.send(JSON.stringify({ type: 'capture', requestId }));
    ask('one');
    await until(() => service.answers.length === 1);
    next = () => Promise.resolve({ refused: 'a video call is on screen' });
    ask('two');
    await until(() => service.answers.length === 2);
    next = () => Promise.reject(new Error('the window is gone'));
    ask('three');
    // Not a capture request: no answer.
    service.connections[0]!.socket.send('{"type":"reload"}');
    await until(() => service.answers.length === 3);
    expect(service.answers).toEqual([
      { type: 'captured', requestId: 'one', base64: Buffer.from('png bytes').toString('base64') },
      { type: 'not-captured', requestId: 'two', reason: 'a video call is on screen' },
      { type: 'not-captured', requestId: 'three', reason: 'capture failed: Error: the window is gone' },
    ]);
  });

  it('connects again after a drop, but not once replaced by a newer connection or closed', async () => {
    const { service } = await rig(() => Promise.resolve({ refused: 'none' }));
    service.connections[0]!.socket.close(1011, 'service trouble');
    await until(() => service.connections.length === 2);
    service.connections[1]!.socket.close(4000, 'replaced by a newer connection');
    await new Promise((r) => setTimeout(r, 150));
    expect(service.connections).toHaveLength(2);

    const again = await rig(() => Promise.resolve({ refused: 'none' }));
    again.link.close();
    await new Promise((r) => setTimeout(r, 150));
    expect(again.service.connections).toHaveLength(1);
  });
});
