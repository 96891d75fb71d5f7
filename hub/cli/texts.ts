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
