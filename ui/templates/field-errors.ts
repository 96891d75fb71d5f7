import type { LanguageTag } from '../../common/i18n/catalogue';
import { formatYuan } from '../../common/money/fen';
import { PARSE_YUAN_ERRORS, type ParseYuanError } from '../../common/money/rmb-capitals';
import type { FieldError } from '../../common/templates/values';
import { formatLegalDate } from '../dates/dates';

/**
 * A field error from the kiosk's service, or the same check run on a page
 * (the kiosk's form, the lawyer's template form in the hub's console), in
 * plain words: the catalogue key under `documents.` and what to fill into it.
 * Dates are written as the citizen reads them, amounts with their separators.
 */
export interface ErrorText {
  key:
    | `documents.errors.${FieldError['code']}`
    | `documents.errorVariants.${'dateTooEarlyToday' | 'dateTooLateToday' | 'percentFormatWhole'}`
    | `documents.errorVariants.amountReasons.${ParseYuanError}`;
  params: Record<string, string | number>;
}

function param(error: FieldError, name: string): string | number | undefined {
  return error.params?.[name];
}

function yuan(value: string | number | undefined): string {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? formatYuan(Math.round(n * 100)).replace(/\.00$/, '') : String(value ?? '');
}

function date(value: string | number | undefined, language: LanguageTag): string {
  return formatLegalDate(String(value ?? ''), language);
}

export function fieldErrorText(error: FieldError, language: LanguageTag): ErrorText {
  switch (error.code) {
    case 'amount-format': {
      const reason = param(error, 'reason');
      // A reason this UI does not know (a newer service) gets the general words.
      if (
        typeof reason === 'string' &&
        (PARSE_YUAN_ERRORS as readonly string[]).includes(reason) &&
        reason !== 'not-a-number'
      ) {
        return { key: `documents.errorVariants.amountReasons.${reason as ParseYuanError}`, params: {} };
      }
      return { key: 'documents.errors.amount-format', params: {} };
    }
    case 'amount-too-small':
      return { key: 'documents.errors.amount-too-small', params: { min: yuan(param(error, 'min')) } };
    case 'amount-too-large':
      return { key: 'documents.errors.amount-too-large', params: { max: yuan(param(error, 'max')) } };
    case 'date-too-early': {
      const label = param(error, 'minLabel');
      const when = date(param(error, 'min'), language);
      return label === undefined
        ? { key: 'documents.errorVariants.dateTooEarlyToday', params: { date: when } }
        : { key: 'documents.errors.date-too-early', params: { label, date: when } };
    }
    case 'date-too-late': {
      const label = param(error, 'maxLabel');
      const when = date(param(error, 'max'), language);
      return label === undefined
        ? { key: 'documents.errorVariants.dateTooLateToday', params: { date: when } }
        : { key: 'documents.errors.date-too-late', params: { label, date: when } };
    }
    case 'percent-format':
      return Number(param(error, 'decimals') ?? 2) === 0
        ? { key: 'documents.errorVariants.percentFormatWhole', params: {} }
        : { key: 'documents.errors.percent-format', params: { decimals: param(error, 'decimals') ?? 2 } };
    case 'too-long':
      return { key: 'documents.errors.too-long', params: { max: param(error, 'max') ?? '' } };
    case 'not-an-option':
      return { key: 'documents.errors.not-an-option', params: { options: param(error, 'options') ?? '' } };
    case 'too-small':
      return { key: 'documents.errors.too-small', params: { min: param(error, 'min') ?? '' } };
    case 'too-large':
      return { key: 'documents.errors.too-large', params: { max: param(error, 'max') ?? '' } };
    case 'unknown-field':
    case 'required':
    case 'date-format':
    case 'date-not-real':
    case 'id-number-format':
    case 'id-number-birth-date':
    case 'id-number-region':
    case 'id-number-check-character':
    case 'phone-format':
    case 'integer-format':
      return { key: `documents.errors.${error.code}`, params: {} };
  }
}
