import type { CALL_ACCEPT_OUTCOMES, DutyStatus, LawyerQueue, QueuedCall } from '../../../common/hub/api/calls';

/**
 * What a lawyer's 接待 page shows of the queue, from what the hub says:
 * whole queues (never a diff), `call-gone` when another lawyer answered
 * or the caller left, and the answer to this lawyer's own 接听.
 *
 * A caller another lawyer took is not just dropped: the row stays, marked
 * 已被接听, for LINGER_MS, so the lawyer whose hand was on the button sees
 * why it went. A call known to be taken or ended is never shown again,
 * even when a queue built a moment before the claim still lists it (the
 * hub's pushes of two instances can cross).
 */

/** How long a row taken by another lawyer, or left by its caller, stays in view with its label. */
export const LINGER_MS = 4_000;
/** Calls remembered as over, so a late queue cannot bring them back; old ones are forgotten past this many. */
const REMEMBERED = 200;

export type RowStatus = 'waiting' | 'ringing' | 'accepting' | 'taken' | 'gone';

export interface QueueRow {
  call: QueuedCall;
  status: RowStatus;
}

interface Departed {
  call: QueuedCall;
  reason: 'taken' | 'gone';
  /** The row leaves the page at this time (ms). */
  until: number;
}

export interface QueueState {
  /** Null until the hub's first queue. */
  duty: DutyStatus | null;
  dutyReason: LawyerQueue['dutyReason'];
  activeCallId: string | null;
  /** The latest queue's callers, less those known to be over. */
  calls: readonly QueuedCall[];
  /** Rows still shown with their reason, by call id. */
  departed: ReadonlyMap<string, Departed>;
  /** The call this lawyer pressed 接听 on, until the hub answers. */
  accepting: string | null;
  /** Calls known to be over (taken or ended), newest last. */
  over: readonly string[];
}

export type AcceptOutcome = (typeof CALL_ACCEPT_OUTCOMES)[number];

export type QueueAction =
  | { type: 'queue'; queue: LawyerQueue; now: number }
  | { type: 'call-gone'; callId: string; reason: 'taken' | 'ended'; now: number }
  | { type: 'accepting'; callId: string }
  | { type: 'accept-result'; callId: string; outcome: AcceptOutcome; now: number }
  /** The 接听 was not answered (the socket dropped, no answer in time): the row is as it was. */
  | { type: 'accept-failed'; callId: string }
  /** This lawyer's call ended: back to the queue. */
  | { type: 'call-over'; callId: string }
  | { type: 'tick'; now: number };

export const initialQueueState: QueueState = {
  duty: null,
  dutyReason: null,
  activeCallId: null,
  calls: [],
  departed: new Map(),
  accepting: null,
  over: [],
};

function remember(over: readonly string[], callId: string): readonly string[] {
  if (over.includes(callId)) return over;
  return [...over, callId].slice(-REMEMBERED);
}

/** Marks a call as over; shown with `reason` for a while if it was on the page. */
function depart(state: QueueState, callId: string, reason: 'taken' | 'gone', now: number): QueueState {
  const call = state.calls.find((c) => c.callId === callId) ?? state.departed.get(callId)?.call;
  const departed = new Map(state.departed);
  if (call !== undefined) departed.set(callId, { call, reason, until: now + LINGER_MS });
  return {
    ...state,
    calls: state.calls.filter((c) => c.callId !== callId),
    departed,
    accepting: state.accepting === callId ? null : state.accepting,
    over: remember(state.over, callId),
  };
}

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'queue': {
      const { queue } = action;
      const over = new Set(state.over);
      return {
        ...state,
        duty: queue.duty,
        dutyReason: queue.dutyReason,
        activeCallId: queue.activeCallId,
        calls: queue.calls.filter((c) => !over.has(c.callId)),
      };
    }
    case 'call-gone':
      return depart(state, action.callId, action.reason === 'taken' ? 'taken' : 'gone', action.now);
    case 'accepting':
      return { ...state, accepting: action.callId };
    case 'accept-result':
      switch (action.outcome) {
        case 'won':
          return {
            ...state,
            accepting: null,
            activeCallId: action.callId,
            calls: state.calls.filter((c) => c.callId !== action.callId),
            over: remember(state.over, action.callId),
          };
        case 'taken':
          return depart(state, action.callId, 'taken', action.now);
        case 'gone':
          return depart(state, action.callId, 'gone', action.now);
        case 'busy':
          return { ...state, accepting: null };
      }
      return state;
    case 'accept-failed':
      return state.accepting === action.callId ? { ...state, accepting: null } : state;
    case 'call-over':
      return state.activeCallId === action.callId ? { ...state, activeCallId: null } : state;
    case 'tick': {
      const expired = [...state.departed].filter(([, d]) => d.until <= action.now);
      if (expired.length === 0) return state;
      const departed = new Map(state.departed);
      for (const [id] of expired) departed.delete(id);
      return { ...state, departed };
    }
  }
}

/** The rows to show, oldest caller first: the queue's, and those leaving with their label. */
export function queueRows(state: QueueState): QueueRow[] {
  const rows: QueueRow[] = state.calls.map((call) => ({
    call,
    status: state.accepting === call.callId ? 'accepting' : call.ringing && mayRing(state) ? 'ringing' : 'waiting',
  }));
  for (const d of state.departed.values()) rows.push({ call: d.call, status: d.reason });
  return rows.sort((a, b) => a.call.waitingSince.localeCompare(b.call.waitingSince));
}

/** Whether this lawyer can be rung now: on duty, in no call, no 接听 of theirs under way. */
function mayRing(state: QueueState): boolean {
  return state.duty === 'available' && state.activeCallId === null && state.accepting === null;
}

/**
 * Whether the lawyer is waiting for callers, not idle, as the hub judges it
 * for their session (hub/storage/sessions.ts slideSessionOnDuty): on
 * 在线接待, or in a call.
 */
export function waitingForCallers(state: QueueState): boolean {
  return state.duty === 'available' || state.activeCallId !== null;
}

/** The calls ringing this lawyer now: the sound and the notification last while there is one. */
export function ringingCalls(state: QueueState): QueuedCall[] {
  return mayRing(state) ? state.calls.filter((c) => c.ringing) : [];
}

/** Whole seconds a caller has waited, as the page counts it up (never negative: clocks differ). */
export function waitedSeconds(waitingSince: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(waitingSince)) / 1000));
}
