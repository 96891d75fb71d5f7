import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { RATING_SUBJECTS } from '../../../common/api/submissions';
import { UsageKey, type UsageMetric } from '../../../common/api/usage';
import type { ApiClient } from '../service/api-client';
import { useApi } from '../service/ServiceContext';

export type RatingSubject = (typeof RATING_SUBJECTS)[number];

/** The service a usage event belongs to, for the rating at 结束使用. */
const SUBJECT_OF: Readonly<Record<UsageMetric, RatingSubject>> = {
  consultation: 'consultation',
  'legal-aid-check': 'legal-aid',
  'template-printed': 'documents',
  calculator: 'overall',
  'law-lookup': 'overall',
  search: 'overall',
  'dispute-screening': 'mediation',
};

/**
 * What one session has done, as far as the end of it needs to know: which
 * service the citizen last used (the rating at 结束使用 asks only after one,
 * about that one), whether they already rated, and which submissions they
 * made here (only those receipts may be reprinted — see
 * renderer/submission-status). Lives in a provider inside the session's keyed
 * tree, so a reset forgets all of it; nothing is kept in module variables or
 * web storage.
 */
export interface SessionUse {
  /** A usage figure for today (an answer opened, a template printed…). Never fails, never waits. */
  count(metric: UsageMetric, key?: string): void;
  /** The same, at most once per session for `onceId` (a screen shown again by 返回 is not a new use). */
  countOnce(onceId: string, metric: UsageMetric, key?: string): void;
  /** The citizen used a service worth asking about. */
  served(subject: RatingSubject): void;
  /** The last service used in this session; null when none was. */
  subject: RatingSubject | null;
  rated: boolean;
  markRated(): void;
  /** A submission made in this session, by its reference. */
  markSubmitted(reference: string): void;
  submittedHere(reference: string): boolean;
}

/** Sends a usage figure; a key that is not a plain code is left out rather than sent (personal data must never become a key). */
export function sendUsage(api: ApiClient, metric: UsageMetric, key?: string): void {
  const safeKey = key === undefined || !UsageKey.safeParse(key).success ? undefined : key;
  // A figure is never worth bothering anyone about: no retry, no message.
  api.call('usage', safeKey === undefined ? { metric } : { metric, key: safeKey }).catch(() => undefined);
}

const SessionUseContext = createContext<SessionUse | null>(null);

export function SessionUseProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [subject, setSubject] = useState<RatingSubject | null>(null);
  const [rated, setRated] = useState(false);
  const [submitted, setSubmitted] = useState<ReadonlySet<string>>(() => new Set());
  /** What was counted once already in this session: codes and ids of content, nothing the citizen typed. */
  const [countedIds] = useState(() => new Set<string>());
  const served = useCallback((s: RatingSubject) => setSubject(s), []);
  const value = useMemo((): SessionUse => {
    const count = (metric: UsageMetric, key?: string): void => {
      sendUsage(api, metric, key);
      setSubject(SUBJECT_OF[metric]);
    };
    return {
      count,
      countOnce: (onceId, metric, key) => {
        if (countedIds.has(onceId)) return;
        countedIds.add(onceId);
        count(metric, key);
      },
      served,
      subject,
      rated,
      markRated: () => setRated(true),
      markSubmitted: (reference) => setSubmitted((s) => new Set([...s, reference])),
      submittedHere: (reference) => submitted.has(reference),
    };
  }, [api, served, subject, rated, submitted, countedIds]);
  return <SessionUseContext.Provider value={value}>{children}</SessionUseContext.Provider>;
}

/** The session's use; outside a provider (a screen rendered on its own) figures are still sent and the rest is forgotten at once. */
export function useSessionUse(): SessionUse {
  const context = useContext(SessionUseContext);
  const api = useApi();
  return useMemo(
    () =>
      context ?? {
        count: (metric, key) => sendUsage(api, metric, key),
        countOnce: (_onceId, metric, key) => sendUsage(api, metric, key),
        served: () => undefined,
        subject: null,
        rated: false,
        markRated: () => undefined,
        markSubmitted: () => undefined,
        submittedHere: () => false,
      },
    [context, api],
  );
}

/**
 * Counts one usage figure when a screen shows, as soon as `key` is known
 * (null while it loads) — once per session for `onceId` (default: the metric
 * and key), so coming back to the screen with 返回 is not counted again. For
 * screens like an answer, where opening it is the event: pass the answer's id
 * as `onceId` so two answers of one topic count twice, the same one once.
 */
export function useCountOnce(metric: UsageMetric, key: string | null | undefined, onceId?: string): void {
  const { countOnce } = useSessionUse();
  const latest = useRef(countOnce);
  useEffect(() => {
    latest.current = countOnce;
  });
  useEffect(() => {
    if (key === null || key === undefined) return;
    latest.current(onceId ?? `${metric}:${key}`, metric, key);
  }, [metric, key, onceId]);
}
