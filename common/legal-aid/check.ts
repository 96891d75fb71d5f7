import { ART42_GROUPS, type Art42Group, type LegalAidAnswers } from './answers';
import type {
  AidFirstReason,
  ApplyPlace,
  HardshipSkipReason,
  LegalAidOutcome,
  LegalAidRoute,
  MaterialCode,
  ReasonCode,
} from './codes';
import {
  AID_FIRST_DEADLINE_DAYS,
  APPLICATION_TIME_LIMITS,
  ASSIGNED_TIME_LIMITS,
  type LegalAidTimeLimits,
} from './procedure';
import { compareWithThreshold, type HardshipThreshold } from './threshold';

/**
 * The legal-aid pre-check: from the citizen's answers and the local hardship
 * standard to what the kiosk tells them. Pure and total: every answer gets an
 * outcome. The kiosk never decides — the legal-aid office does (Art. 43) — so
 * when the answers cannot settle a question the outcome is 'needs-review',
 * and 'likely-not' is kept for a condition the law states that is clearly not
 * met.
 */
export interface LegalAidResult {
  outcome: LegalAidOutcome;
  /** Apply to the office, or aid is assigned by the court/procuratorate/police without application. */
  route: LegalAidRoute;
  /** Articles of the Legal Aid Law that decide the outcome, most important first. */
  articles: number[];
  /** One code per rule applied, most important first; the UI translates each. */
  reasons: ReasonCode[];
  /** Whether the office would skip the economic-hardship check, and which rule says so. */
  hardshipReview: { skipped: true; why: HardshipSkipReason } | { skipped: false };
  /** Art. 44: the office may give aid before finishing its review. Never for a 'likely-not' or an assigned case. */
  aidFirst: { possible: boolean; because: AidFirstReason[] };
  /** What to bring, in the order to gather it. Empty when aid is assigned (nothing to apply for). */
  materials: MaterialCode[];
  /** Art. 38; null when aid is assigned, since the citizen files nothing. */
  whereToApply: ApplyPlace | null;
  timeLimits: LegalAidTimeLimits;
}

/** The part of a result that says how things look, before procedure is added. */
interface Finding {
  outcome: LegalAidOutcome;
  reasons: ReasonCode[];
  articles: number[];
}

/** Art. 42 (1), (2): groups whose proof alone replaces the hardship check. */
const GROUP_REASON: Readonly<Record<Exclude<Art42Group, 'migrant-worker'>, HardshipSkipReason>> = {
  'minor-without-livelihood': 'art42-minor',
  'elderly-without-livelihood': 'art42-elderly',
  'disabled-without-livelihood': 'art42-disabled',
  'social-assistance': 'art42-social-assistance',
  'judicial-assistance': 'art42-judicial-assistance',
  'special-care': 'art42-special-care',
};

interface Presumption {
  /** Art. 42 rules that apply, in the law's order. */
  presumed: HardshipSkipReason[];
  /** Told to the citizen but deciding nothing (a migrant worker whose matter Art. 42 (3) does not cover). */
  notes: ReasonCode[];
}

function art42(answers: LegalAidAnswers): Presumption {
  const presumed: HardshipSkipReason[] = [];
  const notes: ReasonCode[] = [];
  const groups = new Set(answers.groups);
  for (const group of ART42_GROUPS.filter((g) => groups.has(g))) {
    if (group !== 'migrant-worker') {
      presumed.push(GROUP_REASON[group]);
      continue;
    }
    // Art. 42 (3): "申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员" — the
    // presumption belongs to the claim, not to the person.
    const m = answers.matter;
    if (m.kind === 'civil-administrative' && m.item === 'wages') presumed.push('art42-migrant-worker-wages');
    else if (m.kind === 'civil-administrative' && m.item === 'work-injury')
      presumed.push('art42-migrant-worker-work-injury');
    else notes.push('art42-migrant-worker-other-matter');
  }
  return { presumed, notes };
}

/**
 * The economic finding when no presumption applies. Art. 34: the standard is
 * local (passed in); Art. 41: the citizen states the situation, or signs the
 * integrity pledge and the office verifies — which the kiosk cannot foresee.
 */
function economicFinding(answers: LegalAidAnswers, threshold: HardshipThreshold): Finding {
  const e = answers.economy;
  if (e.kind === 'pledge') return { outcome: 'needs-review', reasons: ['pledge-instead-of-documents'], articles: [41] };
  if (e.kind === 'unknown') return { outcome: 'needs-review', reasons: ['income-unknown'], articles: [34] };
  switch (compareWithThreshold(e, threshold)) {
    case 'within':
      return { outcome: 'likely-eligible', reasons: ['income-below-threshold'], articles: [34] };
    case 'assets-not-given':
      // Income alone meets the standard; the office asks about assets when it reviews.
      return { outcome: 'likely-eligible', reasons: ['income-below-threshold', 'assets-not-given'], articles: [34] };
    case 'income-above':
      return { outcome: 'likely-not', reasons: ['income-above-threshold'], articles: [34] };
    case 'assets-above':
      return { outcome: 'likely-not', reasons: ['assets-above-threshold'], articles: [34] };
  }
}

interface HardshipRule {
  article: 24 | 29 | 31 | 33;
  reason: ReasonCode;
  /** Art. 24 allows "other reasons" besides hardship: above the standard is for the office to weigh. */
  aboveStandard?: { outcome: LegalAidOutcome; reason: ReasonCode };
  /** Art. 31 (9): covered only if some law, regulation or rule says so, which the kiosk cannot know. */
  atBestNeedsReview?: boolean;
  /** Told after everything else. */
  also?: { reason: ReasonCode; article: number };
}

/**
 * Art. 24, 29, 31, 33: "因经济困难没有委托辩护人/代理人" — hardship AND no
 * defender or agent. Art. 42 proof replaces the hardship check.
 */
function hardshipBased(
  answers: LegalAidAnswers,
  threshold: HardshipThreshold,
  rule: HardshipRule,
  p: Presumption,
): Finding {
  if (answers.hasAgent) return { outcome: 'likely-not', reasons: ['has-agent'], articles: [rule.article] };
  let finding: Finding;
  if (p.presumed.length > 0) {
    finding = { outcome: 'likely-eligible', reasons: [...p.presumed, rule.reason], articles: [42, rule.article] };
  } else {
    const economic = economicFinding(answers, threshold);
    finding = {
      outcome: economic.outcome,
      reasons: [...economic.reasons, rule.reason],
      articles: [rule.article, ...economic.articles],
    };
    if (economic.outcome === 'likely-not' && rule.aboveStandard) {
      finding = {
        outcome: rule.aboveStandard.outcome,
        reasons: [...economic.reasons, rule.aboveStandard.reason],
        articles: [rule.article, ...economic.articles],
      };
    }
  }
  if (rule.atBestNeedsReview && finding.outcome === 'likely-eligible') {
    finding = {
      outcome: 'needs-review',
      reasons: [rule.reason, ...finding.reasons.filter((r) => r !== rule.reason)],
      articles: [rule.article, ...finding.articles.filter((a) => a !== rule.article)],
    };
  }
  finding.reasons.push(...p.notes);
  if (rule.also) {
    finding.reasons.push(rule.also.reason);
    finding.articles.push(rule.also.article);
  }
  return finding;
}

/**
 * Art. 25 ¶1, 28: aid comes through the court, procuratorate or police,
 * without application and without any hardship check — but only for a person
 * with no defender or agent retained.
 */
function assigned(answers: LegalAidAnswers, article: 25 | 28, reason: HardshipSkipReason): Finding {
  if (answers.hasAgent) return { outcome: 'likely-not', reasons: ['has-agent'], articles: [article] };
  return { outcome: 'likely-eligible', reasons: [reason], articles: [article] };
}

function finding(answers: LegalAidAnswers, threshold: HardshipThreshold, p: Presumption): Finding {
  const m = answers.matter;
  switch (m.kind) {
    case 'criminal-defence':
      if (m.situations.length > 0) {
        // Art. 25 ¶1 (5) alone needs the defendant to ask ("申请法律援助的"); the others need nothing.
        const onRequest = m.situations.every((s) => s === 'death-penalty-review');
        return assigned(answers, 25, onRequest ? 'art25-assigned-on-request' : 'art25-assigned');
      }
      // Art. 24: "因经济困难或者其他原因没有委托辩护人"; Art. 30: the duty lawyer helps anyone without a defender.
      return hardshipBased(
        answers,
        threshold,
        {
          article: 24,
          reason: 'art24-no-defender',
          aboveStandard: { outcome: 'needs-review', reason: 'art24-other-reasons' },
          also: { reason: 'art30-duty-lawyer', article: 30 },
        },
        p,
      );
    case 'compulsory-medical-treatment':
      return assigned(answers, 28, 'art28-assigned');
    case 'criminal-victim':
      return hardshipBased(answers, threshold, { article: 29, reason: 'art29-victim' }, p);
    case 'civil-administrative':
      if (m.item === 'other')
        return hardshipBased(
          answers,
          threshold,
          { article: 31, reason: 'art31-other-by-rules', atBestNeedsReview: true },
          p,
        );
      return hardshipBased(answers, threshold, { article: 31, reason: 'art31-listed-matter' }, p);
    case 'no-hardship-check':
      // Art. 32 has no no-agent condition, but aid ends when the recipient retains a lawyer (Art. 48 (6)).
      if (answers.hasAgent) {
        return {
          outcome: 'needs-review',
          reasons: ['has-agent-office-decides', 'art32-no-hardship-check'],
          articles: [32, 48],
        };
      }
      return { outcome: 'likely-eligible', reasons: ['art32-no-hardship-check'], articles: [32] };
    case 'retrial-accepted':
      return hardshipBased(answers, threshold, { article: 33, reason: 'art33-retrial-accepted' }, p);
    case 'other': {
      // Not a flat no: Art. 31 (9) and Art. 32 (5) let laws, regulations and local rules add matters.
      // What else is known is passed on so the office and the citizen see it, but it decides nothing.
      const known: ReasonCode[] = answers.hasAgent
        ? ['has-agent-office-decides']
        : p.presumed.length > 0
          ? p.presumed
          : economicFinding(answers, threshold).reasons;
      return { outcome: 'needs-review', reasons: ['matter-not-listed', ...known, ...p.notes], articles: [31, 32] };
    }
  }
}

function routeOf(answers: LegalAidAnswers): LegalAidRoute {
  const m = answers.matter;
  if (m.kind === 'compulsory-medical-treatment') return 'assigned-by-authority';
  if (m.kind === 'criminal-defence' && m.situations.length > 0) return 'assigned-by-authority';
  return 'application';
}

function hardshipReviewOf(
  answers: LegalAidAnswers,
  route: LegalAidRoute,
  p: Presumption,
): LegalAidResult['hardshipReview'] {
  if (route === 'assigned-by-authority') {
    const m = answers.matter;
    if (m.kind === 'compulsory-medical-treatment') return { skipped: true, why: 'art28-assigned' };
    const onRequest = m.kind === 'criminal-defence' && m.situations.every((s) => s === 'death-penalty-review');
    return { skipped: true, why: onRequest ? 'art25-assigned-on-request' : 'art25-assigned' };
  }
  if (answers.matter.kind === 'no-hardship-check') return { skipped: true, why: 'art32-no-hardship-check' };
  const first = p.presumed[0];
  return first !== undefined ? { skipped: true, why: first } : { skipped: false };
}

/** Art. 44 ¶1: a deadline fewer than 7 days away, or preservation/advance enforcement needed now. */
function aidFirstOf(
  answers: LegalAidAnswers,
  route: LegalAidRoute,
  outcome: LegalAidOutcome,
): LegalAidResult['aidFirst'] {
  if (route !== 'application' || outcome === 'likely-not') return { possible: false, because: [] };
  const because: AidFirstReason[] = [];
  const days = answers.urgency.daysUntilDeadline;
  if (days !== null && days < AID_FIRST_DEADLINE_DAYS) because.push('art44-deadline-within-7-days');
  if (answers.urgency.needsUrgentPreservation) because.push('art44-urgent-preservation');
  return { possible: because.length > 0, because };
}

/** Art. 38. Criminal proceedings and retrials are litigation whatever the citizen ticked. */
function whereToApplyOf(answers: LegalAidAnswers, route: LegalAidRoute): ApplyPlace | null {
  if (route === 'assigned-by-authority') return null;
  const kind = answers.matter.kind;
  if (kind === 'criminal-defence' || kind === 'criminal-victim' || kind === 'retrial-accepted')
    return 'where-case-is-handled';
  return answers.inCourt ? 'where-case-is-handled' : 'where-dispute-body-or-matter-arose';
}

function materialsOf(
  answers: LegalAidAnswers,
  route: LegalAidRoute,
  review: LegalAidResult['hardshipReview'],
  aidFirst: boolean,
): MaterialCode[] {
  if (route === 'assigned-by-authority') return [];
  const out: MaterialCode[] = ['id-card'];
  if (answers.applyingAs !== 'self') out.push('agent-authority');
  if (!review.skipped) out.push('hardship-statement-or-pledge');
  else if (review.why === 'art32-no-hardship-check') out.push('proof-of-situation');
  else out.push('proof-of-group');
  if (aidFirst) out.push('proof-of-urgency');
  out.push('case-materials');
  return out;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function checkLegalAid(answers: LegalAidAnswers, threshold: HardshipThreshold): LegalAidResult {
  const p = art42(answers);
  const route = routeOf(answers);
  const f = finding(answers, threshold, p);
  const hardshipReview = hardshipReviewOf(answers, route, p);
  const aidFirst = aidFirstOf(answers, route, f.outcome);
  const reasons = [...f.reasons, ...aidFirst.because];
  const articles = aidFirst.possible ? [...f.articles, 44] : f.articles;
  return {
    outcome: f.outcome,
    route,
    articles: unique(articles),
    reasons: unique(reasons),
    hardshipReview,
    aidFirst,
    materials: materialsOf(answers, route, hardshipReview, aidFirst.possible),
    whereToApply: whereToApplyOf(answers, route),
    timeLimits: route === 'application' ? { route, ...APPLICATION_TIME_LIMITS } : { route, ...ASSIGNED_TIME_LIMITS },
  };
}
