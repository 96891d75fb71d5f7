import type { SubmissionKind, SubmissionPayload } from '../../common/api/submissions';
import type { StatMetric } from '../../common/api/stats';
import type { UsageRequest } from '../../common/api/usage';
import { ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { DailyStats } from '../storage/daily-stats';

/**
 * The usage figures (records.db `daily_stats`, `kioskctl stats`): what the
 * service counts itself — each new submission, once, when the outbox has
 * stored it — and what the screens report through POST /api/usage. Counts
 * only; a key is a code (a category, a score), never anything about a person.
 */

export interface StatEvent {
  metric: StatMetric;
  key: string;
}

/**
 * The figure a new submission adds: legal-aid applications and mediation
 * requests by their category, ratings by `<subject>:<score>`, callback
 * requests by why the call could not be made. A template
 * handed on is not a figure of its own (its printing is counted on screen).
 */
export function submissionStat<K extends SubmissionKind>(kind: K, payload: SubmissionPayload<K>): StatEvent | null {
  switch (kind) {
    case 'legal-aid-application':
      return {
        metric: 'legal-aid-application',
        key: (payload as SubmissionPayload<'legal-aid-application'>).matter.category,
      };
    case 'mediation-request':
      return { metric: 'mediation-request', key: (payload as SubmissionPayload<'mediation-request'>).dispute.category };
    case 'rating': {
      const rating = payload as SubmissionPayload<'rating'>;
      return { metric: 'rating', key: `${rating.subject}:${rating.score}` };
    }
    case 'callback-request':
      return { metric: 'callback-request', key: (payload as SubmissionPayload<'callback-request'>).reason };
    default:
      return null;
  }
}

/** The outbox's `onStored`: counts the submission in today's figures. */
export function countSubmission(stats: DailyStats): (kind: SubmissionKind, payload: SubmissionPayload) => void {
  return (kind, payload) => {
    const stat = submissionStat(kind, payload);
    if (stat !== null) stats.increment(stat.metric, stat.key);
  };
}

/**
 * POST /api/usage. Without records.db there is nowhere to count: 503, which
 * the screens ignore (a figure is never worth bothering a citizen about).
 */
export function usageHandler(
  stats: DailyStats | undefined,
  unavailable: () => string,
): (body: UsageRequest) => Record<string, never> {
  return ({ metric, key }) => {
    if (stats === undefined) throw new ServiceUnavailableError(`Usage figures are unavailable: ${unavailable()}`);
    stats.increment(metric, key ?? '');
    return {};
  };
}
