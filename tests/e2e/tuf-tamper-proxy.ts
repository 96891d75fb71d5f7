import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { freePort } from './hub-proxy';

/**
 * Between a kiosk and its hub, as a hostile network or mirror would be: passes
 * everything on (HTTP, Range requests and the live WebSocket), and lets a
 * test replace what a TUF file says.
 *
 * `tamper` is asked for every `/tuf/…` file with the hub's own bytes: it may
 * answer other bytes, `endless` (a body that never ends), or `cut` (the first
 * half, then a closed connection), or undefined to pass the hub's.
 */
export type TufAnswer = Buffer | 'endless' | 'cut' | undefined;

export interface TufTamperProxy {
  url: string;
  tamper: ((file: string, hubBytes: Buffer) => TufAnswer) | undefined;
  /** Every `/tuf/…` request, with its Range header when it had one. */
  requests: { path: string; range: string | undefined }[];
  close(): Promise<void>;
}

export async function startTufTamperProxy(hubPort: number): Promise<TufTamperProxy> {
  const port = await freePort();
  const proxy: TufTamperProxy = {
    url: `http://127.0.0.1:${port}`,
    tamper: undefined,
    requests: [],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const answerTuf = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const range = req.headers.range;
    proxy.requests.push({ path, range });
    // The Range header goes on: the hub answers a part itself.
    const upstream = await fetch(
      `http://127.0.0.1:${hubPort}${path}`,
      range === undefined ? {} : { headers: { range } },
    );
    const bytes = Buffer.from(await upstream.arrayBuffer());
    const answer = upstream.status === 200 ? proxy.tamper?.(path, bytes) : undefined;
    if (answer === 'endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const block = Buffer.alloc(64 * 1024, 0x41);
      const more = (): void => {
        while (!res.destroyed && res.write(block));
        if (!res.destroyed) res.once('drain', more);
      };
      res.on('close', () => res.destroy());
      more();
      return;
    }
    if (answer === 'cut') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => req.socket.destroy());
      return;
    }
    const body = answer ?? bytes;
    const contentRange = upstream.headers.get('content-range');
    res.writeHead(upstream.status, {
      'content-length': String(body.length),
      ...(contentRange === null ? {} : { 'content-range': contentRange }),
    });
    res.end(body);
  };
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const path = req.url ?? '/';
        try {
          if (path.startsWith('/tuf/')) return await answerTuf(req, res, path);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers))
            if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
          const answer = await fetch(`http://127.0.0.1:${hubPort}${path}`, {
            method: req.method ?? 'GET',
            headers,
            ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
          });
          const text = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        } catch {
          req.socket.destroy();
        }
      })();
    });
  });
  // The live WebSocket: the upgrade request as it came, then bytes both ways.
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const hub = connect(hubPort, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      hub.write(`${lines.join('\r\n')}\r\n\r\n`);
      hub.write(head);
      socket.pipe(hub).pipe(socket);
    });
    hub.on('error', () => socket.destroy());
    socket.on('error', () => hub.destroy());
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return proxy;
}
