import {
  MEDIATION_STEPS,
  type DisputeCategory,
  type DisputeSituation,
  type MediationStep,
} from '../../common/mediation/mediation';
import type { IconName } from '../../ui/icons/Icon';

/**
 * What the mediation screens show for the model's codes: icons, and the
 * catalogue key of each problem the checks report. Pure.
 */

/** The same pictures the consultation topics use for these matters. */
export const DISPUTE_ICON: Readonly<Record<DisputeCategory, IconName>> = {
  neighbour: 'home',
  'marriage-family': 'family',
  labour: 'wallet',
  consumer: 'cart',
  'property-management': 'building',
  loan: 'handshake',
  other: 'topic',
};

type ProblemKey =
  | 'required'
  | 'category'
  | 'availability'
  | 'nameRequired'
  | 'nameTooLong'
  | 'nameDigits'
  | 'otherNameRequired'
  | 'otherNameTooLong'
  | 'phoneRequired'
  | 'phoneFormat'
  | 'idFormat'
  | 'idCheck'
  | 'amountFormat'
  | 'amountZero'
  | 'amountTooLarge';

/** The catalogue key for a field's problem: `mediation.problems.<key>`, or the situation step's own words. */
export function problemKey(
  field: string,
  problem: string,
): `mediation.problems.${ProblemKey}` | 'mediation.situation.required' | 'mediation.situation.tooLong' {
  const k = (key: ProblemKey) => `mediation.problems.${key}` as const;
  switch (field) {
    case 'category':
      return k('category');
    case 'availability':
      return k('availability');
    case 'situation':
      return 'mediation.situation.required';
    case 'details':
      return 'mediation.situation.tooLong';
    case 'applicantName':
      return problem === 'too-long' ? k('nameTooLong') : problem === 'digits' ? k('nameDigits') : k('nameRequired');
    case 'otherPartyName':
      return problem === 'too-long' ? k('otherNameTooLong') : k('otherNameRequired');
    case 'applicantPhone':
    case 'otherPartyPhone':
      return problem === 'required' ? k('phoneRequired') : k('phoneFormat');
    case 'applicantIdNumber':
      return problem === 'check' ? k('idCheck') : k('idFormat');
    case 'amountYuan':
      return problem === 'zero' ? k('amountZero') : problem === 'too-large' ? k('amountTooLarge') : k('amountFormat');
    default:
      return k('required');
  }
}

/** The steps a citizen counts through ("第 3 步，共 8 步"): the answers, the notice and the check. */
export const COUNTED_STEPS = [...MEDIATION_STEPS, 'consent', 'review'] as const;
export type CountedStep = (typeof COUNTED_STEPS)[number];

export function stepNumber(step: CountedStep): number {
  return COUNTED_STEPS.indexOf(step) + 1;
}

/** The answer step after `step`, or 'consent' after the last one. */
export function nextStep(step: MediationStep): MediationStep | 'consent' {
  return MEDIATION_STEPS[MEDIATION_STEPS.indexOf(step) + 1] ?? 'consent';
}

export type SituationKey = {
  [C in DisputeCategory]: `mediation.situations.${C}.${DisputeSituation<C>}`;
}[DisputeCategory];

/** The catalogue key of a situation chip. */
export function situationKey(category: DisputeCategory, situation: string): SituationKey {
  // The model only offers each category its own situations (DISPUTE_SITUATIONS), so the pair is a key.
  return `mediation.situations.${category}.${situation}` as SituationKey;
}
