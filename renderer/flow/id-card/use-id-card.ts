import { useCallback, useEffect, useState } from 'react';
import { useApi, useServiceEvents } from '../../app/service/ServiceContext';
import { type Identity, identityFromCard, readErrorKind } from './identity';

/** How long a screen waits for a card before saying none came (the service stops watching by itself after 3 minutes). */
export const CARD_WAIT_MS = 90_000;

export type IdCardRead =
  /** Watching the reader; nothing read yet. */
  | { phase: 'waiting' }
  /** A card was read. The card itself is not kept: only the identity it gave. */
  | { phase: 'read'; identity: Identity }
  /** The card's number failed its check: not trusted. Still watching: the citizen may put it on again. */
  | { phase: 'invalid-card' }
  /** The reader could not read it (still watching), or the reader is not working (watching stopped). */
  | { phase: 'error'; kind: 'again' | 'reader' }
  /** No card in time; watching stopped until `retry`. */
  | { phase: 'timeout' };

/**
 * Reads one ID card for the calling screen: turns the reader's watching on
 * while it waits (and off when it stops waiting or the screen goes), takes
 * the `idcard` / `idcard-error` events, and gives up after `waitMs`.
 * `active` false waits for nothing (e.g. while the citizen types instead).
 */
export function useIdCard({ active, waitMs = CARD_WAIT_MS }: { active: boolean; waitMs?: number }): {
  read: IdCardRead;
  retry(): void;
} {
  const api = useApi();
  const [read, setRead] = useState<IdCardRead>({ phase: 'waiting' });
  const [attempt, setAttempt] = useState(0);
  const watching =
    active &&
    (read.phase === 'waiting' || read.phase === 'invalid-card' || (read.phase === 'error' && read.kind === 'again'));

  useEffect(() => {
    if (!watching) return;
    let cancelled = false;
    api.call('idcardWatch', { watch: true }).catch(() => {
      if (!cancelled) setRead({ phase: 'error', kind: 'reader' });
    });
    const timer = setTimeout(() => setRead({ phase: 'timeout' }), waitMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      api.call('idcardWatch', { watch: false }).catch(() => undefined);
    };
  }, [api, watching, attempt, waitMs]);

  useServiceEvents((event) => {
    if (!watching) return;
    if (event.type === 'idcard') {
      const identity = identityFromCard(event.card);
      setRead(identity === null ? { phase: 'invalid-card' } : { phase: 'read', identity });
    } else if (event.type === 'idcard-error') {
      setRead({ phase: 'error', kind: readErrorKind(event.code) });
    }
  });

  const retry = useCallback(() => {
    setRead({ phase: 'waiting' });
    setAttempt((n) => n + 1);
  }, []);

  return { read, retry };
}
