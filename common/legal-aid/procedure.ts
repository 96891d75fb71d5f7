/**
 * Time limits the law sets for the office and the authorities, as numbers the
 * UI shows ("the office decides within 7 days"). The law counts 日 (calendar
 * days); some local rules say working days, which only ever lengthens them.
 */

/** After an application (Art. 43, 49). */
export const APPLICATION_TIME_LIMITS = {
  /** Art. 43 ¶1: the office reviews and decides within 7 days of receiving the application. */
  decideWithinDays: 7,
  /** Art. 43 ¶1: once aid is granted, someone is assigned within 3 days. */
  assignWithinDaysAfterGrant: 3,
  /** Art. 49 ¶2: an objection to a refusal is decided by the justice bureau within 5 days. */
  objectionDecidedWithinDays: 5,
} as const;

/** When aid is assigned without application (Art. 36, for the cases of Art. 25 ¶1 and Art. 28). */
export const ASSIGNED_TIME_LIMITS = {
  /** Art. 36: the court, procuratorate or police notify the office within 3 days of finding the situation. */
  authorityNotifiesWithinDays: 3,
  /** Art. 36: the office assigns a lawyer within 3 days of the notice. */
  assignWithinDaysAfterNotice: 3,
} as const;

export type LegalAidTimeLimits =
  | ({ route: 'application' } & typeof APPLICATION_TIME_LIMITS)
  | ({ route: 'assigned-by-authority' } & typeof ASSIGNED_TIME_LIMITS);

/** Art. 44 ¶1 (1): "距法定时效或者期限届满不足七日" — fewer than 7 days left. */
export const AID_FIRST_DEADLINE_DAYS = 7;
