import { randomUUID } from 'node:crypto';
import type { LiveServerMessage } from '../../common/hub/api/live';
import { openSession } from '../storage/sessions';
import type { UserSummary } from '../storage/users';
import { consoleSocket, kioskSocket, type LiveClient } from './live-clients';
import type { TestHub, TestKiosk } from './test-hub';

/**
 * The two ends of video calls against a listening test hub: lawyers with
 * their consoles' sockets, kiosks with theirs, and the messages they send,
 * as the console and the kiosk's service send them.
 */

export type Heard<T extends LiveServerMessage['type']> = Extract<LiveServerMessage, { type: T }>;

export interface TestLawyer {
  user: UserSummary;
  token: string;
  console: LiveClient;
  /** Opens another console of the lawyer (a tab, a reload), on this instance or another. */
  open(port?: number): Promise<LiveClient>;
}

let lawyers = 0;

/** A lawyer account of a region (its default queues: the region, every topic) with a console open; `name` its display name. */
export async function addLawyer(
  hub: TestHub,
  opts: { regionCode?: string | null; name?: string | null; port?: number } = {},
): Promise<TestLawyer> {
  const user = await hub.addAccount(
    `lawyer.${++lawyers}`,
    'lawyer',
    opts.regionCode === undefined ? '420100' : opts.regionCode,
  );
  if (opts.name !== null)
    await hub.storage.storage.db
      .updateTable('users')
      .set({ display_name: opts.name ?? '王芳' })
      .where('id', '=', user.id)
      .execute();
  const token = await openSession(hub.storage.storage.db, user.id, 'full', hub.now());
  const open = async (port?: number) => {
    const client = await consoleSocket(hub, token, port === undefined ? {} : { port });
    // The queue pushed as the console opens.
    await client.next((m) => m.type === 'queue');
    return client;
  };
  return { user, token, console: await open(opts.port), open };
}

export interface TestCaller {
  kiosk: TestKiosk;
  socket: LiveClient;
  /** Opens the kiosk's socket again (after a blip), on this instance or another. */
  reconnect(port?: number): Promise<LiveClient>;
}

/** An approved kiosk of a region with its live socket open. */
export async function addCaller(hub: TestHub, opts: { regionCode?: string; port?: number } = {}): Promise<TestCaller> {
  const kiosk = await hub.addKiosk('approved', { regionCode: opts.regionCode ?? '420111' });
  const caller: TestCaller = {
    kiosk,
    socket: await kioskSocket(hub, kiosk, opts.port === undefined ? {} : { port: opts.port }),
    async reconnect(port) {
      caller.socket = await kioskSocket(hub, kiosk, port === undefined ? {} : { port });
      return caller.socket;
    },
  };
  return caller;
}

let messages = 0;
export const nextId = (): string => `m-${++messages}`;

/** Sends a call-request and answers the hub's `call-status` for it. */
export async function requestCall(
  socket: LiveClient,
  opts: { callId?: string; topic?: string; callerName?: string | null; maxWaitSeconds?: number } = {},
): Promise<Heard<'call-status'>> {
  const id = nextId();
  socket.send({
    type: 'call-request',
    id,
    callId: opts.callId ?? randomUUID(),
    topic: opts.topic ?? 'labour',
    callerName: opts.callerName === undefined ? null : opts.callerName,
    maxWaitSeconds: opts.maxWaitSeconds ?? 600,
  });
  return (await socket.next((m) => m.type === 'call-status' && m.inReplyTo === id)) as Heard<'call-status'>;
}

/** Sends a message with a fresh id and answers the hub's answer to it (one naming it). */
export async function ask(
  socket: LiveClient,
  message: Record<string, unknown>,
  timeoutMs?: number,
): Promise<LiveServerMessage> {
  const id = nextId();
  socket.send({ ...message, id });
  return socket.next((m) => ('inReplyTo' in m && m.inReplyTo === id) || ('id' in m && m.id === id), timeoutMs);
}

/** The next queue pushed (or answered) that satisfies `match`. */
export async function queueWhere(
  socket: LiveClient,
  match: (q: Heard<'queue'>['queue']) => boolean,
  timeoutMs?: number,
): Promise<Heard<'queue'>['queue']> {
  const m = await socket.next((m) => m.type === 'queue' && match(m.queue), timeoutMs);
  return (m as Heard<'queue'>).queue;
}

/** Sets the lawyer's status and answers the queue it is answered with. */
export async function setDuty(socket: LiveClient, status: 'available' | 'away' | 'offline') {
  return ((await ask(socket, { type: 'duty-set', status })) as Heard<'queue'>).queue;
}

/**
 * The first message the client ever heard that matches, waiting for it up
 * to `timeoutMs`: unlike `next`, what was read past before still counts,
 * so two answers arriving in either order can both be awaited.
 */
export async function hears(
  client: { heard: LiveServerMessage[] },
  match: (m: LiveServerMessage) => boolean,
  timeoutMs = 5000,
): Promise<LiveServerMessage> {
  const silence = new Error(`nothing matching heard in ${timeoutMs} ms`);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = client.heard.find(match);
    if (found !== undefined) return found;
    if (Date.now() > end) throw silence;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A lawyer on duty (available) and a kiosk whose call waits for them. */
export async function waitingCall(
  hub: TestHub,
  opts: { callerName?: string | null; maxWaitSeconds?: number } = {},
): Promise<{ lawyer: TestLawyer; caller: TestCaller; callId: string }> {
  const lawyer = await addLawyer(hub);
  await setDuty(lawyer.console, 'available');
  const caller = await addCaller(hub);
  const callId = randomUUID();
  await requestCall(caller.socket, { callId, ...opts });
  return { lawyer, caller, callId };
}

/** The same, answered by the lawyer: the kiosk has heard so. */
export async function answeredCall(
  hub: TestHub,
  opts: { callerName?: string | null } = {},
): Promise<{ lawyer: TestLawyer; caller: TestCaller; callId: string; won: Heard<'call-accept-result'> }> {
  const call = await waitingCall(hub, opts);
  const won = (await ask(call.lawyer.console, {
    type: 'call-accept',
    callId: call.callId,
  })) as Heard<'call-accept-result'>;
  if (won.outcome !== 'won') throw new Error(`the lawyer did not get the call: ${won.outcome}`);
  await hears(call.caller.socket, (m) => m.type === 'call-status' && m.status.state === 'answered');
  return { ...call, won };
}
