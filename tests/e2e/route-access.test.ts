import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, EVENTS_PATH, SECRET_COOKIE } from '../../common/api/contract';
import { bearerProtocol, EVENTS_PROTOCOL } from '../../common/api/events';
import { readRuntimeFile } from '../../service/runtime-file';
import { useKiosk } from './fixture';

/**
 * Every route of the contract and the event socket, in every spelling of its
 * path we could think of, without a valid caller: none may answer. The table
 * is generated from the contract, so a new route is covered the day it is
 * added. Requests go over raw TCP so that no client library normalises the
 * path on the way.
 */

const { kiosk } = useKiosk();
let technicianToken: string;
beforeAll(() => {
  technicianToken = readRuntimeFile(kiosk.dataDir)?.technicianToken ?? '';
  expect(technicianToken).not.toBe('');
});

const pct = (c: string): string => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
const PCT = (c: string): string => pct(c).toUpperCase();

/** Ways to write one path so that a lenient router may still take it for that path. */
function spellings(path: string): string[] {
  const segments = path.split('/').slice(1); // ['api', 'health']
  const [first, ...rest] = segments;
  const tail = rest.join('/');
  const out = new Set<string>([
    path,
    `/${pct(first![0]!)}${first!.slice(1)}/${tail}`, // /%61pi/health
    `/${PCT(first![0]!)}${first!.slice(1)}/${tail}`, // /%61 in upper-case hex
    `/${first}/${pct(tail[0]!)}${tail.slice(1)}`, // /api/%68ealth
    [...path].map((c) => (c === '/' ? c : pct(c))).join(''), // every letter encoded
    path.toUpperCase(),
    `/${first![0]!.toUpperCase()}${first!.slice(1)}/${tail}`,
    `/${first}%2F${tail}`, // encoded slash
    `/${first}%2f${tail}`,
    `/${first}\\${tail}`,
    `/${path}`, // //api/health
    `/${first}//${tail}`,
    `/./${first}/${tail}`,
    `/${first}/./${tail}`,
    `/x/../${first}/${tail}`,
    `/${first}/x/../${tail}`,
    `/%2e/${first}/${tail}`,
    `/x/%2e%2e/${first}/${tail}`,
    `/x/%2E%2E/${first}/${tail}`,
    `${path}/`,
    `${path}//`,
    `${path};`,
    `${path};x=1`,
    `/${first};x=1/${tail}`,
    `${path}?`,
    `${path}?x=1`,
    `${path}?secret=nothing`,
    `${path}#x`,
    `${path}%3Fx`,
    `${path}%23x`,
    `${path}%00`,
    `${path}%20`,
    `${path}.`,
    `${path}.json`,
  ]);
  return [...out];
}

interface Answer {
  status: number;
  head: string;
}

/** Sends one request exactly as written and returns the status line's code (0 if the server closed without one). */
function raw(target: string, lines: string[], body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(kiosk.port, '127.0.0.1');
    let data = '';
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${target}`));
    });
    socket.on('data', (d) => {
      data += d.toString('latin1');
      // One answer is enough; a 101 would leave the socket open.
      if (data.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), head: data.split('\r\n\r\n')[0] ?? '' }),
    );
    socket.on('error', () => resolve({ status: 0, head: data }));
    const bodyLines =
      body === undefined ? [] : ['content-type: application/json', `content-length: ${Buffer.byteLength(body)}`];
    socket.write([...lines, ...bodyLines, 'connection: close', '', body ?? ''].join('\r\n'));
  });
}

function httpRequest(
  method: string,
  target: string,
  auth: string | undefined,
  body?: string,
  extra: string[] = [],
): Promise<Answer> {
  const lines = [`${method} ${target} HTTP/1.1`, `host: 127.0.0.1:${kiosk.port}`, ...extra];
  if (auth !== undefined) lines.push(`authorization: ${auth}`);
  return raw(target, lines, method === 'POST' ? (body ?? '{}') : undefined);
}

function upgrade(target: string, protocols: string, auth?: string, extra: string[] = []): Promise<Answer> {
  const lines = [
    `GET ${target} HTTP/1.1`,
    `host: 127.0.0.1:${kiosk.port}`,
    // A browser always sends its Origin on a WebSocket; a test may send another.
    ...(extra.some((l) => l.startsWith('origin:')) ? [] : [`origin: http://127.0.0.1:${kiosk.port}`]),
    'upgrade: websocket',
    'connection: Upgrade',
    `sec-websocket-key: ${randomBytes(16).toString('base64')}`,
    'sec-websocket-version: 13',
    `sec-websocket-protocol: ${protocols}`,
    ...extra,
  ];
  if (auth !== undefined) lines.push(`authorization: ${auth}`);
  return raw(target, lines);
}

/** The callers that must be refused: nobody, a wrong secret, a malformed header, the secret's own name. */
const INTRUDERS: { name: string; auth: () => string | undefined; headers?: () => string[] }[] = [
  { name: 'no Authorization', auth: () => undefined },
  { name: 'a wrong secret', auth: () => `Bearer ${randomBytes(32).toString('base64url')}` },
  { name: 'an empty bearer', auth: () => 'Bearer ' },
  { name: 'the secret without its scheme', auth: () => kiosk.secret },
  { name: 'Basic credentials', auth: () => `Basic ${Buffer.from(`kiosk:${kiosk.secret}`).toString('base64')}` },
  // The shell's cookie counts only on requests the browser marks as from our own page.
  {
    name: 'the secret cookie from no page',
    auth: () => undefined,
    headers: () => [`cookie: ${SECRET_COOKIE}=${kiosk.secret}`],
  },
  {
    name: 'the secret cookie from a sibling site',
    auth: () => undefined,
    headers: () => [`cookie: ${SECRET_COOKIE}=${kiosk.secret}`, 'sec-fetch-site: same-site'],
  },
  {
    name: 'a wrong secret cookie',
    auth: () => undefined,
    headers: () => [`cookie: ${SECRET_COOKIE}=wrong`, 'sec-fetch-site: same-origin'],
  },
];

const ROUTES = Object.entries(api).map(([name, def]) => ({ name, method: def.method, path: def.path as string }));
/** Routes past the guard that the touchscreen's secret may not use: their handlers refuse it (403, forbidden). */
const TECHNICIAN_ONLY: ReadonlySet<string> = new Set(['outboxRetry']);

describe('every route needs a caller, however its path is spelled', () => {
  // First, while the minute's budget of logged refusals is unused.
  it('logs refused requests, whatever their spelling', async () => {
    await httpRequest('GET', '/%61pi/health', undefined);
    await new Promise((r) => setTimeout(r, 200));
    const refused = kiosk.stdout.filter((l) => l.includes('/%61pi/health') && l.includes('"status":401'));
    expect(refused).toHaveLength(1);
  });

  it('the contract has routes to test', () => {
    expect(ROUTES.length).toBeGreaterThan(20);
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path} (${route.name})`, async () => {
      const leaks: string[] = [];
      const methods = route.method === 'GET' ? ['GET', 'HEAD'] : ['POST'];
      for (const method of methods) {
        for (const target of spellings(route.path)) {
          for (const intruder of INTRUDERS) {
            const { status } = await httpRequest(
              method,
              target,
              intruder.auth(),
              undefined,
              intruder.headers?.() ?? [],
            );
            // 401 (no caller), 400 (a request line the server will not parse) or 403 are refusals; anything else answered.
            if (![400, 401, 403].includes(status)) leaks.push(`${method} ${target} with ${intruder.name} → ${status}`);
          }
        }
      }
      expect(leaks).toEqual([]);
    });
  }

  it('the encoded spellings do reach the routes when the caller is right (so the refusals above are not 404s in disguise)', async () => {
    const reached: string[] = [];
    for (const target of ['/%61pi/health', '/api/%68ealth', '/%61%70%69/%68%65%61%6c%74%68']) {
      const { status } = await httpRequest('GET', target, `Bearer ${kiosk.secret}`);
      if (status === 200) reached.push(target);
    }
    // If the router stopped decoding, the spellings would be harmless but this table would test nothing.
    expect(reached.length).toBeGreaterThan(0);
  });

  it('answers the UI secret and the technician token on every route (the positive control)', async () => {
    for (const route of ROUTES) {
      for (const token of [kiosk.secret, technicianToken]) {
        const { status } = await httpRequest(route.method, route.path, `Bearer ${token}`, '{}');
        expect.soft(status, `${route.method} ${route.path}`).not.toBe(401);
        if (token === kiosk.secret && TECHNICIAN_ONLY.has(route.name))
          expect.soft(status, `${route.method} ${route.path} as the touchscreen`).toBe(403);
        else expect.soft(status, `${route.method} ${route.path}`).not.toBe(403);
      }
    }
  });

  it('takes the secret cookie from our own page, as the browser marks it', async () => {
    const cookie = `cookie: ${SECRET_COOKIE}=${kiosk.secret}`;
    expect(
      (await httpRequest('GET', '/api/health', undefined, undefined, [cookie, 'sec-fetch-site: same-origin'])).status,
    ).toBe(200);
    expect((await upgrade(EVENTS_PATH, EVENTS_PROTOCOL, undefined, [cookie])).status).toBe(101);
  });

  it('refuses unknown paths without a caller instead of telling which exist', async () => {
    expect((await httpRequest('GET', '/api/no-such-route', undefined)).status).toBe(401);
    expect((await httpRequest('GET', '/%61pi/no-such-route', undefined)).status).toBe(401);
    expect((await httpRequest('GET', '/api/no-such-route', `Bearer ${kiosk.secret}`)).status).toBe(404);
  });

  it('logs refusals only up to a budget a minute, so nobody can flood the journal with them', () => {
    const logged = kiosk.stdout.filter((l) => l.includes('"status":401') || l.includes('"status":403')).length;
    // The table above sent thousands; 20 are logged a minute (two minutes' worth, should the table straddle one).
    expect(logged).toBeGreaterThan(0);
    expect(logged).toBeLessThanOrEqual(40);
  });

  it('still serves the UI itself without the secret', async () => {
    const { status, head } = await httpRequest('GET', '/', undefined);
    expect(status).toBe(200);
    expect(head).toMatch(/content-type: text\/html/i);
  });
});

describe('the event socket needs a caller, however its path is spelled', () => {
  it('opens with the secret (the positive control)', async () => {
    expect((await upgrade(EVENTS_PATH, `${EVENTS_PROTOCOL}, ${bearerProtocol(kiosk.secret)}`)).status).toBe(101);
    expect((await upgrade('/%61pi/events', `${EVENTS_PROTOCOL}, ${bearerProtocol(kiosk.secret)}`)).status).toBe(101);
  });

  it('is the only WebSocket: an upgrade on the UI’s files is refused', async () => {
    for (const target of ['/', '/index.html'])
      expect((await upgrade(target, EVENTS_PROTOCOL, `Bearer ${kiosk.secret}`)).status, target).toBe(404);
  });

  it('never opens without one', async () => {
    const opened: string[] = [];
    for (const target of spellings(EVENTS_PATH)) {
      for (const [name, protocols, auth] of [
        ['only the events protocol', EVENTS_PROTOCOL, undefined],
        ['a wrong bearer protocol', `${EVENTS_PROTOCOL}, ${bearerProtocol('wrong')}`, undefined],
        ['a wrong Authorization', EVENTS_PROTOCOL, 'Bearer wrong'],
      ] as const) {
        const { status } = await upgrade(target, protocols, auth);
        if (status === 101 || (status >= 200 && status < 300)) opened.push(`${target} with ${name} → ${status}`);
      }
      // A wrong cookie, and the right one from a foreign page.
      for (const [name, extra] of [
        ['a wrong cookie', [`cookie: ${SECRET_COOKIE}=wrong`]],
        [
          'the cookie from a foreign Origin',
          [`cookie: ${SECRET_COOKIE}=${kiosk.secret}`, 'origin: http://evil.example'],
        ],
      ] as const) {
        const { status } = await upgrade(target, EVENTS_PROTOCOL, undefined, [...extra]);
        if (status === 101 || (status >= 200 && status < 300)) opened.push(`${target} with ${name} → ${status}`);
      }
    }
    expect(opened).toEqual([]);
  });
});
