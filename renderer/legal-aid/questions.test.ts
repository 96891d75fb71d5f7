import { describe, expect, it } from 'vitest';
import { en } from '../../common/i18n/en';
import { zhCN } from '../../common/i18n/zh-CN';
import { LegalAidAnswers } from '../../common/legal-aid/answers';
import { checkLegalAid } from '../../common/legal-aid/check';
import type { HardshipThreshold } from '../../common/legal-aid/threshold';
import {
  APPLICATION_CATEGORIES,
  type CheckDraft,
  type CheckStep,
  categoryChoices,
  categoryOf,
  COMMON_CATEGORIES,
  MATTER_CHOICES,
  MATTER_GROUPS,
  matterOf,
  nextStep,
  questionNumber,
  toAnswers,
} from './questions';

/** A made-up standard for tests (the real one comes from the terminal's configuration). */
const THRESHOLD: HardshipThreshold = {
  monthlyIncomePerPersonYuan: 2210,
  source: 'test fixture',
  effectiveFrom: '2025-01-01',
};

/** Answers the questions the way a citizen taps through them: each answer, then the step the screen would show next. */
function walk(answers: Partial<CheckDraft>[]): { steps: (CheckStep | 'result')[]; draft: CheckDraft } {
  let draft: CheckDraft = {};
  const steps: (CheckStep | 'result')[] = [nextStep(draft, THRESHOLD)];
  for (const a of answers) {
    draft = { ...draft, ...a };
    steps.push(nextStep(draft, THRESHOLD));
  }
  return { steps, draft };
}

describe('the check’s questions', () => {
  it('the acceptance case: a migrant worker owed wages is never asked about income, and the rules skip the hardship review (Art. 42)', () => {
    const { steps, draft } = walk([
      { group: 'work' },
      { matter: 'wages' },
      { applyingAs: 'self' },
      { groups: ['migrant-worker'] },
      { hasAgent: 'no' },
      { inCourt: 'no' },
      { urgency: 'none' },
    ]);
    expect(steps).toEqual(['matter-group', 'matter', 'for-whom', 'groups', 'agent', 'court', 'urgency', 'result']);
    const answers = toAnswers(draft, THRESHOLD);
    expect(answers).toEqual({
      matter: { kind: 'civil-administrative', item: 'wages' },
      applyingAs: 'self',
      groups: ['migrant-worker'],
      economy: { kind: 'unknown' },
      hasAgent: false,
      inCourt: false,
      urgency: { daysUntilDeadline: null, needsUrgentPreservation: false },
    });
    expect(LegalAidAnswers.parse(answers)).toEqual(answers);
    const result = checkLegalAid(answers, THRESHOLD);
    expect(result).toMatchObject({
      outcome: 'likely-eligible',
      hardshipReview: { skipped: true, why: 'art42-migrant-worker-wages' },
    });
    expect(result.articles).toContain(42);
  });

  it('asks about income when nothing replaces the hardship check, and reads the answer against the configured standard', () => {
    const before = {
      group: 'work',
      matter: 'wages',
      applyingAs: 'self',
      groups: [],
      hasAgent: 'no',
      inCourt: 'yes',
      urgency: 'none',
    } as const;
    expect(nextStep(before, THRESHOLD)).toBe('income');
    const within = toAnswers({ ...before, income: 'within' }, THRESHOLD);
    expect(within.economy).toEqual({ kind: 'figures', monthlyIncomePerPersonYuan: 2210 });
    expect(checkLegalAid(within, THRESHOLD).outcome).toBe('likely-eligible');
    expect(checkLegalAid(toAnswers({ ...before, income: 'above' }, THRESHOLD), THRESHOLD).outcome).toBe('likely-not');
    expect(toAnswers({ ...before, income: 'pledge' }, THRESHOLD).economy).toEqual({ kind: 'pledge' });
    expect(checkLegalAid(toAnswers({ ...before, income: 'pledge' }, THRESHOLD), THRESHOLD).outcome).toBe(
      'needs-review',
    );
    expect(toAnswers({ ...before, income: 'unsure' }, THRESHOLD).economy).toEqual({ kind: 'unknown' });
    // A standard that also caps assets: "not above" leaves the assets for the office to ask.
    const withAssets = { ...THRESHOLD, familyAssetsYuan: 50_000 };
    expect(checkLegalAid(toAnswers({ ...before, income: 'within' }, withAssets), withAssets).reasons).toContain(
      'assets-not-given',
    );
  });

  it('does not ask who the person is, nor about income, when the law sets no hardship condition (Art. 32)', () => {
    const { steps } = walk([
      { group: 'family' },
      { matter: 'abuse-abandonment-domestic-violence' },
      { applyingAs: 'self' },
      { hasAgent: 'no' },
      { inCourt: 'no' },
      { urgency: 'none' },
    ]);
    expect(steps).toEqual(['matter-group', 'matter', 'for-whom', 'agent', 'court', 'urgency', 'result']);
  });

  it('asks for the Art. 25 situations of a defence, and then only whether a lawyer is retained when aid is assigned', () => {
    const { steps, draft } = walk([
      { group: 'criminal' },
      { matter: 'criminal-defence' },
      { situations: ['minor'] },
      { hasAgent: 'no' },
    ]);
    expect(steps).toEqual(['matter-group', 'matter', 'defence-situations', 'agent', 'result']);
    const result = checkLegalAid(toAnswers(draft, THRESHOLD), THRESHOLD);
    expect(result).toMatchObject({ route: 'assigned-by-authority', outcome: 'likely-eligible' });
  });

  it('does not ask about the court for criminal matters (always litigation, Art. 38)', () => {
    const { steps } = walk([
      { group: 'criminal' },
      { matter: 'victim' },
      { applyingAs: 'self' },
      { groups: [] },
      { hasAgent: 'no' },
      { urgency: 'none' },
      { income: 'within' },
    ]);
    expect(steps).toEqual(['matter-group', 'matter', 'for-whom', 'groups', 'agent', 'urgency', 'income', 'result']);
  });

  it('reads 不清楚 in the citizen’s favour: sent on to the office, which decides', () => {
    const { steps, draft } = walk([
      { group: 'unsure' },
      { applyingAs: 'self' },
      { groups: [] },
      { hasAgent: 'unsure' },
      { inCourt: 'unsure' },
      { urgency: 'unsure' },
      { income: 'unsure' },
    ]);
    expect(steps).toEqual(['matter-group', 'for-whom', 'groups', 'agent', 'court', 'urgency', 'income', 'result']);
    const answers = toAnswers(draft, THRESHOLD);
    expect(answers).toMatchObject({
      matter: { kind: 'other' },
      hasAgent: false,
      inCourt: false,
      economy: { kind: 'unknown' },
    });
    expect(checkLegalAid(answers, THRESHOLD).outcome).toBe('needs-review');
  });

  it('turns "7天之内就到期" and "要马上保全" into Art. 44’s aid first', () => {
    const base = {
      group: 'work',
      matter: 'wages',
      applyingAs: 'self',
      groups: ['migrant-worker'],
      hasAgent: 'no',
      inCourt: 'no',
    } as const;
    const deadline = checkLegalAid(toAnswers({ ...base, urgency: 'deadline' }, THRESHOLD), THRESHOLD);
    expect(deadline.aidFirst).toEqual({ possible: true, because: ['art44-deadline-within-7-days'] });
    const preservation = checkLegalAid(toAnswers({ ...base, urgency: 'preservation' }, THRESHOLD), THRESHOLD);
    expect(preservation.aidFirst).toEqual({ possible: true, because: ['art44-urgent-preservation'] });
  });

  it('numbers the questions as they are answered', () => {
    expect(questionNumber({})).toBe(1);
    expect(questionNumber({ group: 'work', matter: 'wages' })).toBe(3);
  });

  it('gives every choice a matter the rules accept, and every matter a category the office gets', () => {
    for (const group of MATTER_GROUPS) {
      for (const choice of MATTER_CHOICES[group]) {
        const matter = matterOf(choice, []);
        expect(matter.kind, choice).not.toBe('other');
        const answers = toAnswers({ group, matter: choice, situations: [] }, THRESHOLD);
        expect(LegalAidAnswers.safeParse(answers).success, choice).toBe(true);
        expect(APPLICATION_CATEGORIES, choice).toContain(categoryOf(matter));
      }
    }
    expect(categoryOf({ kind: 'other' })).toBe('other');
  });

  it('has a category label in both languages for exactly the categories there are', () => {
    expect(Object.keys(zhCN.legalAid.category).sort()).toEqual([...APPLICATION_CATEGORIES].sort());
    expect(Object.keys(en.legalAid.category).sort()).toEqual([...APPLICATION_CATEGORIES].sort());
    for (const c of APPLICATION_CATEGORIES) expect(c).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
  });

  it('lists the common situations, with the check’s own first when it is another', () => {
    expect(categoryChoices(null)).toEqual(COMMON_CATEGORIES);
    expect(categoryChoices('wages')).toEqual(COMMON_CATEGORIES);
    expect(categoryChoices('environment')[0]).toBe('environment');
  });
});
