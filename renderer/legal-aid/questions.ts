import type {
  ApplyingAs,
  Art25Situation,
  Art29Role,
  Art31Item,
  Art32Situation,
  Art42Group,
  LegalAidAnswers,
  LegalAidMatter,
} from '../../common/legal-aid/answers';
import { checkLegalAid } from '../../common/legal-aid/check';
import { AID_FIRST_DEADLINE_DAYS } from '../../common/legal-aid/procedure';
import type { HardshipThreshold } from '../../common/legal-aid/threshold';

/**
 * The legal-aid check as the citizen meets it: one question per screen, each
 * answered with a big button in plain words, then turned into the
 * `LegalAidAnswers` the rules in common/legal-aid take. Questions whose answer
 * cannot change anything (the income when the hardship review is skipped
 * anyway, the court when the matter is criminal) are not asked at all — the
 * rules themselves say which.
 *
 * Pure and JSON-only: the draft travels in the navigation stack, so "返回"
 * goes to the previous question with the answers given before it, and the
 * session's end drops it with the rest of the stack.
 */

/** First question: what kind of matter, in a few broad groups. */
export const MATTER_GROUPS = ['work', 'injury', 'family', 'welfare', 'criminal', 'state', 'special', 'other'] as const;
export type MatterGroup = (typeof MATTER_GROUPS)[number];

/** Second question: the matter itself, within its group, each one a situation the law names. */
export const MATTER_CHOICES = {
  work: ['wages', 'labour-relation', 'work-injury'],
  injury: ['other-personal-injury', 'environment'],
  family: ['support-payments', 'abuse-abandonment-domestic-violence', 'civil-capacity'],
  welfare: ['social-insurance-or-assistance', 'survivor-or-disability-pension'],
  criminal: [
    'criminal-defence',
    'victim',
    'private-prosecutor',
    'incidental-civil-plaintiff',
    'compulsory-medical-treatment',
  ],
  state: ['state-compensation', 'retrial-acquittal-compensation'],
  special: ['bravery', 'martyr-relative'],
  other: ['retrial-accepted', 'civil-other'],
} as const satisfies Record<MatterGroup, readonly string[]>;
export type MatterChoice = (typeof MATTER_CHOICES)[MatterGroup][number];

/** "不清楚" wherever the law allows the office to find out; "都不是" where the list is closed. */
export type Unsure = 'unsure';
export type YesNo = 'yes' | 'no' | Unsure;
export const URGENCY_ANSWERS = ['deadline', 'preservation', 'none', 'unsure'] as const;
export type UrgencyAnswer = (typeof URGENCY_ANSWERS)[number];
export const INCOME_ANSWERS = ['within', 'above', 'pledge', 'unsure'] as const;
export type IncomeAnswer = (typeof INCOME_ANSWERS)[number];

/** The questions, in the order they are asked. */
export const CHECK_STEPS = [
  'matter-group',
  'matter',
  'defence-situations',
  'for-whom',
  'groups',
  'agent',
  'court',
  'urgency',
  'income',
] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

/** What the citizen has answered so far. Absent: not asked yet. */
export interface CheckDraft {
  group?: MatterGroup | Unsure;
  matter?: MatterChoice | Unsure;
  /** Art. 25 ¶1 situations of the accused; [] for none of them (or not known). */
  situations?: readonly Art25Situation[];
  applyingAs?: ApplyingAs;
  /** Art. 42 groups; [] for none (or not known). */
  groups?: readonly Art42Group[];
  hasAgent?: YesNo;
  inCourt?: YesNo;
  urgency?: UrgencyAnswer;
  income?: IncomeAnswer;
}

const ART31: ReadonlySet<string> = new Set<Art31Item>([
  'state-compensation',
  'social-insurance-or-assistance',
  'survivor-or-disability-pension',
  'support-payments',
  'labour-relation',
  'wages',
  'civil-capacity',
  'work-injury',
  'other-personal-injury',
  'environment',
]);
const ART32: ReadonlySet<string> = new Set<Art32Situation>([
  'martyr-relative',
  'bravery',
  'retrial-acquittal-compensation',
  'abuse-abandonment-domestic-violence',
]);
const ART29: ReadonlySet<string> = new Set<Art29Role>(['victim', 'private-prosecutor', 'incidental-civil-plaintiff']);

/** The matter a choice names, as the rules take it. */
export function matterOf(
  choice: MatterChoice | Unsure | undefined,
  situations: readonly Art25Situation[] = [],
): LegalAidMatter {
  if (choice === undefined || choice === 'unsure') return { kind: 'other' };
  if (choice === 'civil-other') return { kind: 'civil-administrative', item: 'other' };
  if (choice === 'criminal-defence') return { kind: 'criminal-defence', situations: [...situations] };
  if (choice === 'compulsory-medical-treatment') return { kind: 'compulsory-medical-treatment' };
  if (choice === 'retrial-accepted') return { kind: 'retrial-accepted' };
  if (ART29.has(choice)) return { kind: 'criminal-victim', role: choice as Art29Role };
  if (ART32.has(choice)) return { kind: 'no-hardship-check', situation: choice as Art32Situation };
  if (ART31.has(choice)) return { kind: 'civil-administrative', item: choice as Art31Item };
  // Unreachable while MATTER_CHOICES and the sets above agree (tested).
  return { kind: 'other' };
}

/**
 * "7天之内就到期" as a number of days: any number below the law's seven
 * (Art. 44 ¶1 (1): "不足七日") gives the same result.
 */
export const WITHIN_A_WEEK_DAYS = AID_FIRST_DEADLINE_DAYS - 1;

/**
 * The answers the rules take. Whatever was not asked (or answered 不清楚)
 * gets the reading that sends the citizen on to the office, which decides:
 * no agent, not in court, no deadline known, income not known.
 *
 * The income question compares with the standard and asks for no figure, so
 * the figure passed on is the standard itself for "not above" (equal counts
 * as within) and a cent more for "above".
 */
export function toAnswers(draft: CheckDraft, threshold: HardshipThreshold): LegalAidAnswers {
  const standard = threshold.monthlyIncomePerPersonYuan;
  const economy: LegalAidAnswers['economy'] =
    draft.income === 'within'
      ? { kind: 'figures', monthlyIncomePerPersonYuan: standard }
      : draft.income === 'above'
        ? { kind: 'figures', monthlyIncomePerPersonYuan: standard + 0.01 }
        : draft.income === 'pledge'
          ? { kind: 'pledge' }
          : { kind: 'unknown' };
  return {
    matter: draft.group === 'unsure' ? { kind: 'other' } : matterOf(draft.matter, draft.situations),
    applyingAs: draft.applyingAs ?? 'self',
    groups: [...(draft.groups ?? [])],
    economy,
    hasAgent: draft.hasAgent === 'yes',
    inCourt: draft.inCourt === 'yes',
    urgency: {
      daysUntilDeadline: draft.urgency === 'deadline' ? WITHIN_A_WEEK_DAYS : null,
      needsUrgentPreservation: draft.urgency === 'preservation',
    },
  };
}

/** Criminal proceedings and retrials are litigation whatever the citizen says (Art. 38): the court question is not asked. */
function courtMatters(matter: LegalAidMatter): boolean {
  return (
    matter.kind !== 'criminal-defence' &&
    matter.kind !== 'criminal-victim' &&
    matter.kind !== 'retrial-accepted' &&
    matter.kind !== 'compulsory-medical-treatment'
  );
}

/**
 * The next question to ask, or 'result' once every question that can change
 * the outcome, the materials or where to apply has an answer.
 */
export function nextStep(draft: CheckDraft, threshold: HardshipThreshold): CheckStep | 'result' {
  if (draft.group === undefined) return 'matter-group';
  if (draft.group !== 'unsure' && draft.matter === undefined) return 'matter';
  if (draft.matter === 'criminal-defence' && draft.situations === undefined) return 'defence-situations';
  const provisional = toAnswers(draft, threshold);
  const result = checkLegalAid(provisional, threshold);
  // Aid assigned by the court, procuratorate or police: nothing to apply for, so only a retained lawyer matters.
  if (result.route === 'assigned-by-authority') return draft.hasAgent === undefined ? 'agent' : 'result';
  if (draft.applyingAs === undefined) return 'for-whom';
  // Art. 32: no hardship condition at all, so the groups that replace the hardship check change nothing.
  if (draft.groups === undefined && provisional.matter.kind !== 'no-hardship-check') return 'groups';
  if (draft.hasAgent === undefined) return 'agent';
  if (draft.inCourt === undefined && courtMatters(provisional.matter)) return 'court';
  if (draft.urgency === undefined) return 'urgency';
  // Hardship presumed (Art. 42) or not a condition (Art. 32): the income cannot change anything.
  if (draft.income === undefined && !result.hardshipReview.skipped) return 'income';
  return 'result';
}

/** How many questions were answered before this one (the screen says "第 n 个问题"). */
export function questionNumber(draft: CheckDraft): number {
  const answered: (keyof CheckDraft)[] = [
    'group',
    'matter',
    'situations',
    'applyingAs',
    'groups',
    'hasAgent',
    'inCourt',
    'urgency',
    'income',
  ];
  return answered.filter((k) => draft[k] !== undefined).length + 1;
}

// ── The application's matter ──────────────────────────────────────────────

/**
 * What the application is about, as a short code for the office (the
 * payload's `matter.category`). The check's answer picks one; the citizen can
 * change it on the application.
 */
export const APPLICATION_CATEGORIES = [
  'wages',
  'work-injury',
  'labour-relation',
  'other-personal-injury',
  'support-payments',
  'abuse-abandonment-domestic-violence',
  'social-insurance-or-assistance',
  'survivor-or-disability-pension',
  'state-compensation',
  'retrial-acquittal-compensation',
  'civil-capacity',
  'environment',
  'bravery',
  'martyr-relative',
  'criminal-defence',
  'criminal-victim',
  'compulsory-medical-treatment',
  'retrial-accepted',
  'civil-other',
  'other',
] as const;
export type ApplicationCategory = (typeof APPLICATION_CATEGORIES)[number];

/** The common situations the application lists first; the check's own category joins them when it is another. */
export const COMMON_CATEGORIES: readonly ApplicationCategory[] = [
  'wages',
  'work-injury',
  'labour-relation',
  'other-personal-injury',
  'support-payments',
  'abuse-abandonment-domestic-violence',
  'social-insurance-or-assistance',
  'criminal-defence',
  'criminal-victim',
  'other',
];

export function categoryOf(matter: LegalAidMatter): ApplicationCategory {
  switch (matter.kind) {
    case 'civil-administrative':
      return matter.item === 'other' ? 'civil-other' : matter.item;
    case 'no-hardship-check':
      return matter.situation;
    case 'criminal-defence':
    case 'criminal-victim':
    case 'compulsory-medical-treatment':
    case 'retrial-accepted':
    case 'other':
      return matter.kind;
  }
}

/** The list of situations the application offers, with the check's own first when it is not among the common ones. */
export function categoryChoices(preselected: ApplicationCategory | null): ApplicationCategory[] {
  if (preselected === null || COMMON_CATEGORIES.includes(preselected)) return [...COMMON_CATEGORIES];
  return [preselected, ...COMMON_CATEGORIES];
}
