import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLYING_AS,
  ART25_SITUATIONS,
  ART29_ROLES,
  ART31_ITEMS,
  ART32_SITUATIONS,
  ART42_GROUPS,
  LegalAidAnswers,
  type LegalAidMatter,
} from './answers';
import { checkLegalAid, type LegalAidResult } from './check';
import {
  APPLY_PLACES,
  LEGAL_AID_OUTCOMES,
  LEGAL_AID_ROUTES,
  MATERIAL_CODES,
  REASON_CODES,
  type LegalAidOutcome,
} from './codes';
import type { HardshipThreshold } from './threshold';

/** A made-up standard for tests, not any province's figure (those come from configuration). */
const THRESHOLD: HardshipThreshold = {
  monthlyIncomePerPersonYuan: 1500,
  source: 'test fixture',
  effectiveFrom: '2024-01-01',
};
const WITH_ASSETS: HardshipThreshold = { ...THRESHOLD, familyAssetsYuan: 50_000 };

const WAGES: LegalAidMatter = { kind: 'civil-administrative', item: 'wages' };

/** A migrant-worker-free, agent-free wage claim below the standard, not urgent; each case changes what it is about. */
function answers(over: Partial<LegalAidAnswers> = {}): LegalAidAnswers {
  return {
    matter: WAGES,
    applyingAs: 'self',
    groups: [],
    economy: { kind: 'figures', monthlyIncomePerPersonYuan: 1000 },
    hasAgent: false,
    inCourt: false,
    urgency: { daysUntilDeadline: null, needsUrgentPreservation: false },
    ...over,
  };
}
const income = (monthlyIncomePerPersonYuan: number, familyAssetsYuan?: number): LegalAidAnswers['economy'] =>
  familyAssetsYuan === undefined
    ? { kind: 'figures', monthlyIncomePerPersonYuan }
    : { kind: 'figures', monthlyIncomePerPersonYuan, familyAssetsYuan };
const HIGH = income(9000);

interface Case {
  name: string;
  answers: LegalAidAnswers;
  threshold?: HardshipThreshold;
  expect: Partial<LegalAidResult>;
}

const NOT_URGENT = { possible: false, because: [] };

const CASES: Case[] = [
  // ── Art. 42: the acceptance case and the migrant-worker limit ──
  {
    name: 'a migrant worker owed wages: likely eligible, no hardship review (Art. 42)',
    answers: answers({ groups: ['migrant-worker'], economy: { kind: 'unknown' } }),
    expect: {
      outcome: 'likely-eligible',
      route: 'application',
      articles: [42, 31],
      reasons: ['art42-migrant-worker-wages', 'art31-listed-matter'],
      hardshipReview: { skipped: true, why: 'art42-migrant-worker-wages' },
      materials: ['id-card', 'proof-of-group', 'case-materials'],
      whereToApply: 'where-dispute-body-or-matter-arose',
      timeLimits: {
        route: 'application',
        decideWithinDays: 7,
        assignWithinDaysAfterGrant: 3,
        objectionDecidedWithinDays: 5,
      },
      aidFirst: NOT_URGENT,
    },
  },
  {
    name: 'a migrant worker owed wages stays presumed even with income above the standard',
    answers: answers({ groups: ['migrant-worker'], economy: HIGH }),
    expect: { outcome: 'likely-eligible', reasons: ['art42-migrant-worker-wages', 'art31-listed-matter'] },
  },
  {
    name: 'a migrant worker claiming work-injury damages is presumed',
    answers: answers({
      groups: ['migrant-worker'],
      matter: { kind: 'civil-administrative', item: 'work-injury' },
      economy: HIGH,
    }),
    expect: {
      outcome: 'likely-eligible',
      reasons: ['art42-migrant-worker-work-injury', 'art31-listed-matter'],
      hardshipReview: { skipped: true, why: 'art42-migrant-worker-work-injury' },
    },
  },
  {
    name: 'a migrant worker in a divorce is not presumed: the matter is not listed',
    answers: answers({ groups: ['migrant-worker'], matter: { kind: 'other' } }),
    expect: {
      outcome: 'needs-review',
      articles: [31, 32],
      reasons: ['matter-not-listed', 'income-below-threshold', 'art42-migrant-worker-other-matter'],
      hardshipReview: { skipped: false },
      materials: ['id-card', 'hardship-statement-or-pledge', 'case-materials'],
    },
  },
  {
    name: 'a migrant worker claiming support payments above the standard: not presumed, likely not',
    answers: answers({
      groups: ['migrant-worker'],
      matter: { kind: 'civil-administrative', item: 'support-payments' },
      economy: HIGH,
    }),
    expect: {
      outcome: 'likely-not',
      articles: [31, 34],
      reasons: ['income-above-threshold', 'art31-listed-matter', 'art42-migrant-worker-other-matter'],
      hardshipReview: { skipped: false },
    },
  },
  {
    name: 'confirming a labour relation alone is not "wages" for Art. 42 (3)',
    answers: answers({
      groups: ['migrant-worker'],
      matter: { kind: 'civil-administrative', item: 'labour-relation' },
      economy: HIGH,
    }),
    expect: { outcome: 'likely-not', hardshipReview: { skipped: false } },
  },
  {
    name: 'every Art. 42 group other than migrant workers is presumed whatever the matter (minor)',
    answers: answers({
      groups: ['minor-without-livelihood'],
      matter: { kind: 'civil-administrative', item: 'support-payments' },
      economy: HIGH,
    }),
    expect: { outcome: 'likely-eligible', articles: [42, 31], reasons: ['art42-minor', 'art31-listed-matter'] },
  },
  {
    name: 'judicial-assistance and special-care recipients are presumed; all groups are listed in the law’s order',
    answers: answers({ groups: ['special-care', 'judicial-assistance'], economy: HIGH }),
    expect: {
      outcome: 'likely-eligible',
      reasons: ['art42-judicial-assistance', 'art42-special-care', 'art31-listed-matter'],
      hardshipReview: { skipped: true, why: 'art42-judicial-assistance' },
    },
  },
  // ── Art. 32: no hardship condition ──
  {
    name: 'a domestic-violence victim with a high income: likely eligible (Art. 32)',
    answers: answers({
      matter: { kind: 'no-hardship-check', situation: 'abuse-abandonment-domestic-violence' },
      economy: HIGH,
      inCourt: true,
    }),
    expect: {
      outcome: 'likely-eligible',
      articles: [32],
      reasons: ['art32-no-hardship-check'],
      hardshipReview: { skipped: true, why: 'art32-no-hardship-check' },
      materials: ['id-card', 'proof-of-situation', 'case-materials'],
      whereToApply: 'where-case-is-handled',
    },
  },
  {
    name: 'an Art. 32 case with an agent already: the law sets no no-agent condition, the office decides',
    answers: answers({ matter: { kind: 'no-hardship-check', situation: 'bravery' }, hasAgent: true }),
    expect: {
      outcome: 'needs-review',
      articles: [32, 48],
      reasons: ['has-agent-office-decides', 'art32-no-hardship-check'],
    },
  },
  // ── Art. 31 and the economic situation ──
  {
    name: 'an Art. 31 wage claim below the standard: likely eligible',
    answers: answers(),
    expect: {
      outcome: 'likely-eligible',
      articles: [31, 34],
      reasons: ['income-below-threshold', 'art31-listed-matter'],
      hardshipReview: { skipped: false },
      materials: ['id-card', 'hardship-statement-or-pledge', 'case-materials'],
    },
  },
  {
    name: 'an Art. 31 wage claim with income above the standard: likely not',
    answers: answers({ economy: HIGH }),
    expect: { outcome: 'likely-not', articles: [31, 34], reasons: ['income-above-threshold', 'art31-listed-matter'] },
  },
  {
    name: 'the same claim with the integrity pledge instead of figures: needs review (Art. 41)',
    answers: answers({ economy: { kind: 'pledge' } }),
    expect: {
      outcome: 'needs-review',
      articles: [31, 41],
      reasons: ['pledge-instead-of-documents', 'art31-listed-matter'],
    },
  },
  {
    name: 'income not known: needs review',
    answers: answers({ economy: { kind: 'unknown' } }),
    expect: { outcome: 'needs-review', articles: [31, 34], reasons: ['income-unknown', 'art31-listed-matter'] },
  },
  {
    name: 'an Art. 31 claim with an agent already retained: likely not, whatever the income',
    answers: answers({ hasAgent: true, groups: ['elderly-without-livelihood'] }),
    expect: { outcome: 'likely-not', articles: [31], reasons: ['has-agent'] },
  },
  {
    name: 'income exactly at the standard counts as within it',
    answers: answers({ economy: income(1500) }),
    expect: { outcome: 'likely-eligible', reasons: ['income-below-threshold', 'art31-listed-matter'] },
  },
  {
    name: 'one fen above the standard is above it',
    answers: answers({ economy: income(1500.01) }),
    expect: { outcome: 'likely-not', reasons: ['income-above-threshold', 'art31-listed-matter'] },
  },
  {
    name: 'assets above a standard that caps assets: likely not',
    answers: answers({ economy: income(1000, 60_000) }),
    threshold: WITH_ASSETS,
    expect: { outcome: 'likely-not', reasons: ['assets-above-threshold', 'art31-listed-matter'] },
  },
  {
    name: 'assets exactly at the cap: within',
    answers: answers({ economy: income(1000, 50_000) }),
    threshold: WITH_ASSETS,
    expect: { outcome: 'likely-eligible', reasons: ['income-below-threshold', 'art31-listed-matter'] },
  },
  {
    name: 'no asset figure where the standard caps assets: income decides, the office will ask',
    answers: answers(),
    threshold: WITH_ASSETS,
    expect: {
      outcome: 'likely-eligible',
      reasons: ['income-below-threshold', 'assets-not-given', 'art31-listed-matter'],
    },
  },
  {
    name: 'an Art. 31 (9) matter below the standard: at best needs review',
    answers: answers({ matter: { kind: 'civil-administrative', item: 'other' } }),
    expect: {
      outcome: 'needs-review',
      articles: [31, 34],
      reasons: ['art31-other-by-rules', 'income-below-threshold'],
    },
  },
  {
    name: 'an Art. 31 (9) matter above the standard: likely not, hardship is still required',
    answers: answers({ matter: { kind: 'civil-administrative', item: 'other' }, economy: HIGH }),
    expect: { outcome: 'likely-not', reasons: ['income-above-threshold', 'art31-other-by-rules'] },
  },
  {
    name: 'an Art. 31 (9) matter for a presumed group: needs review, hardship check skipped',
    answers: answers({ matter: { kind: 'civil-administrative', item: 'other' }, groups: ['social-assistance'] }),
    expect: {
      outcome: 'needs-review',
      articles: [31, 42],
      reasons: ['art31-other-by-rules', 'art42-social-assistance'],
      hardshipReview: { skipped: true, why: 'art42-social-assistance' },
    },
  },
  // ── Matters not listed ──
  {
    name: 'an unlisted matter: needs review, not a flat no, even above the standard',
    answers: answers({ matter: { kind: 'other' }, economy: HIGH }),
    expect: { outcome: 'needs-review', articles: [31, 32], reasons: ['matter-not-listed', 'income-above-threshold'] },
  },
  {
    name: 'an unlisted matter with an agent: needs review',
    answers: answers({ matter: { kind: 'other' }, hasAgent: true }),
    expect: { outcome: 'needs-review', reasons: ['matter-not-listed', 'has-agent-office-decides'] },
  },
  {
    name: 'an unlisted matter for a presumed group: needs review, hardship check skipped',
    answers: answers({ matter: { kind: 'other' }, groups: ['disabled-without-livelihood'] }),
    expect: {
      outcome: 'needs-review',
      reasons: ['matter-not-listed', 'art42-disabled'],
      hardshipReview: { skipped: true, why: 'art42-disabled' },
      materials: ['id-card', 'proof-of-group', 'case-materials'],
    },
  },
  // ── Criminal matters ──
  {
    name: 'a minor criminal defendant: a defender is assigned without application (Art. 25)',
    answers: answers({
      matter: { kind: 'criminal-defence', situations: ['minor'] },
      applyingAs: 'close-relative',
      economy: HIGH,
    }),
    expect: {
      outcome: 'likely-eligible',
      route: 'assigned-by-authority',
      articles: [25],
      reasons: ['art25-assigned'],
      hardshipReview: { skipped: true, why: 'art25-assigned' },
      materials: [],
      whereToApply: null,
      timeLimits: { route: 'assigned-by-authority', authorityNotifiesWithinDays: 3, assignWithinDaysAfterNotice: 3 },
      aidFirst: NOT_URGENT,
    },
  },
  {
    name: 'any other Art. 25 situation next to a death-penalty review is assigned outright',
    answers: answers({
      matter: { kind: 'criminal-defence', situations: ['death-penalty-review', 'visual-hearing-speech-disability'] },
    }),
    expect: { outcome: 'likely-eligible', reasons: ['art25-assigned'] },
  },
  {
    name: 'a death-penalty review defendant is assigned a defender once they ask (Art. 25 (5))',
    answers: answers({ matter: { kind: 'criminal-defence', situations: ['death-penalty-review'] } }),
    expect: {
      outcome: 'likely-eligible',
      route: 'assigned-by-authority',
      reasons: ['art25-assigned-on-request'],
      hardshipReview: { skipped: true, why: 'art25-assigned-on-request' },
    },
  },
  {
    name: 'an Art. 25 defendant who already has a defender is not assigned one',
    answers: answers({ matter: { kind: 'criminal-defence', situations: ['tried-in-absentia'] }, hasAgent: true }),
    expect: { outcome: 'likely-not', route: 'assigned-by-authority', articles: [25], reasons: ['has-agent'] },
  },
  {
    name: 'compulsory medical treatment without an agent: a lawyer is assigned (Art. 28)',
    answers: answers({ matter: { kind: 'compulsory-medical-treatment' } }),
    expect: {
      outcome: 'likely-eligible',
      route: 'assigned-by-authority',
      articles: [28],
      reasons: ['art28-assigned'],
      materials: [],
    },
  },
  {
    name: 'a suspect without a defender below the standard may apply (Art. 24), and can see the duty lawyer (Art. 30)',
    answers: answers({ matter: { kind: 'criminal-defence', situations: [] }, applyingAs: 'close-relative' }),
    expect: {
      outcome: 'likely-eligible',
      route: 'application',
      articles: [24, 34, 30],
      reasons: ['income-below-threshold', 'art24-no-defender', 'art30-duty-lawyer'],
      materials: ['id-card', 'agent-authority', 'hardship-statement-or-pledge', 'case-materials'],
      whereToApply: 'where-case-is-handled',
    },
  },
  {
    name: 'a suspect above the standard: "or other reasons" (Art. 24) makes it the office’s call',
    answers: answers({ matter: { kind: 'criminal-defence', situations: [] }, economy: HIGH }),
    expect: {
      outcome: 'needs-review',
      articles: [24, 34, 30],
      reasons: ['income-above-threshold', 'art24-other-reasons', 'art30-duty-lawyer'],
    },
  },
  {
    name: 'a suspect who has a defender: likely not',
    answers: answers({ matter: { kind: 'criminal-defence', situations: [] }, hasAgent: true }),
    expect: { outcome: 'likely-not', articles: [24], reasons: ['has-agent'] },
  },
  {
    name: 'an elderly crime victim without livelihood: presumed (Art. 29 with Art. 42)',
    answers: answers({
      matter: { kind: 'criminal-victim', role: 'victim' },
      groups: ['elderly-without-livelihood'],
      economy: HIGH,
    }),
    expect: {
      outcome: 'likely-eligible',
      articles: [42, 29],
      reasons: ['art42-elderly', 'art29-victim'],
      whereToApply: 'where-case-is-handled',
    },
  },
  {
    name: 'an accepted retrial, income not known: needs review (Art. 33)',
    answers: answers({ matter: { kind: 'retrial-accepted' }, economy: { kind: 'unknown' } }),
    expect: {
      outcome: 'needs-review',
      articles: [33, 34],
      reasons: ['income-unknown', 'art33-retrial-accepted'],
      whereToApply: 'where-case-is-handled',
    },
  },
  // ── Art. 44: aid first ──
  {
    name: 'a limitation period ending in 5 days: the office may give aid first (Art. 44)',
    answers: answers({
      urgency: { daysUntilDeadline: 5, needsUrgentPreservation: false },
      applyingAs: 'legal-representative',
    }),
    expect: {
      outcome: 'likely-eligible',
      articles: [31, 34, 44],
      reasons: ['income-below-threshold', 'art31-listed-matter', 'art44-deadline-within-7-days'],
      aidFirst: { possible: true, because: ['art44-deadline-within-7-days'] },
      materials: ['id-card', 'agent-authority', 'hardship-statement-or-pledge', 'proof-of-urgency', 'case-materials'],
    },
  },
  {
    name: 'exactly 7 days left is not "fewer than seven days"',
    answers: answers({ urgency: { daysUntilDeadline: 7, needsUrgentPreservation: false } }),
    expect: { aidFirst: NOT_URGENT, articles: [31, 34] },
  },
  {
    name: 'urgent preservation while the income is unknown: aid first is possible',
    answers: answers({
      economy: { kind: 'unknown' },
      urgency: { daysUntilDeadline: 0, needsUrgentPreservation: true },
    }),
    expect: {
      outcome: 'needs-review',
      reasons: ['income-unknown', 'art31-listed-matter', 'art44-deadline-within-7-days', 'art44-urgent-preservation'],
      aidFirst: { possible: true, because: ['art44-deadline-within-7-days', 'art44-urgent-preservation'] },
    },
  },
  {
    name: 'urgency does not help a likely-not',
    answers: answers({ economy: HIGH, urgency: { daysUntilDeadline: 2, needsUrgentPreservation: true } }),
    expect: { outcome: 'likely-not', aidFirst: NOT_URGENT, reasons: ['income-above-threshold', 'art31-listed-matter'] },
  },
  {
    name: 'urgency does not apply where nothing is applied for (Art. 25)',
    answers: answers({
      matter: { kind: 'criminal-defence', situations: ['may-face-life-or-death'] },
      urgency: { daysUntilDeadline: 1, needsUrgentPreservation: true },
    }),
    expect: { aidFirst: NOT_URGENT, reasons: ['art25-assigned'] },
  },
  // ── Art. 38: where ──
  {
    name: 'a civil matter in court: apply where the case is handled',
    answers: answers({ inCourt: true }),
    expect: { whereToApply: 'where-case-is-handled' },
  },
];

describe('checkLegalAid: the table of cases', () => {
  it.each(CASES)('$name', (c) => {
    expect(LegalAidAnswers.parse(c.answers)).toEqual(c.answers);
    expect(checkLegalAid(c.answers, c.threshold ?? THRESHOLD)).toMatchObject(c.expect);
  });

  const results = CASES.map((c) => checkLegalAid(c.answers, c.threshold ?? THRESHOLD));

  it('reaches every outcome, route, reason, material and place', () => {
    const seen = <T>(pick: (r: LegalAidResult) => readonly T[]) => new Set(results.flatMap(pick));
    expect([...seen((r) => [r.outcome])].sort()).toEqual([...LEGAL_AID_OUTCOMES].sort());
    expect([...seen((r) => [r.route])].sort()).toEqual([...LEGAL_AID_ROUTES].sort());
    expect([...seen((r) => r.reasons)].sort()).toEqual([...REASON_CODES].sort());
    expect([...seen((r) => r.materials)].sort()).toEqual([...MATERIAL_CODES].sort());
    expect([...seen((r) => (r.whereToApply === null ? [] : [r.whereToApply]))].sort()).toEqual(
      [...APPLY_PLACES].sort(),
    );
  });
});

// ── Properties over every possible answer ──

const matterArb: fc.Arbitrary<LegalAidMatter> = fc.oneof(
  fc.record({ kind: fc.constant('criminal-defence' as const), situations: fc.subarray([...ART25_SITUATIONS]) }),
  fc.constant({ kind: 'compulsory-medical-treatment' as const }),
  fc.record({ kind: fc.constant('criminal-victim' as const), role: fc.constantFrom(...ART29_ROLES) }),
  fc.record({ kind: fc.constant('civil-administrative' as const), item: fc.constantFrom(...ART31_ITEMS) }),
  fc.record({ kind: fc.constant('no-hardship-check' as const), situation: fc.constantFrom(...ART32_SITUATIONS) }),
  fc.constant({ kind: 'retrial-accepted' as const }),
  fc.constant({ kind: 'other' as const }),
);
const yuan = fc.integer({ min: 0, max: 200_000 });
const economyArb: fc.Arbitrary<LegalAidAnswers['economy']> = fc.oneof(
  yuan.map((n) => income(n)),
  fc.tuple(yuan, yuan).map(([n, a]) => income(n, a)),
  fc.constant({ kind: 'pledge' as const }),
  fc.constant({ kind: 'unknown' as const }),
);
const answersArb: fc.Arbitrary<LegalAidAnswers> = fc.record({
  matter: matterArb,
  applyingAs: fc.constantFrom(...APPLYING_AS),
  groups: fc.subarray([...ART42_GROUPS]),
  economy: economyArb,
  hasAgent: fc.boolean(),
  inCourt: fc.boolean(),
  urgency: fc.record({
    daysUntilDeadline: fc.option(fc.nat(400), { nil: null }),
    needsUrgentPreservation: fc.boolean(),
  }),
});
const thresholdArb: fc.Arbitrary<HardshipThreshold> = fc.oneof(
  yuan.map((n) => ({ ...THRESHOLD, monthlyIncomePerPersonYuan: n })),
  fc.tuple(yuan, yuan).map(([n, a]) => ({ ...THRESHOLD, monthlyIncomePerPersonYuan: n, familyAssetsYuan: a })),
);

const RANK: Record<LegalAidOutcome, number> = { 'likely-not': 0, 'needs-review': 1, 'likely-eligible': 2 };
const ASSIGNED_OR_NO_HARDSHIP = (m: LegalAidMatter) =>
  m.kind === 'compulsory-medical-treatment' ||
  m.kind === 'no-hardship-check' ||
  (m.kind === 'criminal-defence' && m.situations.length > 0);

describe('checkLegalAid: properties', () => {
  it('always answers with known, distinct codes and articles of the law', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, (a, t) => {
        expect(LegalAidAnswers.safeParse(a).success).toBe(true);
        const r = checkLegalAid(a, t);
        expect(r.reasons.length).toBeGreaterThan(0);
        expect(new Set(r.reasons).size).toBe(r.reasons.length);
        expect(new Set(r.articles).size).toBe(r.articles.length);
        for (const code of r.reasons) expect(REASON_CODES).toContain(code);
        for (const code of r.materials) expect(MATERIAL_CODES).toContain(code);
        for (const n of r.articles) expect(n >= 1 && n <= 71).toBe(true);
      }),
    );
  });

  it('an Art. 32 matter is never "likely not"', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, fc.constantFrom(...ART32_SITUATIONS), (a, t, situation) => {
        const r = checkLegalAid({ ...a, matter: { kind: 'no-hardship-check', situation } }, t);
        expect(r.outcome).not.toBe('likely-not');
        expect(r.hardshipReview).toEqual({ skipped: true, why: 'art32-no-hardship-check' });
      }),
    );
  });

  it('where the law requires no defender or agent, having one is "likely not"', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, (a, t) => {
        fc.pre(a.matter.kind !== 'no-hardship-check' && a.matter.kind !== 'other');
        const r = checkLegalAid({ ...a, hasAgent: true }, t);
        expect(r.outcome).toBe('likely-not');
        expect(r.reasons).toEqual(['has-agent']);
      }),
    );
  });

  it('a lower income never makes the outcome worse', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, yuan, yuan, (a, t, x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        const r = (n: number) => RANK[checkLegalAid({ ...a, economy: income(n) }, t).outcome];
        expect(r(low)).toBeGreaterThanOrEqual(r(high));
      }),
    );
  });

  it('assigned and Art. 32 cases do not depend on the income or the standard', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, economyArb, thresholdArb, (a, t1, e2, t2) => {
        fc.pre(ASSIGNED_OR_NO_HARDSHIP(a.matter));
        expect(checkLegalAid({ ...a, economy: e2 }, t2)).toEqual(checkLegalAid(a, t1));
      }),
    );
  });

  it('the migrant-worker presumption only ever comes from a wage or work-injury claim', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, (a, t) => {
        const r = checkLegalAid({ ...a, groups: ['migrant-worker'] }, t);
        const presumed = r.hardshipReview.skipped && r.hardshipReview.why.startsWith('art42-migrant-worker');
        const claim =
          a.matter.kind === 'civil-administrative' && (a.matter.item === 'wages' || a.matter.item === 'work-injury');
        expect(presumed).toBe(claim);
      }),
    );
  });

  it('unlisted matters and Art. 31 (9) are never promised', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, (a, t) => {
        fc.pre(a.matter.kind === 'other' || (a.matter.kind === 'civil-administrative' && a.matter.item === 'other'));
        expect(checkLegalAid(a, t).outcome).not.toBe('likely-eligible');
      }),
    );
  });

  it('aid first is offered only on an application that may succeed, and asks for proof of urgency', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, (a, t) => {
        const r = checkLegalAid(a, t);
        if (r.aidFirst.possible) {
          expect(r.route).toBe('application');
          expect(r.outcome).not.toBe('likely-not');
          expect(r.articles).toContain(44);
        }
        expect(r.materials.includes('proof-of-urgency')).toBe(r.aidFirst.possible);
      }),
    );
  });

  it('asks for a hardship statement exactly when hardship is reviewed on an application', () => {
    fc.assert(
      fc.property(answersArb, thresholdArb, (a, t) => {
        const r = checkLegalAid(a, t);
        expect(r.materials.includes('hardship-statement-or-pledge')).toBe(
          r.route === 'application' && !r.hardshipReview.skipped,
        );
        expect(r.materials.includes('agent-authority')).toBe(r.route === 'application' && a.applyingAs !== 'self');
        expect(r.whereToApply === null).toBe(r.route === 'assigned-by-authority');
      }),
    );
  });
});
