import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { bearerProtocol } from '../../common/api/events';
import { SHELL_PROTOCOL, SHELL_SOCKET_PATH } from '../../common/api/shell-socket';
import { connectCaptureLink, type CaptureLink, type CaptureResult } from '../../electron/screen-capture-link';
import { createLogger } from '../../server-kit/logger';
import { startInProcessKiosk, type InProcessKiosk } from '../../service/testing/in-process-service';
import { ShellCapture } from '../../service/shell/shell-capture';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const quiet = createLogger({ destination: { write: () => undefined } });

/** The service's end of the shell socket, over a real loopback server, with the shell's own link at the other end. */
describe('the shell’s screenshot socket', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function kiosk(): Promise<InProcessKiosk> {
    const k = await startInProcessKiosk({ listen: true, start: false });
    cleanup.push(() => k.stop());
    return k;
  }
  function link(k: InProcessKiosk, capture: () => Promise<CaptureResult>, secret = k.secret): CaptureLink {
    const l = connectCaptureLink({
      origin: `http://127.0.0.1:${k.port}`,
      secret,
      capture,
      log: () => undefined,
      reconnectMs: 50,
    });
    cleanup.push(() => l.close());
    return l;
  }
  const connected = async (k: InProcessKiosk, times = 1) => {
    for (let i = 0; i < 200; i++) {
      if (k.logs().filter((l) => l['msg'] === 'the shell connected to take screenshots').length >= times) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the shell did not connect');
  };

  it('carries the shell’s PNG, and its refusal with the reason', async () => {
    const k = await kiosk();
    expect(k.service.screen.supported()).toBe(false);
    let answer: CaptureResult = { png: PNG };
    link(k, () => Promise.resolve(answer));
    await connected(k);
    expect(k.service.screen.supported()).toBe(true);
    expect(await k.service.screen.capture()).toEqual(PNG);
    answer = { refused: 'a video call is on screen' };
    await expect(k.service.screen.capture()).rejects.toThrow('the shell took no screenshot: a video call is on screen');
  });

  it('waits for a shell that connects late (the service started first)', async () => {
    const k = await kiosk();
    const asked = k.service.screen.capture();
    await new Promise((r) => setTimeout(r, 200));
    link(k, () => Promise.resolve({ png: PNG }));
    expect(await asked).toEqual(PNG);
  });

  it('lets no page and no wrong or missing secret open the socket', async () => {
    const k = await kiosk();
    const url = `ws://127.0.0.1:${k.port}${SHELL_SOCKET_PATH}`;
    const attempt = (protocols: string[], headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WsClient(url, protocols, { headers });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => undefined);
      });
    expect(await attempt([SHELL_PROTOCOL, bearerProtocol(k.secret)])).toBe(101);
    // Our own page would send its Origin (and could not read the secret: it has it only as an HttpOnly cookie).
    expect(await attempt([SHELL_PROTOCOL, bearerProtocol(k.secret)], { origin: `http://127.0.0.1:${k.port}` })).toBe(
      403,
    );
    expect(await attempt([SHELL_PROTOCOL, bearerProtocol('wrong')])).toBe(401);
    expect(await attempt([SHELL_PROTOCOL])).toBe(401);
  });

  it('says so when no shell connects, or the one connected does not answer, in time', async () => {
    const alone = new ShellCapture({ expected: true, logger: quiet, connectWaitMs: 100 });
    expect(alone.supported()).toBe(true);
    await expect(alone.capture()).rejects.toThrow('no shell connected to take the screen within 0.1 s');

    const k = await kiosk();
    link(k, () => new Promise<CaptureResult>(() => undefined));
    await connected(k);
    // The service's own waits are 15 s; the silence is cut short by closing the service, which ends the wait.
    const asked = k.service.screen.capture();
    await new Promise((r) => setTimeout(r, 100));
    // Stopped here rather than after the test (the cleanup's stop is dropped).
    cleanup.shift();
    await k.stop();
    await expect(asked).rejects.toThrow('the shell went away before it answered');
  });
});
