import {
  type ReactNode,
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { type EndReason, SessionMachine, type SessionSnapshot, type SessionTiming } from './session-machine';

export interface KioskSession {
  snapshot: SessionSnapshot;
  wake(): boolean;
  continue(): void;
  finish(): void;
  /**
   * Anything that keeps a citizen's data outside the screen tree (which is
   * remounted on reset anyway) registers here to forget it. Returns the unsubscribe.
   */
  onEnd(listener: (reason: EndReason) => void): () => void;
  /** Keeps the session from ending by itself (a video call) until the returned release is called. */
  hold(): () => void;
}

/**
 * Owns the session machine: counts every touch and key as activity, applies
 * the terminal's timing, and calls `onReset` (the wipe) when a session ends.
 */
export function useKioskSession(timing: SessionTiming | null, onReset: (reason: EndReason) => void): KioskSession {
  const latestReset = useRef(onReset);
  useEffect(() => {
    latestReset.current = onReset;
  });
  const [endListeners] = useState(() => new Set<(reason: EndReason) => void>());
  const [machine] = useState(
    () =>
      new SessionMachine({
        idleTimeoutSeconds: timing?.idleTimeoutSeconds ?? 120,
        countdownSeconds: timing?.countdownSeconds ?? 30,
        onReset: (reason) => {
          for (const listener of [...endListeners]) {
            try {
              listener(reason);
            } catch (error) {
              console.warn('session end listener failed', error);
            }
          }
        },
      }),
  );
  // The wipe itself is one of the listeners.
  useEffect(() => {
    const wipe = (reason: EndReason): void => latestReset.current(reason);
    endListeners.add(wipe);
    return () => {
      endListeners.delete(wipe);
    };
  }, [endListeners]);

  const idle = timing?.idleTimeoutSeconds;
  const countdown = timing?.countdownSeconds;
  useEffect(() => {
    if (idle !== undefined && countdown !== undefined)
      machine.configure({ idleTimeoutSeconds: idle, countdownSeconds: countdown });
  }, [machine, idle, countdown]);

  useEffect(() => {
    // Capture phase: a screen that stops propagation still counts as a touch.
    const onPointer = (): void => machine.activity();
    const onKey = (): void => {
      if (!machine.wake()) machine.activity();
    };
    window.addEventListener('pointerdown', onPointer, { capture: true });
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onPointer, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
      machine.dispose();
    };
  }, [machine]);

  const [onEnd] = useState(() => (listener: (reason: EndReason) => void) => {
    endListeners.add(listener);
    return () => {
      endListeners.delete(listener);
    };
  });
  const snapshot = useSyncExternalStore(machine.subscribe, machine.getSnapshot);
  return useMemo(
    () => ({
      snapshot,
      wake: machine.wake,
      continue: machine.continue,
      finish: machine.finish,
      onEnd,
      hold: machine.hold,
    }),
    [snapshot, machine, onEnd],
  );
}

const SessionContext = createContext<KioskSession | null>(null);

export function SessionProvider({ session, children }: { session: KioskSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The current session, or null outside one (the starting and restoring screens). */
export function useSession(): KioskSession | null {
  return useContext(SessionContext);
}

/** Calls `forget` whenever a session ends, while the calling component is mounted. */
export function useSessionEnd(forget: (reason: EndReason) => void): void {
  const session = useSession();
  const latest = useRef(forget);
  useEffect(() => {
    latest.current = forget;
  });
  const onEnd = session?.onEnd;
  useEffect(() => onEnd?.((reason) => latest.current(reason)), [onEnd]);
}

/**
 * While `active`, the session does not end by itself: no idle countdown
 * while a citizen waits for or talks to a lawyer. 结束使用 still ends it.
 */
export function useSessionHold(active: boolean): void {
  const hold = useSession()?.hold;
  useEffect(() => (active && hold !== undefined ? hold() : undefined), [active, hold]);
}
