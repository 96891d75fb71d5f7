import { useCallback, useEffect, useState } from 'react';
import type { IdCard } from '../../../common/idcard/card';
import { useApi, useServiceEvents } from '../../app/service/ServiceContext';
import { type Identity, identityFromCard, readErrorKind } from './identity';

/** How long a screen waits for a card before saying none came (the service stops watching by itself after 3 minutes). */
export const CARD_WAIT_MS = 90_000;

/**
 * What a screen makes of a card the moment it is read (an identity, a
 * party's answers), so that the card itself is never kept; null when the
 * card is of no use to it (told as an invalid card).
 */
export type TakeCard<T> = (card: IdCard) => T | null;

export type IdCardRead<T = Identity> =
  /** Watching the reader; nothing read yet. */
  | { phase: 'waiting' }
  /** A card was read. The card itself is not kept: only what the screen took from it (by default, the identity). */
  | { phase: 'read'; value: T }
  /** The card's number failed its check (not trusted), or the screen could not use it. Still watching: the citizen may put it on again. */
  | { phase: 'invalid-card' }
  /** The reader could not read it (still watching), or the reader is not working (watching stopped). */
  | { phase: 'error'; kind: 'again' | 'reader' }
  /** No card in time; watching stopped until `retry`. */
  | { phase: 'timeout' };

export interface IdCardReading<T> {
  read: IdCardRead<T>;
  retry(): void;
}

interface IdCardOptions {
  active: boolean;
  waitMs?: number;
}

/**
 * What one card read gives the screen. A card whose number failed its check
 * is refused before `take` sees it: no screen fills anything from it.
 */
export function cardRead<T>(card: IdCard, take: TakeCard<T>): IdCardRead<T> {
  const value = card.idNumberValid ? take(card) : null;
  return value === null ? { phase: 'invalid-card' } : { phase: 'read', value };
}

/**
 * Reads one ID card for the calling screen: turns the reader's watching on
 * while it waits (and off when it stops waiting or the screen goes), takes
 * the `idcard` / `idcard-error` events, and gives up after `waitMs`.
 * `active` false waits for nothing (e.g. while the citizen types instead).
 * `take` turns the card into what the screen needs at once; without it the
 * read carries the card's {@link Identity}.
 */
export function useIdCard<T>(options: IdCardOptions & { take: TakeCard<T> }): IdCardReading<T>;
export function useIdCard(options: IdCardOptions): IdCardReading<Identity>;
export function useIdCard<T>({
  active,
  waitMs = CARD_WAIT_MS,
  take,
}: IdCardOptions & { take?: TakeCard<T> }): IdCardReading<T | Identity> {
  const api = useApi();
  const [read, setRead] = useState<IdCardRead<T | Identity>>({ phase: 'waiting' });
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
      setRead(cardRead<T | Identity>(event.card, take ?? identityFromCard));
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
