import type { TFunction } from 'i18next';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallEndReason, CallTopic, DutyStatus, IceConfig, QueuedCall } from '../../../common/hub/api/calls';
import type { HubClient } from '../data/hub-client';
import { useLiveChannel } from '../data/live-channel';
import { LiveRequestError } from '../data/live-socket';
import { useHubClient } from '../data/queries';
import { askToNotify, createRinger, notifyCall } from './ringer';
import { initialQueueState, queueReducer, ringingCalls, waitingForCallers, type QueueState } from './queue-state';

/** The call this lawyer is in, as far as the page knows it (a call resumed after a reload knows less). */
export interface ActiveCall {
  callId: string;
  topic: CallTopic | null;
  kioskName: string | null;
  /** Unmasked when the hub's answer to 接听 carried it, else as the queue showed it. */
  callerName: string | null;
  ice: IceConfig;
}

export type Desk =
  | { kind: 'queue' }
  | { kind: 'call'; call: ActiveCall }
  /** After the call: finish the record. `reason` is how it ended, null when this lawyer hung up. */
  | { kind: 'wrap-up'; call: ActiveCall; reason: CallEndReason | null };

/** Something the page says about the last thing the lawyer did, in words. */
export type Notice = { kind: 'busy' | 'not-connected' } | { kind: 'failed'; message: string };

/** How often the waits count up and labelled rows are let go. */
const TICK_MS = 1_000;

/**
 * The lawyer's 接待 desk: the queue from the hub (reduced by queue-state.ts),
 * the ring while a call is offered to this lawyer, their duty status, 接听,
 * and which view the desk shows — the queue, the call, or the wrap-up.
 * Every time the socket carries again it asks for the whole queue, so what
 * arrived while it was down is there (the hub also pushes it at open).
 */
export function useReception() {
  const { t } = useTranslation();
  const channel = useLiveChannel();
  const client = useHubClient();
  const [queue, dispatch] = useReducer(queueReducer, initialQueueState);
  const [desk, setDesk] = useState<Desk>({ kind: 'queue' });
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<Notice | null>(null);

  const sync = useCallback(() => {
    channel.request({ type: 'queue-sync' }).catch(() => undefined);
  }, [channel]);

  useEffect(() => {
    const stopMessages = channel.onMessage((message) => {
      const at = Date.now();
      if (message.type === 'queue') dispatch({ type: 'queue', queue: message.queue, now: at });
      else if (message.type === 'call-gone')
        dispatch({ type: 'call-gone', callId: message.callId, reason: message.reason, now: at });
      else if (message.type === 'call-ended') {
        // The other side hung up, or the hub ended the call: the view closes its media as it goes.
        setDesk((d) =>
          d.kind === 'call' && d.call.callId === message.callId
            ? { kind: 'wrap-up', call: d.call, reason: message.reason }
            : d,
        );
        dispatch({ type: 'call-over', callId: message.callId });
      }
    });
    const stopState = channel.onState((state) => {
      if (state === 'live') sync();
    });
    if (channel.state() === 'live') sync();
    return () => {
      stopMessages();
      stopState();
    };
  }, [channel, sync]);

  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      dispatch({ type: 'tick', now: at });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, []);

  // A console opened (or reloaded) while its lawyer is in a call takes the call up again.
  const resuming = useRef<string | null>(null);
  useEffect(() => {
    const callId = queue.activeCallId;
    if (callId === null || desk.kind !== 'queue' || resuming.current === callId) return;
    resuming.current = callId;
    // Both before the view opens: the record it begins takes the topic from what it is given.
    Promise.all([channel.request({ type: 'ice-config', callId }), resumedCallDetails(client, callId)]).then(
      ([answer, details]) => {
        if (answer.type !== 'ice-config') return;
        const known = details ?? { topic: null, kioskName: null, callerName: null };
        setDesk((d) => (d.kind === 'queue' ? { kind: 'call', call: { callId, ...known, ice: answer.ice } } : d));
      },
      () => {
        resuming.current = null;
      },
    );
  }, [channel, client, queue.activeCallId, desk.kind]);

  // On 在线接待 or in a call the lawyer is waiting for callers, not idle: the page does not sign itself out.
  const atDesk = waitingForCallers(queue) || desk.kind === 'call';
  useEffect(() => (atDesk ? client.holdActive() : undefined), [client, atDesk]);

  useRinging(queue, t);

  const setDuty = useCallback(
    (status: DutyStatus) => {
      if (status === 'available') askToNotify();
      setNotice(null);
      channel.request({ type: 'duty-set', status }).catch((error: unknown) => setNotice(requestNotice(error)));
    },
    [channel],
  );

  const accept = useCallback(
    (call: QueuedCall) => {
      setNotice(null);
      dispatch({ type: 'accepting', callId: call.callId });
      channel.request({ type: 'call-accept', callId: call.callId }).then(
        (answer) => {
          if (answer.type !== 'call-accept-result') return;
          dispatch({ type: 'accept-result', callId: call.callId, outcome: answer.outcome, now: Date.now() });
          if (answer.outcome === 'busy') setNotice({ kind: 'busy' });
          if (answer.outcome !== 'won' || answer.ice === undefined) return;
          resuming.current = call.callId;
          setDesk({
            kind: 'call',
            call: {
              callId: call.callId,
              topic: call.topic,
              kioskName: call.kioskName,
              callerName: answer.callerName ?? call.callerName,
              ice: answer.ice,
            },
          });
        },
        (error: unknown) => {
          dispatch({ type: 'accept-failed', callId: call.callId });
          setNotice(requestNotice(error));
        },
      );
    },
    [channel],
  );

  /** This lawyer hung up: the media is closed by the call view; the hub is told, then the wrap-up. */
  const hangUp = useCallback(
    (call: ActiveCall) => {
      setDesk({ kind: 'wrap-up', call, reason: null });
      dispatch({ type: 'call-over', callId: call.callId });
      channel
        .request({ type: 'call-end', callId: call.callId })
        .catch((error: unknown) => setNotice(requestNotice(error)));
    },
    [channel],
  );

  const backToQueue = useCallback(() => {
    setDesk({ kind: 'queue' });
    sync();
  }, [sync]);

  return { queue, desk, now, notice, setDuty, accept, hangUp, backToQueue, channel };
}

/**
 * What the lawyer's history says of a call taken up again after a reload
 * (its topic, kiosk and the masked name: the unmasked one came only with
 * 接听); undefined when it cannot be read, and the view shows what it knows.
 */
async function resumedCallDetails(
  client: HubClient,
  callId: string,
): Promise<Pick<ActiveCall, 'topic' | 'kioskName' | 'callerName'> | undefined> {
  try {
    const { calls } = await client.call('callsMine', undefined, { background: true });
    const call = calls.find((c) => c.callId === callId);
    return call === undefined
      ? undefined
      : { topic: call.topic, kioskName: call.kioskName, callerName: call.callerName };
  } catch {
    return undefined;
  }
}

function requestNotice(error: unknown): Notice {
  if (error instanceof LiveRequestError && error.reason !== 'refused') return { kind: 'not-connected' };
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The ring and the browser's notifications, while a call is offered to this lawyer. */
function useRinging(queue: QueueState, t: TFunction): void {
  const [ringer] = useState(createRinger);
  const notified = useRef(new Map<string, Notification | null>());
  useEffect(() => {
    const shown = notified.current;
    // Any click on the page lets the browser play the ring afterwards.
    const unlock = (): void => ringer.unlock();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      ringer.dispose();
      for (const n of shown.values()) n?.close();
      shown.clear();
    };
  }, [ringer]);

  const ringing = ringingCalls(queue);
  const ids = ringing.map((c) => c.callId).join(' ');
  useEffect(() => {
    if (ringing.length > 0) ringer.start();
    else ringer.stop();
    const now = new Set(ringing.map((c) => c.callId));
    for (const [id, n] of notified.current)
      if (!now.has(id)) {
        n?.close();
        notified.current.delete(id);
      }
    for (const call of ringing)
      if (!notified.current.has(call.callId))
        notified.current.set(
          call.callId,
          notifyCall(
            t('hubCalls.ring.title'),
            t('hubCalls.ring.body', { topic: t(`hubCalls.topics.${call.topic}`), kiosk: call.kioskName }),
            call.callId,
          ),
        );
    // `ids` stands for the ringing calls: the effect runs when they change, not on every tick.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, ringer, t]);
}
