import { useEffect, useRef } from 'react';
import type { KioskCallStatus } from '../../common/api/calls';
import { useApi, useServiceEvents } from '../app/service/ServiceContext';

/** While a call waits or runs, the service is asked this often too, in case an event was missed (its socket reconnecting). */
export const CALL_POLL_MS = 3000;

/**
 * Where the call `callId` stands, as the service pushes it (`call-status`,
 * `call-ended`) and, while there is a call, as a poll of `callCurrent`
 * finds it: a call the service no longer has is over (it restarted, or
 * ended it while this screen was not listening).
 */
export function useCallStatus(callId: string | null, onStatus: (status: KioskCallStatus) => void): void {
  const api = useApi();
  const latest = useRef(onStatus);
  useEffect(() => {
    latest.current = onStatus;
  });

  useServiceEvents((event) => {
    if (callId === null) return;
    if (event.type === 'call-status' && event.callId === callId) latest.current(event.status);
    else if (event.type === 'call-ended' && event.callId === callId)
      latest.current({ state: 'ended', reason: event.reason });
  });

  useEffect(() => {
    if (callId === null) return;
    let stopped = false;
    const timer = setInterval(() => {
      api.call('callCurrent').then(
        ({ call }) => {
          if (stopped) return;
          if (call === null || call.callId !== callId) latest.current({ state: 'ended', reason: 'dropped' });
          else latest.current(call.status);
        },
        // The service is away: the app shows its restoring screen; the next poll will tell.
        () => undefined,
      );
    }, CALL_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, callId]);
}
