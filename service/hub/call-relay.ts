import type { Logger } from 'pino';
import type { CallAnswer, CallRequest, KioskCallStatus } from '../../common/api/calls';
import type { ServiceEvent } from '../../common/api/events';
import {
  CALL_KIOSK_GRACE_MS,
  type CallDocumentNotice,
  type CallSignal,
  type IceConfig,
} from '../../common/hub/api/calls';
import type { LiveServerMessage } from '../../common/hub/api/live';
import type { HubLink } from './hub-link';

/**
 * The kiosk's side of a video consultation, between the renderer (over the
 * service's routes and events) and the hub (over the kiosk's one socket,
 * hub-link.ts). The service holds where the call stands, so a renderer that
 * reconnects asks again (`current`) and the hub hears one caller, whatever
 * happens to either socket:
 *
 *  - The request is answered at once: not enrolled, or no socket to the hub
 *    now, is `unavailable` without asking anyone; otherwise the hub's first
 *    word, or `hub-unreachable` after REQUEST_TIMEOUT_MS. Never a spinner
 *    that does not end.
 *  - While the call waits or runs the link reconnects within seconds
 *    (HubLink.setUrgent). When a socket opens again while the call waits,
 *    `call-request` goes again with the same callId: the hub keeps its
 *    place in line. A socket that stays away longer than the hub keeps a
 *    caller (CALL_KIOSK_GRACE_MS) ends the wait as `hub-unreachable`.
 *  - Signaling and hanging up wait for the next socket when there is none;
 *    media goes peer to peer and may well outlive a hub restart.
 *  - The kiosk also keeps its own clock on the longest wait (the hub's
 *    should end it first, as `missed`): a hub gone quiet never leaves a
 *    citizen waiting for ever.
 *  - The citizen's name goes to the hub in `call-request` only, and to no log.
 */

/** How long the renderer waits for the hub's first word on a request before it is told the hub is out of reach. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How long an ICE-config request waits for its answer. */
export const ICE_TIMEOUT_MS = 10_000;
/** The kiosk's own limit on a wait is the configured one plus this, so the hub's `missed` comes first. */
export const WAIT_SLACK_MS = 30_000;
/** Signals held for the next socket at most (an ICE restart's candidates are a few dozen). */
export const MAX_HELD_SIGNALS = 500;

/** What the relay needs of the hub link. */
export type CallLink = Pick<HubLink, 'isOpen' | 'send' | 'nextMessageId' | 'onMessage' | 'onOpenChange' | 'setUrgent'>;

export interface CallRelayOptions {
  link: CallLink;
  /** Whether the kiosk is enrolled with a hub (read at each request: a kiosk enrolled while the service runs can call). */
  enrolled: () => boolean;
  /** The terminal's longest wait, sent to the hub and kept by the kiosk too. */
  maxWaitSeconds: number;
  publish: (event: ServiceEvent) => void;
  logger: Logger;
  /** A document the lawyer pushed to the call under way. */
  onDocument?: (callId: string, notice: CallDocumentNotice) => void;
  /** A call began (requested) or is over: the Electron shell grants the camera only in between. */
  onActiveChange?: (active: boolean) => void;
  requestTimeoutMs?: number;
  graceMs?: number;
  /** The kiosk's own limit on a wait; default the longest wait plus WAIT_SLACK_MS. */
  waitLimitMs?: number;
}

/** The renderer named a call that is not the one under way (an old screen, a stale request). */
export class NotCurrentCallError extends Error {}
/** The hub could not be asked (no socket) or did not answer in time. */
export class HubNotAnsweringError extends Error {}

type CallStatus = KioskCallStatus | { state: 'requesting' };

interface Call {
  callId: string;
  request: CallRequest;
  status: CallStatus;
  /** Signals for the lawyer, held while there is no socket. */
  held: CallSignal[];
  graceTimer: NodeJS.Timeout | undefined;
  waitTimer: NodeJS.Timeout | undefined;
  /** Settles the renderer's request with the hub's first word. */
  firstWord: ((status: KioskCallStatus) => void) | undefined;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class CallRelay {
  private call: Call | undefined;
  /** Cancels and hang-ups of calls the kiosk gave up on while the hub was out of reach: sent to the next socket. */
  private owed: { type: 'call-cancel' | 'call-end'; callId: string }[] = [];
  private readonly ice = new Map<string, Pending<IceConfig>>();
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly opts: CallRelayOptions) {
    this.unsubscribe = [
      opts.link.onMessage((m) => this.hear(m)),
      opts.link.onOpenChange((open) => (open ? this.onSocketOpen() : this.onSocketLost())),
    ];
  }

  private get graceMs(): number {
    return this.opts.graceMs ?? CALL_KIOSK_GRACE_MS;
  }

  /** The call under way, as the renderer should show it. */
  current(): { callId: string; status: KioskCallStatus } | null {
    const call = this.call;
    if (call === undefined) return null;
    // Still waiting for the hub's first word: shown as first in line, with no estimate yet.
    const status: KioskCallStatus =
      call.status.state === 'requesting' ? { state: 'queued', position: 1, estimatedWaitSeconds: 0 } : call.status;
    return { callId: call.callId, status };
  }

  /** 视频咨询 → a lawyer, please. Answered with the hub's first word, or why there is none. */
  async request(request: CallRequest): Promise<CallAnswer> {
    const { callId } = request;
    const existing = this.call;
    if (existing !== undefined && existing.callId === callId) {
      if (existing.status.state !== 'requesting') return { callId, status: existing.status };
      return { callId, status: await this.firstWordOf(existing) };
    }
    // A call this screen no longer knows about (the page reloaded): the citizen cannot be in two lines.
    if (existing !== undefined) this.end(existing.callId);

    const unavailable = (reason: 'hub-not-configured' | 'hub-unreachable'): CallAnswer => ({
      callId,
      status: { state: 'unavailable', reason, nextDutyAt: null },
    });
    if (!this.opts.enrolled()) return unavailable('hub-not-configured');
    if (!this.opts.link.isOpen()) return unavailable('hub-unreachable');

    const call: Call = {
      callId,
      request,
      status: { state: 'requesting' },
      held: [],
      graceTimer: undefined,
      waitTimer: undefined,
      firstWord: undefined,
    };
    this.call = call;
    this.opts.link.setUrgent(true);
    this.opts.onActiveChange?.(true);
    // Never the name: whether one was shown is all the log may know.
    this.opts.logger.info({ callId, topic: request.topic, nameShown: request.callerName !== null }, 'call requested');
    const answered = this.firstWordOf(call);
    this.sendRequest(call);
    return { callId, status: await answered };
  }

  /** The citizen hangs up, cancels or leaves: the hub hears it (now, or from the next socket). Idempotent. */
  end(callId: string): void {
    const call = this.call;
    if (call === undefined || call.callId !== callId) return;
    const type = call.status.state === 'answered' ? 'call-end' : 'call-cancel';
    this.tell(type, callId);
    this.opts.logger.info({ callId, by: 'citizen', answered: type === 'call-end' }, 'call ended');
    this.finish(call, { state: 'ended', reason: type === 'call-end' ? 'completed' : 'abandoned' }, false);
  }

  /** The session ended (结束使用, idle, a reload): whatever call there was is over. */
  endSession(): void {
    if (this.call !== undefined) this.end(this.call.callId);
  }

  /** WebRTC signaling for the lawyer: sent now, or held for the next socket. */
  signal(callId: string, signal: CallSignal): void {
    const call = this.callNamed(callId);
    if (call.status.state !== 'answered')
      throw new NotCurrentCallError(`call ${callId} is not answered yet: there is no one to signal`);
    if (this.sendSignal(call, signal)) return;
    call.held.push(signal);
    // An old offer's candidates are worth less than the newest: the oldest go first.
    if (call.held.length > MAX_HELD_SIGNALS) call.held.splice(0, call.held.length - MAX_HELD_SIGNALS);
  }

  /** Fresh TURN credentials for the call under way (before an ICE restart). */
  iceConfig(callId: string): Promise<IceConfig> {
    const call = this.callNamed(callId);
    if (call.status.state !== 'answered')
      return Promise.reject(new NotCurrentCallError(`call ${callId} is not answered yet`));
    const id = this.opts.link.nextMessageId('i');
    if (!this.opts.link.send({ type: 'ice-config', id, callId }))
      return Promise.reject(new HubNotAnsweringError('no socket to the hub'));
    return new Promise<IceConfig>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.ice.delete(id);
        reject(new HubNotAnsweringError('the hub did not send TURN credentials in time'));
      }, ICE_TIMEOUT_MS);
      timer.unref();
      this.ice.set(id, { resolve, reject, timer });
    });
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    if (this.call !== undefined) this.clearTimers(this.call);
    for (const [, p] of this.ice) clearTimeout(p.timer);
    this.ice.clear();
  }

  private callNamed(callId: string): Call {
    const call = this.call;
    if (call === undefined || call.callId !== callId)
      throw new NotCurrentCallError(`call ${callId} is not the call under way`);
    return call;
  }

  private firstWordOf(call: Call): Promise<KioskCallStatus> {
    return new Promise((resolve) => {
      const previous = call.firstWord;
      const timer = setTimeout(() => {
        if (this.call !== call || call.status.state !== 'requesting') return;
        this.opts.logger.warn({ callId: call.callId }, 'the hub did not answer a call request in time');
        this.tell('call-cancel', call.callId);
        this.finish(call, { state: 'unavailable', reason: 'hub-unreachable', nextDutyAt: null }, false);
      }, this.opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
      timer.unref();
      call.firstWord = (status) => {
        clearTimeout(timer);
        previous?.(status);
        resolve(status);
      };
    });
  }

  private sendRequest(call: Call): void {
    this.opts.link.send({
      type: 'call-request',
      id: this.opts.link.nextMessageId('c'),
      callId: call.callId,
      topic: call.request.topic,
      callerName: call.request.callerName,
      maxWaitSeconds: this.opts.maxWaitSeconds,
    });
  }

  private sendSignal(call: Call, signal: CallSignal): boolean {
    return this.opts.link.send({
      type: 'call-signal',
      id: this.opts.link.nextMessageId('s'),
      callId: call.callId,
      signal,
    });
  }

  /** A cancel or hang-up: now, or owed to the next socket. */
  private tell(type: 'call-cancel' | 'call-end', callId: string): void {
    if (this.opts.link.send({ type, id: this.opts.link.nextMessageId('e'), callId })) return;
    this.owed = [...this.owed.filter((o) => o.callId !== callId), { type, callId }].slice(-8);
  }

  private onSocketOpen(): void {
    const owed = this.owed;
    this.owed = [];
    for (const o of owed) this.tell(o.type, o.callId);
    const call = this.call;
    if (call === undefined) return;
    clearTimeout(call.graceTimer);
    call.graceTimer = undefined;
    if (call.status.state === 'requesting' || call.status.state === 'queued') {
      // The same callId: the hub keeps the caller's place in line.
      this.opts.logger.info(
        { callId: call.callId },
        'socket back while the call waits; asking again for the same call',
      );
      this.sendRequest(call);
    } else if (call.status.state === 'answered') {
      const held = call.held.splice(0);
      for (const [i, signal] of held.entries())
        if (!this.sendSignal(call, signal)) {
          call.held.unshift(...held.slice(i));
          break;
        }
    }
  }

  private onSocketLost(): void {
    for (const [id, p] of this.ice) {
      clearTimeout(p.timer);
      p.reject(new HubNotAnsweringError('the socket to the hub closed'));
      this.ice.delete(id);
    }
    const call = this.call;
    if (call === undefined || call.status.state === 'answered') return;
    // The hub keeps a waiting caller this long; past it the place is gone, and the citizen is told plainly.
    clearTimeout(call.graceTimer);
    call.graceTimer = setTimeout(() => {
      if (this.call !== call || call.status.state === 'answered') return;
      this.opts.logger.warn(
        { callId: call.callId },
        'no socket to the hub for longer than it keeps a caller; wait ended',
      );
      this.tell('call-cancel', call.callId);
      this.finish(call, { state: 'unavailable', reason: 'hub-unreachable', nextDutyAt: null }, true);
    }, this.graceMs);
    call.graceTimer.unref();
  }

  private hear(m: LiveServerMessage): void {
    switch (m.type) {
      case 'call-status':
        this.onStatus(m.callId, m.status);
        return;
      case 'call-ended': {
        const call = this.call;
        if (call === undefined || call.callId !== m.callId) return;
        this.opts.logger.info({ callId: m.callId, reason: m.reason }, 'call ended by the hub');
        this.opts.publish({ type: 'call-ended', callId: m.callId, reason: m.reason });
        this.finish(call, { state: 'ended', reason: m.reason }, false);
        return;
      }
      case 'call-signal':
        if (this.call?.callId === m.callId)
          this.opts.publish({ type: 'call-signal', callId: m.callId, signal: m.signal });
        return;
      case 'ice-config': {
        const pending = this.ice.get(m.inReplyTo);
        if (pending === undefined) return;
        this.ice.delete(m.inReplyTo);
        clearTimeout(pending.timer);
        pending.resolve(m.ice);
        return;
      }
      case 'call-document':
        if (this.call?.callId === m.callId) this.opts.onDocument?.(m.callId, m.document);
        return;
      case 'error':
        this.onError(m.code, m.message, m.inReplyTo);
        return;
      default:
        return;
    }
  }

  private onStatus(callId: string, status: LiveStatus): void {
    const call = this.call;
    if (call === undefined || call.callId !== callId) {
      // The hub still has a call this kiosk gave up on: it should end it.
      if (status.state === 'queued' || status.state === 'answered') this.tell('call-cancel', callId);
      return;
    }
    if (status.state === 'answered' && call.status.state !== 'answered')
      this.opts.logger.info({ callId }, 'call answered');
    call.status = status;
    if (status.state === 'queued' && call.waitTimer === undefined) this.startWaitClock(call);
    if (status.state === 'answered') {
      clearTimeout(call.waitTimer);
      call.waitTimer = undefined;
    }
    this.opts.publish({ type: 'call-status', callId, status });
    call.firstWord?.(status);
    call.firstWord = undefined;
    if (status.state === 'unavailable' || status.state === 'ended') {
      this.opts.logger.info(
        { callId, state: status.state, reason: status.reason },
        status.state === 'ended' ? 'call ended by the hub' : 'no lawyer for the call',
      );
      this.finish(call, status, false);
    }
  }

  private startWaitClock(call: Call): void {
    const limit = this.opts.waitLimitMs ?? this.opts.maxWaitSeconds * 1000 + WAIT_SLACK_MS;
    call.waitTimer = setTimeout(() => {
      if (this.call !== call || call.status.state === 'answered') return;
      this.opts.logger.warn({ callId: call.callId }, 'waited past the longest wait without the hub ending it');
      this.tell('call-cancel', call.callId);
      this.finish(call, { state: 'unavailable', reason: 'waited-too-long', nextDutyAt: null }, true);
    }, limit);
    call.waitTimer.unref();
  }

  private onError(code: string, message: string, inReplyTo: string | undefined): void {
    const call = this.call;
    if (inReplyTo?.startsWith('i-') === true) {
      const pending = this.ice.get(inReplyTo);
      if (pending !== undefined) {
        this.ice.delete(inReplyTo);
        clearTimeout(pending.timer);
        pending.reject(new HubNotAnsweringError(`the hub refused: ${message}`));
      }
      return;
    }
    // A refused request while the call waits for its first word: the hub will not queue it.
    if (inReplyTo?.startsWith('c-') === true && call !== undefined && call.status.state === 'requesting') {
      this.opts.logger.warn({ callId: call.callId, code, detail: message }, 'the hub refused the call request');
      this.finish(call, { state: 'unavailable', reason: 'hub-unreachable', nextDutyAt: null }, false);
      return;
    }
    this.opts.logger.warn({ code, detail: message, inReplyTo }, 'the hub refused a call message');
  }

  /** The call is over (`status` says how); `publish` tells the renderer, which did not ask for it. */
  private finish(call: Call, status: KioskCallStatus, publish: boolean): void {
    if (this.call !== call) return;
    this.call = undefined;
    this.clearTimers(call);
    call.status = status;
    call.firstWord?.(status);
    call.firstWord = undefined;
    if (publish) this.opts.publish({ type: 'call-status', callId: call.callId, status });
    this.opts.link.setUrgent(false);
    this.opts.onActiveChange?.(false);
  }

  private clearTimers(call: Call): void {
    clearTimeout(call.graceTimer);
    clearTimeout(call.waitTimer);
    call.graceTimer = undefined;
    call.waitTimer = undefined;
  }
}

type LiveStatus = Extract<LiveServerMessage, { type: 'call-status' }>['status'];
