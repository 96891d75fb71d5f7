/**
 * The codes a legal-aid pre-check answers with. They are stable strings: the
 * UI shows them through the translation catalogue (common/i18n/sections/
 * legal-aid.ts, whose compiler check and test require a text for every code),
 * and a receipt or an outbox record may carry them. Article numbers in the
 * comments are those of the Legal Aid Law (法律援助法, in force 2022-01-01).
 */

/**
 * What the kiosk tells the citizen. Only the legal-aid office decides (Art.
 * 43); the kiosk never says "eligible" or "refused", only how things look.
 * - likely-eligible: the law's conditions appear to be met (or aid is assigned
 *   without application, Art. 25/28)
 * - likely-not: a condition the law states is clearly not met (an agent
 *   already retained, or income above the local standard with no presumption)
 * - needs-review: the answers cannot settle it; the office will decide
 */
export const LEGAL_AID_OUTCOMES = ['likely-eligible', 'likely-not', 'needs-review'] as const;
export type LegalAidOutcome = (typeof LEGAL_AID_OUTCOMES)[number];

/**
 * One code per rule the check applies. The order here is only for reading;
 * a result lists its codes in order of importance.
 */
export const REASON_CODES = [
  // ── Criminal matters ──
  /** Art. 25 ¶1 (1)–(4), (6): the court, procuratorate or police must have a defender assigned; no application, no hardship check. */
  'art25-assigned',
  /** Art. 25 ¶1 (5): a death-penalty review defendant who asks for aid is assigned a defender. */
  'art25-assigned-on-request',
  /** Art. 28: compulsory medical treatment without an agent: the court has a lawyer assigned. */
  'art28-assigned',
  /** Art. 24: suspect or defendant without a defender: they or a close relative may apply. */
  'art24-no-defender',
  /** Art. 24 says "economic hardship OR OTHER REASONS": income above the standard is not a flat no. */
  'art24-other-reasons',
  /** Art. 30 (and 37): a suspect or defendant without a defender can see the duty lawyer free of charge. */
  'art30-duty-lawyer',
  /** Art. 29: victim, private prosecutor or incidental civil plaintiff, with hardship and no agent. */
  'art29-victim',
  // ── Civil and administrative matters ──
  /** Art. 31 (1)–(8): a matter the law lists; needs hardship and no agent. */
  'art31-listed-matter',
  /** Art. 31 (9): another civil or administrative matter; covered only if a law, regulation or rule lists it. */
  'art31-other-by-rules',
  /** Art. 32 (1)–(4): no economic-hardship condition at all. */
  'art32-no-hardship-check',
  /** Art. 33: an appeal or retrial that has been accepted, with hardship and no agent. */
  'art33-retrial-accepted',
  /** The citizen's matter is none of the above: the office decides (Art. 31 (9), Art. 32 (5), local rules). */
  'matter-not-listed',
  // ── Who the applicant is (Art. 42: proof of the group replaces the hardship check) ──
  'art42-minor',
  'art42-elderly',
  'art42-disabled',
  'art42-social-assistance',
  'art42-judicial-assistance',
  'art42-special-care',
  'art42-migrant-worker-wages',
  'art42-migrant-worker-work-injury',
  /** A migrant worker whose matter is neither wages nor work injury: Art. 42 (3) does not apply. */
  'art42-migrant-worker-other-matter',
  // ── Economic situation (Art. 34 standard, Art. 41 statement or pledge) ──
  /** Income at or below the local standard (and assets too, when both are known). */
  'income-below-threshold',
  'income-above-threshold',
  'assets-above-threshold',
  /** The standard has an asset limit but the citizen gave no asset figure: the office will ask. */
  'assets-not-given',
  /** Art. 41: the citizen will sign the personal integrity pledge instead of bringing papers. */
  'pledge-instead-of-documents',
  'income-unknown',
  // ── Agent ──
  /** Art. 24, 25, 29, 31, 33 all require that no defender or agent has been retained. */
  'has-agent',
  /** Art. 32 states no such condition, but aid ends once the recipient retains a lawyer (Art. 48 (6)). */
  'has-agent-office-decides',
  // ── Urgency (Art. 44: the office may give aid first) ──
  'art44-deadline-within-7-days',
  'art44-urgent-preservation',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Reasons that can skip the economic-hardship review. */
export type HardshipSkipReason = Extract<
  ReasonCode,
  | `art42-${'minor' | 'elderly' | 'disabled' | 'social-assistance' | 'judicial-assistance' | 'special-care' | 'migrant-worker-wages' | 'migrant-worker-work-injury'}`
  | 'art25-assigned'
  | 'art25-assigned-on-request'
  | 'art28-assigned'
  | 'art32-no-hardship-check'
>;

/** Reasons the office may give aid before finishing its review (Art. 44 ¶1 (1), (2)). */
export type AidFirstReason = Extract<ReasonCode, `art44-${string}`>;

/**
 * What to bring. The 2021 law lists no materials; these follow the 2003
 * regulation (法律援助条例 Art. 17: identity, proof of authority for an agent,
 * proof of hardship, case materials) and what Art. 32, 42 and 44 need proved.
 */
export const MATERIAL_CODES = [
  /** ID card or other identity document. */
  'id-card',
  /** Someone applies for another person: proof they may (Art. 40: legal representative; Art. 24, 33: close relative). */
  'agent-authority',
  /** Art. 42: proof of belonging to the group, instead of a hardship check. */
  'proof-of-group',
  /** Art. 32: proof of the situation (martyr relationship, act of bravery, acquittal, abuse or violence). */
  'proof-of-situation',
  /** Art. 41: a statement of the economic situation, or the personal integrity pledge. */
  'hardship-statement-or-pledge',
  /** Art. 44: papers showing the deadline or the need for preservation; the rest may follow (Art. 44 ¶2). */
  'proof-of-urgency',
  /** Papers about the case itself. */
  'case-materials',
] as const;
export type MaterialCode = (typeof MATERIAL_CODES)[number];

/**
 * Art. 38: litigation — the legal-aid office where the handling authority
 * (court, procuratorate, police) sits; non-litigation — where the dispute-
 * handling body sits or where the matter arose.
 */
export const APPLY_PLACES = ['where-case-is-handled', 'where-dispute-body-or-matter-arose'] as const;
export type ApplyPlace = (typeof APPLY_PLACES)[number];

/**
 * How aid would come: the citizen applies to the office, or the court,
 * procuratorate or police have it assigned (Art. 25, 28, 36).
 */
export const LEGAL_AID_ROUTES = ['application', 'assigned-by-authority'] as const;
export type LegalAidRoute = (typeof LEGAL_AID_ROUTES)[number];
