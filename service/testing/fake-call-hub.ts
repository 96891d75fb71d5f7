import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { hubApi } from '../../common/hub/api/contract';
import type { CallDocument } from '../../common/hub/api/calls';
import {
  LIVE_SOCKETS,
  LiveClientMessage,
  type LiveClientMessage as ClientMessage,
  type LiveServerMessage,
} from '../../common/hub/api/live';
import { readSignatureClaim, verifyRequest } from '../../server-kit/kiosk-identity/request-signature';
import { CALL_DOCUMENT_PATH } from '../hub/hub-client';
import { newKioskKeyPair, readIdentity, saveIdentity, type KioskIdentity } from '../hub/hub-identity';

/**
 * A stand-in for the hub's side of a video call, for testing the kiosk's
 * relay while the hub's queue and signaling are built elsewhere: one
 * kiosk's live socket (its signed upgrade checked with the kiosk's public
 * key), every message it sends checked against the live contract and kept,
 * heartbeats acknowledged, and the call document route. What the "hub"
 * answers is the test's: it sends what it likes with `send`, drops the
 * socket, or refuses new ones.
 */
export class FakeCallHub {
  readonly received: ClientMessage[] = [];
  /** Messages that did not pass the live contract: a kiosk bug, which a test expects to stay empty. */
  readonly malformed: unknown[] = [];
  /** Documents the call-document route hands out, by id. */
  readonly documents = new Map<string, CallDocument>();
  /** Signed requests for documents, as the route saw them. */
  readonly documentRequests: { documentId: string }[] = [];
  /** Upgrades refused while false (the hub out of reach). */
  accepting = true;
  /** Submissions the kiosk delivered, as the hub's submit route received them; only while `acceptSubmissions`. */
  readonly submissions: { reference: string; kind: string }[] = [];
  /** Whether the submit route stores what the kiosk delivers (answering as the hub does) or, by default, knows no such route. */
  acceptSubmissions = false;
  /**
   * A stub of the hub's 查询进度 route (kioskCaseStatus) for tests of the
   * kiosk's side while the hub's case desk is built elsewhere: the test
   * decides the answer (status and JSON body); no such route by default.
   */
  caseStatusRoute: ((asked: unknown) => { status: number; body: unknown }) | undefined = undefined;
  /** Answers the kiosk's messages as the hub would (after they are kept); none by default. */
  answer: (message: ClientMessage, send: (m: LiveServerMessage) => void) => void = () => undefined;

  private socket: WebSocket | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly listeners = new Set<() => void>();
  private connections = 0;

  private constructor(
    private readonly server: Server,
    private readonly kioskId: number,
    private readonly publicKey: KeyObject,
  ) {}

  static async start(kiosk: { id: number; publicKey: KeyObject }): Promise<FakeCallHub> {
    const server = createServer();
    const hub = new FakeCallHub(server, kiosk.id, kiosk.publicKey);
    server.on('request', (req, res) => hub.http(req, res));
    server.on('upgrade', (req, socket, head) => hub.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** How many sockets the kiosk has opened so far. */
  get connectionCount(): number {
    return this.connections;
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Answers every call the kiosk asks for: in line at `position`, with this estimate; the test moves it on from there. */
  queueEveryCallAt(position: number, estimatedWaitSeconds = position * 60): void {
    this.answer = (m, send) => {
      if (m.type === 'call-request')
        send({
          type: 'call-status',
          callId: m.callId,
          inReplyTo: m.id,
          status: { state: 'queued', position, estimatedWaitSeconds },
        });
    };
  }

  /** Forgets what the kiosk sent and the documents, and answers nothing again (between tests). */
  reset(): void {
    this.received.length = 0;
    this.malformed.length = 0;
    this.documents.clear();
    this.documentRequests.length = 0;
    this.answer = () => undefined;
  }

  /** Sends a message to the kiosk's socket; false when there is none. */
  send(message: LiveServerMessage): boolean {
    if (this.socket === undefined) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Cuts the kiosk's socket off, as a network blip or a hub restart would. */
  drop(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  /** The kiosk's messages of one type, in order. */
  messages<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
  }

  /** Resolves once `check` holds, looked at after every message and connection; rejects after `ms`. */
  until(check: () => boolean, ms = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error('the fake hub waited in vain'));
      }, ms);
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<void> {
    this.drop();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  private signedBy(req: IncomingMessage, method: string, path: string, body: string): boolean {
    const claim = readSignatureClaim((name) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    });
    return (
      claim !== undefined &&
      claim.kioskId === this.kioskId &&
      verifyRequest(this.publicKey, claim, { method, path, body })
    );
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== LIVE_SOCKETS.kiosk.path || !this.accepting || !this.signedBy(req, 'GET', path, '')) {
      const status = !this.accepting ? '503 Service Unavailable' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.socket?.terminate();
      this.socket = ws;
      this.connections += 1;
      ws.on('message', (data) => this.hear(ws, String(data)));
      ws.on('close', () => {
        if (this.socket === ws) this.socket = undefined;
        this.changed();
      });
      this.changed();
    });
  }

  private hear(ws: WebSocket, text: string): void {
    const parsed = LiveClientMessage.safeParse(JSON.parse(text));
    if (!parsed.success) {
      this.malformed.push(JSON.parse(text));
      this.changed();
      return;
    }
    const m = parsed.data;
    if (m.type === 'heartbeat') {
      ws.send(JSON.stringify({ type: 'heartbeat-ack', id: m.id, receivedAt: new Date().toISOString() }));
      return;
    }
    this.received.push(m);
    this.answer(m, (reply) => ws.send(JSON.stringify(reply)));
    this.changed();
  }

  private http(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (!this.signedBy(req, req.method ?? 'GET', path, body))
        return json(401, { error: { code: 'unauthorized', message: 'not signed by the kiosk' } });
      if (path === hubApi.kioskHeartbeat.path) return json(200, { receivedAt: new Date().toISOString() });
      if (path === hubApi.kioskSubmit.path && this.acceptSubmissions) {
        const { reference, kind } = JSON.parse(body) as { reference: string; kind: string };
        if (!this.submissions.some((s) => s.reference === reference)) this.submissions.push({ reference, kind });
        this.changed();
        return json(200, { reference, receivedAt: new Date().toISOString() });
      }
      if (path === hubApi.kioskCaseStatus.path && this.caseStatusRoute !== undefined) {
        const answer = this.caseStatusRoute(JSON.parse(body));
        return json(answer.status, answer.body);
      }
      if (path === CALL_DOCUMENT_PATH && req.method === 'POST') {
        const asked = JSON.parse(body) as { documentId: string };
        // The hub's route takes exactly this (a strict object): anything else is refused as it would be there.
        if (Object.keys(asked).join() !== 'documentId')
          return json(400, { error: { code: 'bad-request', message: 'expected { documentId }' } });
        this.documentRequests.push(asked);
        const doc = this.documents.get(asked.documentId);
        return doc === undefined
          ? json(404, { error: { code: 'not-found', message: 'no such document' } })
          : json(200, doc);
      }
      json(404, { error: { code: 'not-found', message: `no route ${path}` } });
    });
  }
}

/**
 * A fake hub, and `dataDir` enrolled with it and approved, as `kioskctl hub
 * enroll` leaves a data directory: the kiosk's own key, the hub's address.
 */
export async function enrolledWithFakeHub(
  dataDir: string,
  kioskId = 11,
): Promise<{ hub: FakeCallHub; identity: KioskIdentity }> {
  const keys = newKioskKeyPair();
  const hub = await FakeCallHub.start({ id: kioskId, publicKey: createPublicKey(keys.privateKey) });
  const now = new Date().toISOString();
  saveIdentity(dataDir, keys.privateKey, {
    hubUrl: hub.url,
    kioskId,
    keyFingerprint: keys.fingerprint,
    enrolledAt: now,
    status: 'approved',
    checkedAt: now,
  });
  return { hub, identity: readIdentity(dataDir)! };
}
