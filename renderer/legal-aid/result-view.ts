import type { CitationQuery } from '../../common/api/citations';
import type { LegalAidResult } from '../../common/legal-aid/check';
import type { LegalAidOutcome, MaterialCode } from '../../common/legal-aid/codes';
import type { LegalAidTimeLimits } from '../../common/legal-aid/procedure';
import { formatArticleLabel } from '../../common/legal/chinese-numerals';
import type { IconName } from '../../ui/icons/Icon';

/**
 * How the check's result is shown and printed. Pure: the screens translate
 * the keys it gives.
 */

/** The Legal Aid Law's short name in the content release (content/laws/shipped.yaml): what citations look it up by. */
export const LEGAL_AID_LAW_SHORT = '法律援助法';

/** The outcome's icon, beside its words (never colour alone). */
export const OUTCOME_ICON: Readonly<Record<LegalAidOutcome, IconName>> = {
  'likely-eligible': 'ok',
  'likely-not': 'notOffered',
  'needs-review': 'info',
};

/** 第四十二条 etc. of the Legal Aid Law, for the articles-by-citation lookup, in the result's order. */
export function articleCitations(articles: readonly number[]): CitationQuery[] {
  return articles.map((n) => ({ lawShort: LEGAL_AID_LAW_SHORT, article: formatArticleLabel({ ordinal: n, sub: 0 }) }));
}

export type TimeLimitLine =
  | { key: 'decide' | 'assign' | 'objection' | 'authorityNotifies' | 'assignAfterNotice'; days: number }
  | { key: 'refusal'; days?: undefined };

/** The office's (or the authorities') time limits, in the order things happen. */
export function timeLimitLines(limits: LegalAidTimeLimits): TimeLimitLine[] {
  if (limits.route === 'assigned-by-authority') {
    return [
      { key: 'authorityNotifies', days: limits.authorityNotifiesWithinDays },
      { key: 'assignAfterNotice', days: limits.assignWithinDaysAfterNotice },
    ];
  }
  return [
    { key: 'decide', days: limits.decideWithinDays },
    { key: 'assign', days: limits.assignWithinDaysAfterGrant },
    { key: 'refusal' },
    { key: 'objection', days: limits.objectionDecidedWithinDays },
  ];
}

/**
 * What to bring when applying without having done the check (直接申请): the
 * identity document, the economic situation (or the pledge) and the papers
 * about the matter — what every application needs.
 */
export const DEFAULT_MATERIALS: readonly MaterialCode[] = ['id-card', 'hardship-statement-or-pledge', 'case-materials'];

/** Whether to offer 现在申请: the kiosk never stops an application (the office decides), but aid the authorities assign needs none. */
export function offersApplication(result: Pick<LegalAidResult, 'route'>): boolean {
  return result.route === 'application';
}
