import type { z } from 'zod';
import { PHONE_NUMBER, type MediationRequestPayload } from '../api/submissions';
import { checkIdNumber } from '../idcard/id-number';

/**
 * 调解申请: the mediation request a citizen files at the kiosk for the
 * people's mediation committee (人民调解委员会) — the lists the screens offer
 * and the checks and shaping of the answers. Pure; the words are in the
 * catalogue (`mediation.*`), the payload schema in common/api/submissions.ts.
 *
 * Legal context, in the words the screens use: mediation by a people's
 * mediation committee is free (人民调解法 第四条); either side may apply, and
 * it cannot go ahead if the other side clearly refuses (第十七条); disputes
 * are to be mediated promptly and on the spot (第二十一条); a mediator who
 * sees a dispute may escalate takes preventive measures and tells the police
 * (第二十五条) — the kiosk tells anyone in danger to call 110 at once.
 */

/**
 * Working days within which the mediation committee contacts the applicant.
 * This is the committee's service promise, printed on the receipt — NOT a
 * time limit set by law: 人民调解法 第十七条 lets a party apply and
 * 第二十一条 asks for prompt mediation, but no article fixes a number of days.
 * Change it here when the committees this kiosk serves promise otherwise.
 */
export const COMMITTEE_CONTACT_WORKING_DAYS = 3;

/** Version of the consent notice shown (mediation.consent.* in the catalogue); bump it when the notice's words change. */
export const MEDIATION_NOTICE_VERSION = 'mediation-notice-1';

export const DISPUTE_CATEGORIES = [
  'neighbour',
  'marriage-family',
  'labour',
  'consumer',
  'property-management',
  'loan',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

/** Common situations per dispute type, offered as chips (words in `mediation.situations.<category>.<code>`). */
export const DISPUTE_SITUATIONS = {
  neighbour: ['noise', 'water-leak', 'shared-space', 'parking', 'pets', 'sunlight', 'smoke-smell'],
  'marriage-family': [
    'elder-support',
    'child-support',
    'family-property',
    'visiting-children',
    'family-quarrel',
    'betrothal-gifts',
  ],
  labour: ['unpaid-wages', 'dismissed', 'overtime-pay', 'no-contract', 'work-injury', 'social-insurance'],
  consumer: ['faulty-goods', 'refund-refused', 'prepaid-card', 'home-renovation', 'false-advertising'],
  'property-management': ['property-fees', 'repairs-not-done', 'parking-fees', 'shared-facilities', 'security-loss'],
  loan: ['not-repaid', 'owed-payment', 'interest', 'guarantee'],
  other: ['damage-compensation', 'contract', 'land-house', 'tenancy'],
} as const satisfies Record<DisputeCategory, readonly string[]>;
export type DisputeSituation<C extends DisputeCategory = DisputeCategory> = (typeof DISPUTE_SITUATIONS)[C][number];

/** Who the other party is to the applicant (words in `mediation.relations.<code>`). */
export const OTHER_PARTY_RELATIONS = [
  'neighbour',
  'family',
  'spouse',
  'landlord',
  'tenant',
  'employer',
  'business',
  'property-company',
  'acquaintance',
  'other',
] as const;
export type OtherPartyRelation = (typeof OTHER_PARTY_RELATIONS)[number];

export const AVAILABILITIES = ['weekdays', 'weekends', 'any'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

// ── Checks ───────────────────────────────────────────────────────────────

export type NameProblem = 'required' | 'too-long' | 'digits';
export type PhoneProblem = 'required' | 'format';
export type IdNumberInputProblem = 'format' | 'check';
export type AmountProblem = 'format' | 'zero' | 'too-large';

const MAX_APPLICANT_NAME = 50;
const MAX_OTHER_PARTY_NAME = 100;
/** Room for the typed part of the description (the chips' words come on top). */
export const MAX_TYPED_SUMMARY = 300;

/** A person's name: required, not too long, and without digits (a phone number typed into the wrong field). */
export function checkApplicantName(name: string): NameProblem | null {
  const n = name.trim();
  if (n === '') return 'required';
  if ([...n].length > MAX_APPLICANT_NAME) return 'too-long';
  if (/\d/.test(n)) return 'digits';
  return null;
}

/** The other party: a name, or words that identify them ("楼上502住户" is fine, so digits are allowed). */
export function checkOtherPartyName(name: string): NameProblem | null {
  const n = name.trim();
  if (n === '') return 'required';
  if ([...n].length > MAX_OTHER_PARTY_NAME) return 'too-long';
  return null;
}

/** Digits only, as typed on the 123 keyboard (spaces and hyphens dropped). */
export function phoneDigits(phone: string): string {
  return phone.replace(/[\s-]/g, '');
}

/** A mainland mobile number (11 digits, 1[3-9]…) or a landline with its area code (0…), as the payload schema accepts. */
export function checkPhone(phone: string, required: boolean): PhoneProblem | null {
  const p = phoneDigits(phone);
  if (p === '') return required ? 'required' : null;
  return PHONE_NUMBER.test(p) ? null : 'format';
}

/** The ID number is optional for mediation; when given it must be a real one (GB 11643 check character). */
export function checkOptionalIdNumber(idNumber: string): IdNumberInputProblem | null {
  const id = idNumber.trim().toUpperCase();
  if (id === '') return null;
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  return checkIdNumber(id).valid ? null : 'check';
}

/** The payload's limit: 999,999,999.99 元. */
export const MAX_AMOUNT_FEN = 99_999_999_999;

/**
 * The amount in dispute as typed in 元 ("3000", "1250.5", "12,000.00"): fen,
 * or what is wrong with it. Empty means "not given".
 */
export function parseAmountYuan(text: string): { fen: number | null; problem: AmountProblem | null } {
  const t = text.replace(/[,，\s]/g, '');
  if (t === '') return { fen: null, problem: null };
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(t);
  if (m === null) return { fen: null, problem: 'format' };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen === 0) return { fen: null, problem: 'zero' };
  if (fen > MAX_AMOUNT_FEN) return { fen: null, problem: 'too-large' };
  return { fen, problem: null };
}

// ── The request ──────────────────────────────────────────────────────────

export interface MediationAnswers {
  category: DisputeCategory | null;
  situations: readonly string[];
  /** What the citizen typed about it, beyond the chips. */
  details: string;
  applicantName: string;
  applicantPhone: string;
  /** Optional for mediation; typed (no shared ID-card step in this build). */
  applicantIdNumber: string;
  otherPartyName: string;
  otherPartyRelation: OtherPartyRelation | null;
  otherPartyPhone: string;
  /** Typed in 元; '' when the dispute is not about money or the citizen leaves it out. */
  amountYuan: string;
  availability: Availability | null;
}

export const EMPTY_ANSWERS: MediationAnswers = {
  category: null,
  situations: [],
  details: '',
  applicantName: '',
  applicantPhone: '',
  applicantIdNumber: '',
  otherPartyName: '',
  otherPartyRelation: null,
  otherPartyPhone: '',
  amountYuan: '',
  availability: null,
};

/** The situations offered for a category, in order. */
export function situationsOf(category: DisputeCategory): readonly string[] {
  return DISPUTE_SITUATIONS[category];
}

/** Toggles a situation chip; the list keeps the order the chips are shown in. */
export function toggleSituation(category: DisputeCategory, chosen: readonly string[], situation: string): string[] {
  const next = chosen.includes(situation) ? chosen.filter((s) => s !== situation) : [...chosen, situation];
  return situationsOf(category).filter((s) => next.includes(s));
}

/**
 * The description the committee reads: the chosen situations' words, then
 * what the citizen typed. `words` gives a situation's words (always Chinese:
 * the committee reads Chinese, whatever the screen's language).
 */
export function composeSummary(
  situations: readonly string[],
  details: string,
  words: (situation: string) => string,
): string {
  const chips = situations.map(words).join('、');
  const typed = details.trim();
  if (chips === '') return typed;
  if (typed === '') return `${chips}。`;
  return `${chips}。${typed}`;
}

export type MediationStep = 'category' | 'situation' | 'applicant' | 'other-party' | 'amount' | 'availability';

/** What is missing or wrong in each step; an empty object when the step can go on. */
export function stepProblems(step: MediationStep, a: MediationAnswers): Partial<Record<string, string>> {
  const out: Record<string, string> = {};
  const put = (field: string, problem: string | null): void => {
    if (problem !== null) out[field] = problem;
  };
  switch (step) {
    case 'category':
      put('category', a.category === null ? 'required' : null);
      break;
    case 'situation':
      put('situation', a.situations.length === 0 && a.details.trim() === '' ? 'required' : null);
      put('details', [...a.details.trim()].length > MAX_TYPED_SUMMARY ? 'too-long' : null);
      break;
    case 'applicant':
      put('applicantName', checkApplicantName(a.applicantName));
      put('applicantPhone', checkPhone(a.applicantPhone, true));
      put('applicantIdNumber', checkOptionalIdNumber(a.applicantIdNumber));
      break;
    case 'other-party':
      put('otherPartyName', checkOtherPartyName(a.otherPartyName));
      put('otherPartyPhone', checkPhone(a.otherPartyPhone, false));
      break;
    case 'amount':
      put('amountYuan', parseAmountYuan(a.amountYuan).problem);
      break;
    case 'availability':
      put('availability', a.availability === null ? 'required' : null);
      break;
  }
  return out;
}

export const MEDIATION_STEPS: readonly MediationStep[] = [
  'category',
  'situation',
  'applicant',
  'other-party',
  'amount',
  'availability',
];

/** The first step whose answers are not complete, or null when all are. */
export function firstIncompleteStep(a: MediationAnswers): MediationStep | null {
  return MEDIATION_STEPS.find((s) => Object.keys(stepProblems(s, a)).length > 0) ?? null;
}

export interface PayloadWords {
  /** A situation's words in Chinese. */
  situation(category: DisputeCategory, situation: string): string;
  /** A relation's words in Chinese. */
  relation(relation: OtherPartyRelation): string;
}

/**
 * The payload for `submit` (kind 'mediation-request'). Only what the
 * committee needs to act: the ID number only if the citizen chose to give it.
 * Throws if the answers are incomplete (the screens never get here then).
 */
export function buildMediationPayload(
  a: MediationAnswers,
  consentAt: string,
  words: PayloadWords,
): z.input<typeof MediationRequestPayload> {
  const incomplete = firstIncompleteStep(a);
  if (incomplete !== null || a.category === null || a.availability === null)
    throw new Error(`the mediation request is not complete (step ${incomplete ?? 'unknown'})`);
  const category = a.category;
  const id = a.applicantIdNumber.trim().toUpperCase();
  const otherPhone = phoneDigits(a.otherPartyPhone);
  const amount = parseAmountYuan(a.amountYuan).fen;
  return {
    applicant: {
      name: a.applicantName.trim(),
      phone: phoneDigits(a.applicantPhone),
      ...(id === '' ? {} : { idNumber: id, idSource: 'typed' as const }),
    },
    otherParty: {
      name: a.otherPartyName.trim(),
      ...(otherPhone === '' ? {} : { phone: otherPhone }),
      ...(a.otherPartyRelation === null ? {} : { relation: words.relation(a.otherPartyRelation) }),
    },
    dispute: {
      category,
      summary: composeSummary(a.situations, a.details, (s) => words.situation(category, s)),
      ...(amount === null ? {} : { amountFen: amount }),
    },
    availability: a.availability,
    consent: { agreed: true, noticeVersion: MEDIATION_NOTICE_VERSION, at: consentAt },
  };
}

/** An ISO timestamp with the terminal's own offset (+08:00), as the consent record wants it. */
export function localIsoTimestamp(d: Date): string {
  const p = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
}
