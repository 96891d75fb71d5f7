/**
 * 服务评价: the citizen's rating at the end of a service. Scores 1–5, each
 * always shown with its words (很不满意 … 很满意), never stars alone; reasons
 * are chips from a fixed list, so a rating never carries free text — and
 * never personal data.
 */

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

/** Reasons a citizen can tap, as stable codes (the words are in the catalogue, `rating.reasons`). */
export const RATING_REASONS = [
  'clear-answer', // 解答清楚
  'easy-to-use', // 操作简单
  'saved-a-trip', // 省了跑腿
  'text-large-enough', // 字够大、看得清
  'waited-too-long', // 等待太久
  'no-answer-found', // 没找到答案
  'text-too-small', // 字太小
  'hard-to-use', // 操作太复杂
  'printer-problem', // 打印有问题
] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

/** The reasons offered for a score: what went well for 4–5, what did not for 1–2, both for 3. */
export function reasonsForScore(score: RatingScore | null): readonly RatingReason[] {
  if (score === null) return [];
  const good: RatingReason[] = ['clear-answer', 'easy-to-use', 'saved-a-trip', 'text-large-enough'];
  const bad: RatingReason[] = [
    'waited-too-long',
    'no-answer-found',
    'text-too-small',
    'hard-to-use',
    'printer-problem',
  ];
  if (score >= 4) return good;
  if (score <= 2) return bad;
  return [...good.slice(0, 2), ...bad];
}

/** Keeps the chosen reasons that are offered for the new score, in the list's order. */
export function keepReasons(chosen: readonly RatingReason[], score: RatingScore | null): RatingReason[] {
  const offered = reasonsForScore(score);
  return offered.filter((r) => chosen.includes(r));
}
