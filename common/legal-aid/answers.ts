import { z } from 'zod';

/**
 * What the legal-aid screen asks, as the renderer sends it to the service.
 * Each option is a situation named by the Legal Aid Law, so the check can cite
 * an article for every answer; the citizen picks from plain-words texts, never
 * from article numbers.
 */

/**
 * Art. 25 ¶1: a suspect or defendant who is one of these, without a defender,
 * gets one assigned through the court, procuratorate or police.
 */
export const ART25_SITUATIONS = [
  'minor', // (一) 未成年人
  'visual-hearing-speech-disability', // (二) 视力、听力、言语残疾人
  'cannot-fully-understand-own-conduct', // (三) 不能完全辨认自己行为的成年人
  'may-face-life-or-death', // (四) 可能被判处无期徒刑、死刑的人
  'death-penalty-review', // (五) 申请法律援助的死刑复核案件被告人
  'tried-in-absentia', // (六) 缺席审判案件的被告人
] as const;
export type Art25Situation = (typeof ART25_SITUATIONS)[number];

/** Art. 29: the citizen's place in a criminal case other than the accused. */
export const ART29_ROLES = [
  'victim', // 公诉案件的被害人（及其法定代理人或者近亲属）
  'private-prosecutor', // 自诉案件的自诉人（及其法定代理人）
  'incidental-civil-plaintiff', // 附带民事诉讼的原告人（及其法定代理人）
] as const;
export type Art29Role = (typeof ART29_ROLES)[number];

/**
 * Art. 31 items. Items (5) and (7) are split because Art. 42 (3) presumes
 * hardship for a migrant worker only for wages and for work-injury damages —
 * not for confirming a labour relation, nor for traffic, food/drug or medical
 * injuries.
 */
export const ART31_ITEMS = [
  'state-compensation', // (一) 依法请求国家赔偿
  'social-insurance-or-assistance', // (二) 请求给予社会保险待遇或者社会救助
  'survivor-or-disability-pension', // (三) 请求发给抚恤金
  'support-payments', // (四) 请求给付赡养费、抚养费、扶养费
  'labour-relation', // (五) 请求确认劳动关系
  'wages', // (五) 请求支付劳动报酬
  'civil-capacity', // (六) 请求认定公民无民事行为能力或者限制民事行为能力
  'work-injury', // (七) 工伤事故人身损害赔偿
  'other-personal-injury', // (七) 交通事故、食品药品安全事故、医疗事故人身损害赔偿
  'environment', // (八) 请求环境污染、生态破坏损害赔偿
  'other', // (九) 法律、法规、规章规定的其他情形
] as const;
export type Art31Item = (typeof ART31_ITEMS)[number];

/** The item number each option belongs to, for citing "第三十一条第（五）项". */
export const ART31_ITEM_NUMBER: Readonly<Record<Art31Item, number>> = {
  'state-compensation': 1,
  'social-insurance-or-assistance': 2,
  'survivor-or-disability-pension': 3,
  'support-payments': 4,
  'labour-relation': 5,
  wages: 5,
  'civil-capacity': 6,
  'work-injury': 7,
  'other-personal-injury': 7,
  environment: 8,
  other: 9,
};

/** Art. 32 (1)–(4): aid without any economic-hardship condition. */
export const ART32_SITUATIONS = [
  'martyr-relative', // (一) 英雄烈士近亲属为维护英雄烈士的人格权益
  'bravery', // (二) 因见义勇为行为主张相关民事权益
  'retrial-acquittal-compensation', // (三) 再审改判无罪请求国家赔偿
  'abuse-abandonment-domestic-violence', // (四) 遭受虐待、遗弃或者家庭暴力的受害人主张相关权益
] as const;
export type Art32Situation = (typeof ART32_SITUATIONS)[number];

/**
 * The matter. `criminal-defence` with no Art. 25 situation is an Art. 24
 * application; `other` is anything the citizen could not find in the list.
 */
export const LegalAidMatter = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('criminal-defence'), situations: z.array(z.enum(ART25_SITUATIONS)) }),
  /** Art. 28: the person a compulsory-medical-treatment application is against. */
  z.object({ kind: z.literal('compulsory-medical-treatment') }),
  z.object({ kind: z.literal('criminal-victim'), role: z.enum(ART29_ROLES) }),
  z.object({ kind: z.literal('civil-administrative'), item: z.enum(ART31_ITEMS) }),
  z.object({ kind: z.literal('no-hardship-check'), situation: z.enum(ART32_SITUATIONS) }),
  /** Art. 33: the court decided on a retrial, or the procuratorate lodged a protest. Merely filing one is not enough. */
  z.object({ kind: z.literal('retrial-accepted') }),
  z.object({ kind: z.literal('other') }),
]);
export type LegalAidMatter = z.infer<typeof LegalAidMatter>;

/**
 * Art. 42: groups whose proof replaces the hardship check. Item (1) reads
 * "无固定生活来源的未成年人、老年人、残疾人": "without a fixed livelihood"
 * qualifies all three, minors included. A migrant worker (item 3) is presumed
 * only when claiming wages or work-injury damages; the check enforces that.
 */
export const ART42_GROUPS = [
  'minor-without-livelihood',
  'elderly-without-livelihood',
  'disabled-without-livelihood',
  'social-assistance', // 社会救助对象 (低保、特困等)
  'judicial-assistance', // 司法救助对象
  'special-care', // 优抚对象
  'migrant-worker', // 进城务工人员
] as const;
export type Art42Group = (typeof ART42_GROUPS)[number];

/**
 * The economic situation (Art. 41: stated truthfully). Figures are yuan;
 * income is the household's monthly income divided by its members. Choosing
 * the integrity pledge means no papers and no figures: the office verifies.
 */
export const EconomicSituation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('figures'),
    monthlyIncomePerPersonYuan: z.number().nonnegative(),
    familyAssetsYuan: z.number().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('pledge') }),
  z.object({ kind: z.literal('unknown') }),
]);
export type EconomicSituation = z.infer<typeof EconomicSituation>;

/** Art. 44 ¶1 (1), (2). */
export const Urgency = z.object({
  /** Whole days until a limitation period or time limit ends; null when none is known. */
  daysUntilDeadline: z.number().int().nonnegative().nullable(),
  /** Property or evidence preservation, or advance enforcement, must be applied for at once. */
  needsUrgentPreservation: z.boolean(),
});
export type Urgency = z.infer<typeof Urgency>;

/**
 * Who is at the kiosk: the person concerned, their legal representative
 * (Art. 40), or a close relative (Art. 24, 29, 33, 40 ¶2 allow this).
 */
export const APPLYING_AS = ['self', 'legal-representative', 'close-relative'] as const;
export type ApplyingAs = (typeof APPLYING_AS)[number];

export const LegalAidAnswers = z.object({
  matter: LegalAidMatter,
  applyingAs: z.enum(APPLYING_AS),
  /** Art. 42 groups the person concerned belongs to; empty for none. */
  groups: z.array(z.enum(ART42_GROUPS)),
  economy: EconomicSituation,
  /** A defender (criminal) or agent (other matters) is already retained. */
  hasAgent: z.boolean(),
  /**
   * The aid is for a lawsuit — the matter is, or will be, before a court (诉讼事项,
   * Art. 38). False for arbitration, mediation, administrative reconsideration
   * and other non-litigation matters. Criminal matters and retrials are
   * litigation whatever this says.
   */
  inCourt: z.boolean(),
  urgency: Urgency,
});
export type LegalAidAnswers = z.infer<typeof LegalAidAnswers>;
