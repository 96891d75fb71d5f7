import type { AccountProblem } from '../../common/hub/accounts';
import { DISPLAY_NAME_MAX } from '../../common/hub/accounts';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_KINDS,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from '../../common/hub/password-policy';
import type { LanguageTag } from '../../common/i18n/catalogue';
import { hubAccountsEn, hubAccountsZhCN } from '../../common/i18n/sections/hub-accounts';
import type { AlertKind } from '../../common/hub/api/alert-kinds';
import {
  MAX_RANGES_PER_DAY,
  WEEKDAYS,
  type OpeningHours,
  type OpeningHoursProblem,
} from '../../common/hub/opening-hours';
import { hubFleetEn, hubFleetZhCN } from '../../common/i18n/sections/hub-fleet';
import { localDateTime } from '../../common/local-date';

/**
 * hubctl's words for what the person at the terminal must change (a
 * password, an account's fields) come from the catalogue the console will
 * use, in the terminal's language: Chinese when the locale says so
 * (LC_ALL, LC_MESSAGES, LANG, the first one set), else English.
 */
export function terminalLanguage(env: NodeJS.ProcessEnv = process.env): LanguageTag {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '') ?? '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

const texts = (lang: LanguageTag) => (lang === 'zh-CN' ? hubAccountsZhCN : hubAccountsEn);

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => String(values[key] ?? m));
}

export function passwordProblemText(problem: PasswordProblem, lang: LanguageTag): string {
  return fill(texts(lang).passwordProblems[problem], {
    min: PASSWORD_MIN_LENGTH,
    max: PASSWORD_MAX_LENGTH,
    kinds: PASSWORD_MIN_KINDS,
  });
}

export function accountProblemText(problem: AccountProblem, lang: LanguageTag): string {
  return fill(texts(lang).accountProblems[problem], { max: DISPLAY_NAME_MAX });
}

const fleetTexts = (lang: LanguageTag) => (lang === 'zh-CN' ? hubFleetZhCN : hubFleetEn);

/** An alert's name, and what its detail says, as a sentence: for hubctl alerts. */
export function alertText(alert: { kind: AlertKind; detail: string | null }, lang: LanguageTag): string {
  const t = fleetTexts(lang);
  const detail = alert.detail ?? '';
  const values: Record<string, string | number> = {
    at: alert.kind === 'offline' && !Number.isNaN(Date.parse(detail)) ? localDateTime(new Date(detail)) : detail,
    seconds: Math.round(Math.abs(Number(detail)) / 1000),
    free: `${Math.floor(Number(detail) / 1024 ** 2)} MB`,
  };
  return `${t.alertKinds[alert.kind]}: ${fill(t.alertDetails[alert.kind], values)}`;
}

export function openingHoursProblemText(p: OpeningHoursProblem, lang: LanguageTag): string {
  const t = fleetTexts(lang);
  return fill(t.openingHoursProblems[p.problem], {
    day: t.weekdays[p.day],
    range: p.range ?? '',
    max: MAX_RANGES_PER_DAY,
  });
}

/** A week of opening hours, a day a line. */
export function openingHoursLines(hours: OpeningHours, lang: LanguageTag): string[] {
  const t = fleetTexts(lang);
  return WEEKDAYS.map((d) => `${t.weekdays[d]}  ${hours[d].length === 0 ? t.closed : hours[d].join(', ')}`);
}
