import type { WebSocket } from 'ws';
import { effectiveQueues, queuesCover } from '../../common/hub/call-queues';
import type { CallUnavailableReason } from '../../common/hub/api/calls';
import type { LiveClientMessage, LiveErrorCode, LiveServerMessage } from '../../common/hub/api/live';
import { nextDutyStart, onDutyAt } from '../../common/hub/duty-roster';
import { sendLive } from '../live/socket-messages';
import { countRefusal } from '../storage/call-records';
import { acceptCall, endCall, findCall, insertCall } from '../storage/calls';
import { rosterCovering } from '../storage/duty-roster';
import { setDuty } from '../storage/lawyer-duty';
import { queuesOf } from '../storage/lawyer-queues';
import type { CallRow } from '../storage/schema';
import { findUserById } from '../storage/users';
import type { DeskCore } from './call-desk';
import { endUnservedCalls } from './call-sweep';
import { availableFor, readDesk } from './desk-snapshot';
import { ringLawyers } from './ring-lawyers';

/**
 * What the hub does with each call message (common/hub/api/live.ts), for
 * a sender the socket's reader let through (its kind and role, checked on
 * every message). Whether the sender is a party to the very call a
 * message names is checked here, from the call's row: anything else is
 * answered `not-party` — the same answer for a call that does not exist,
 * so nobody learns of others' calls by trying ids.
 */

type Msg<T extends LiveClientMessage['type']> = Extract<LiveClientMessage, { type: T }>;

export type CallParty = { kind: 'kiosk'; kioskId: number; regionCode: string } | { kind: 'lawyer'; userId: number };

const refuse = (socket: WebSocket, code: LiveErrorCode, message: string, inReplyTo: string): void =>
  sendLive(socket, { type: 'error', code, message, inReplyTo });

const notParty = (socket: WebSocket, m: { id: string }): void =>
  refuse(socket, 'not-party', 'No call of yours has this id', m.id);

/** Whether the party is an end of the call (a lawyer only once they answered it). */
function isEnd(party: CallParty, call: CallRow | undefined): call is CallRow {
  if (call === undefined) return false;
  return party.kind === 'kiosk' ? call.kiosk_id === party.kioskId : call.lawyer_id === party.userId;
}

/**
 * A citizen asks for a lawyer. The same id again (a reconnect) is the same
 * call, answered with where it stands; a new one is queued if the roster's
 * hours and a lawyer on duty allow, and rings at once.
 */
export async function callRequest(
  desk: DeskCore,
  socket: WebSocket,
  kiosk: { kioskId: number; regionCode: string },
  m: Msg<'call-request'>,
): Promise<void> {
  const { db } = desk;
  const now = desk.now();
  const answer = (status: Parameters<typeof statusMessage>[1]) => sendLive(socket, statusMessage(m, status));

  const existing = await findCall(db, m.callId);
  if (existing !== undefined) return answerExisting(desk, socket, kiosk, m, existing);

  const roster = await rosterCovering(db, kiosk.regionCode);
  const nextDuty = nextDutyStart(roster, now);
  // Counted for the figures (nothing else of the request is kept), then answered.
  const refuse = async (reason: CallUnavailableReason) => {
    await countRefusal(db, { kioskId: kiosk.kioskId, regionCode: kiosk.regionCode, reason }, now);
    answer({ state: 'unavailable', reason, nextDutyAt: nextDuty?.toISOString() ?? null });
  };
  if (roster.length > 0 && !onDutyAt(roster, now)) return refuse('outside-hours');
  const asked = { regionCode: kiosk.regionCode, topic: m.topic };
  if (availableFor(await readDesk(db), asked).length === 0) return refuse('no-lawyer');

  const ended = await insertCall(
    db,
    {
      id: m.callId,
      kioskId: kiosk.kioskId,
      regionCode: kiosk.regionCode,
      topic: m.topic,
      callerName: m.callerName,
      maxWaitUntil: new Date(now.getTime() + m.maxWaitSeconds * 1000),
    },
    now,
  );
  await desk.announceEnded(ended);
  const call = await findCall(db, m.callId);
  // Another kiosk sent the same id at the same moment, and its row is the one there.
  if (call?.kiosk_id !== kiosk.kioskId) return notParty(socket, m);
  await ringLawyers(db, now);
  await answerExisting(desk, socket, kiosk, m, call);
  await desk.publish({ type: 'calls-changed' });
}

function statusMessage(
  m: { id: string; callId: string },
  status: Extract<LiveServerMessage, { type: 'call-status' }>['status'],
) {
  return { type: 'call-status' as const, callId: m.callId, inReplyTo: m.id, status };
}

/** Where the kiosk's own call stands, told again (after a reconnect, or just queued). */
async function answerExisting(
  desk: DeskCore,
  socket: WebSocket,
  kiosk: { kioskId: number; regionCode: string },
  m: Msg<'call-request'>,
  call: CallRow,
): Promise<void> {
  if (call.kiosk_id !== kiosk.kioskId) return notParty(socket, m);
  if (call.state === 'ended')
    return sendLive(socket, statusMessage(m, { state: 'ended', reason: call.end_reason ?? 'dropped' }));
  if (call.state === 'in-call') return sendLive(socket, statusMessage(m, await desk.answeredStatus(call)));
  const status = await desk.queuedStatus(call.id, call.region_code);
  if (status === undefined) {
    // Answered or ended since it was read: say where it stands now.
    const now = await findCall(desk.db, call.id);
    if (now !== undefined && now.state !== 'waiting') return answerExisting(desk, socket, kiosk, m, now);
  }
  const queued = status ?? { state: 'queued' as const, position: 1, estimatedWaitSeconds: 0 };
  const view = desk.parties.kioskView(kiosk.kioskId, socket);
  if (view !== undefined) view.lastQueued = JSON.stringify({ callId: call.id, status: queued });
  sendLive(socket, statusMessage(m, queued));
}

/** The citizen left before (or as) a lawyer answered: the call ends, abandoned (completed if it had been answered). */
export async function callCancel(
  desk: DeskCore,
  socket: WebSocket,
  kiosk: { kioskId: number },
  m: Msg<'call-cancel'>,
): Promise<void> {
  const call = await findCall(desk.db, m.callId);
  if (!isEnd({ kind: 'kiosk', kioskId: kiosk.kioskId, regionCode: '' }, call)) return notParty(socket, m);
  const ended = await endCall(
    desk.db,
    call.id,
    ['waiting', 'in-call'],
    (state) => (state === 'waiting' ? 'abandoned' : 'completed'),
    desk.now(),
  );
  const reason = ended?.reason ?? (await findCall(desk.db, call.id))?.end_reason ?? 'abandoned';
  // Told here, so the event that follows does not tell this socket again.
  desk.parties.noteAnswered(socket, `call-status:${call.id}`);
  sendLive(socket, statusMessage(m, { state: 'ended', reason }));
  if (ended !== undefined) {
    await desk.announceEnded([ended]);
    await desk.publish({ type: 'calls-changed' });
  }
}

/** Hang up: the call ends, completed (abandoned when a kiosk hangs up before an answer). */
export async function callEnd(desk: DeskCore, socket: WebSocket, party: CallParty, m: Msg<'call-end'>): Promise<void> {
  const call = await findCall(desk.db, m.callId);
  if (!isEnd(party, call)) return notParty(socket, m);
  const ended = await endCall(
    desk.db,
    call.id,
    party.kind === 'kiosk' ? ['waiting', 'in-call'] : ['in-call'],
    (state) => (state === 'waiting' ? 'abandoned' : 'completed'),
    desk.now(),
  );
  const reason = ended?.reason ?? (await findCall(desk.db, call.id))?.end_reason ?? 'completed';
  desk.parties.noteAnswered(socket, `call-ended:${call.id}`);
  sendLive(socket, { type: 'call-ended', callId: call.id, reason, inReplyTo: m.id });
  if (ended !== undefined) {
    await desk.announceEnded([ended]);
    await desk.publish({ type: 'calls-changed' });
  }
}

/** Signaling, handed to the other end wherever its socket is; not answered unless refused. */
export async function callSignal(
  desk: DeskCore,
  socket: WebSocket,
  party: CallParty,
  m: Msg<'call-signal'>,
): Promise<void> {
  const call = await findCall(desk.db, m.callId);
  if (!isEnd(party, call) || call.state !== 'in-call' || call.lawyer_id === null) return notParty(socket, m);
  await desk.publish({
    type: 'call-signal',
    callId: call.id,
    to: party.kind === 'kiosk' ? 'lawyer' : 'kiosk',
    kioskId: call.kiosk_id,
    lawyerId: call.lawyer_id,
    signal: m.signal,
  });
}

/** Fresh TURN credentials for an end of a call under way. */
export async function iceConfig(
  desk: DeskCore,
  socket: WebSocket,
  party: CallParty,
  m: Msg<'ice-config'>,
): Promise<void> {
  const call = await findCall(desk.db, m.callId);
  if (!isEnd(party, call) || call.state !== 'in-call') return notParty(socket, m);
  const ice = desk.ice(party.kind === 'kiosk' ? { kioskId: party.kioskId } : { userId: party.userId });
  sendLive(socket, { type: 'ice-config', inReplyTo: m.id, callId: call.id, ice });
}

/** The lawyer sets their status; answered with their queue. Going offline may leave callers nobody serves: told now. */
export async function dutySet(desk: DeskCore, socket: WebSocket, userId: number, m: Msg<'duty-set'>): Promise<void> {
  const now = desk.now();
  await setDuty(desk.db, userId, m.status, now);
  if (m.status === 'available') await ringLawyers(desk.db, now);
  if (m.status === 'offline') await desk.announceEnded(await endUnservedCalls(desk.db, now));
  await desk.sendQueue(socket, userId, m.id);
  await desk.publish({ type: 'calls-changed' });
}

export async function queueSync(
  desk: DeskCore,
  socket: WebSocket,
  userId: number,
  m: Msg<'queue-sync'>,
): Promise<void> {
  await desk.sendQueue(socket, userId, m.id);
}

/**
 * 接听. A call outside the lawyer's queues is answered as one gone, as one
 * that does not exist: a lawyer learns nothing of other regions' callers.
 */
export async function callAccept(
  desk: DeskCore,
  socket: WebSocket,
  userId: number,
  m: Msg<'call-accept'>,
): Promise<void> {
  const { db } = desk;
  const answer = (outcome: 'taken' | 'gone' | 'busy') =>
    sendLive(socket, { type: 'call-accept-result', inReplyTo: m.id, callId: m.callId, outcome });
  const call = await findCall(db, m.callId);
  const user = await findUserById(db, userId);
  if (call === undefined || user === undefined) return answer('gone');
  const queues = effectiveQueues((await queuesOf(db, [userId])).get(userId) ?? [], user.region_code);
  if (call.lawyer_id !== userId && !queuesCover(queues, { regionCode: call.region_code, topic: call.topic }))
    return answer('gone');
  const result = await acceptCall(db, m.callId, userId, desk.now());
  if (result.outcome !== 'won') return answer(result.outcome);
  sendLive(socket, {
    type: 'call-accept-result',
    inReplyTo: m.id,
    callId: m.callId,
    outcome: 'won',
    ice: desk.ice({ userId }),
    callerName: result.call.caller_name,
  });
  if (!result.again) {
    await desk.publish({ type: 'call-answered', callId: m.callId, kioskId: result.call.kiosk_id, lawyerId: userId });
    await desk.publish({ type: 'calls-changed' });
  }
}

/** A message either end of a call may send (signaling, hanging up, TURN credentials); answers whether it was one. */
async function partyMessage(
  desk: DeskCore,
  socket: WebSocket,
  party: CallParty,
  m: LiveClientMessage,
): Promise<boolean> {
  switch (m.type) {
    case 'call-signal':
      await callSignal(desk, socket, party, m);
      return true;
    case 'call-end':
      await callEnd(desk, socket, party, m);
      return true;
    case 'ice-config':
      await iceConfig(desk, socket, party, m);
      return true;
    default:
      return false;
  }
}

/** A kiosk's call message; answers whether it was one. */
export async function kioskCallMessage(
  desk: DeskCore,
  socket: WebSocket,
  kiosk: { kioskId: number; regionCode: string },
  m: LiveClientMessage,
): Promise<boolean> {
  if (m.type === 'call-request') await callRequest(desk, socket, kiosk, m);
  else if (m.type === 'call-cancel') await callCancel(desk, socket, kiosk, m);
  else return partyMessage(desk, socket, { kind: 'kiosk', ...kiosk }, m);
  return true;
}

/** A lawyer's call message (the reader let only lawyers send these); answers whether it was one. */
export async function lawyerCallMessage(
  desk: DeskCore,
  socket: WebSocket,
  userId: number,
  m: LiveClientMessage,
): Promise<boolean> {
  if (m.type === 'duty-set') await dutySet(desk, socket, userId, m);
  else if (m.type === 'queue-sync') await queueSync(desk, socket, userId, m);
  else if (m.type === 'call-accept') await callAccept(desk, socket, userId, m);
  else return partyMessage(desk, socket, { kind: 'lawyer', userId }, m);
  return true;
}
