import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { hubApi } from '../../common/hub/api/contract';

/** A port of 127.0.0.1 free a moment ago: for a hub to be started again where it was. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * Between a kiosk and its hub: passes every HTTP request on, counting the
 * deliveries (kioskSubmit) by idempotency key. `onDelivery`, when set, is
 * told of each delivery as it goes on to the hub (a test kills a process
 * there, mid-delivery); `afterCommit`, when set, is told of a delivery the
 * hub answered 200 (so committed) and may keep that answer from the kiosk,
 * which then meets a closed connection, as after a cut cable.
 */
export interface HubProxy {
  url: string;
  deliveries: Map<string, number>;
  onDelivery: ((key: string) => void) | undefined;
  afterCommit: ((key: string) => Promise<'drop' | 'pass'>) | undefined;
  close(): Promise<void>;
}

export async function startHubProxy(hubPort: number): Promise<HubProxy> {
  const port = await freePort();
  const proxy: HubProxy = {
    url: `http://127.0.0.1:${port}`,
    deliveries: new Map(),
    onDelivery: undefined,
    afterCommit: undefined,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const server: Server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
        const delivery = req.url === hubApi.kioskSubmit.path;
        const key = delivery ? (JSON.parse(body.toString()) as { idempotencyKey: string }).idempotencyKey : '';
        if (delivery) {
          proxy.deliveries.set(key, (proxy.deliveries.get(key) ?? 0) + 1);
          proxy.onDelivery?.(key);
        }
        let answer: Response;
        let text: Buffer;
        try {
          answer = await fetch(`http://127.0.0.1:${hubPort}${req.url}`, {
            method: req.method,
            headers,
            ...(req.method === 'POST' ? { body } : {}),
          });
          text = Buffer.from(await answer.arrayBuffer());
        } catch {
          // The hub is down, or died while answering: the kiosk meets a closed connection, as it would without the proxy.
          req.socket.destroy();
          return;
        }
        if (delivery && answer.status === 200 && proxy.afterCommit !== undefined) {
          if ((await proxy.afterCommit(key)) === 'drop') {
            req.socket.destroy();
            return;
          }
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      })();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return proxy;
}
