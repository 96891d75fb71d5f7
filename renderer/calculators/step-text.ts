import type { ArticleBasis, Basis, Step, StepValue } from '../../common/calculators/breakdown';
import { COURT_FEE_NOTES, COURT_FEE_STEPS, HALVING_GROUNDS } from '../../common/calculators/court-fee';
import { DOUBLE_WAGES_NOTES, DOUBLE_WAGES_STEPS } from '../../common/calculators/double-wages';
import {
  ECONOMIC_COMPENSATION_NOTES,
  ECONOMIC_COMPENSATION_STEPS,
} from '../../common/calculators/economic-compensation';
import { OVERTIME_NOTES, OVERTIME_STEPS } from '../../common/calculators/overtime-pay';
import type { LanguageTag } from '../../common/i18n/catalogue';
import { formatChineseNumber } from '../../common/legal/chinese-numerals';
import { formatYuan } from '../../common/money/fen';
import { formatRmbCapitals } from '../../common/money/rmb-capitals';
import { formatLegalDate } from '../shared/dates';
import { type AnyCalculation, type CalculatorId, type CalculatorInput, type SummaryValue, inputSummary } from './forms';

/**
 * A calculator's breakdown in words: each step and note code is a sentence in
 * the catalogue (`calculators.steps.<calculator>.<code>`), its numbers
 * formatted by how the calculator names them (common/calculators/breakdown.ts:
 * …Fen is money, …Date a date, …Percent and …BasisPoints rates), and the
 * provisions it rests on as the law writes them (劳动合同法 第四十七条第二款).
 */

/** Every code each calculator can return, from the calculators themselves. */
export const STEP_CODES: Readonly<Record<CalculatorId, readonly string[]>> = {
  'economic-compensation': ECONOMIC_COMPENSATION_STEPS,
  'double-wages': DOUBLE_WAGES_STEPS,
  'overtime-pay': OVERTIME_STEPS,
  'court-fee': COURT_FEE_STEPS,
};

export const NOTE_CODES: Readonly<Record<CalculatorId, readonly string[]>> = {
  'economic-compensation': ECONOMIC_COMPENSATION_NOTES,
  'double-wages': DOUBLE_WAGES_NOTES,
  'overtime-pay': OVERTIME_NOTES,
  'court-fee': COURT_FEE_NOTES,
};

/** The catalogue key of a step's or a note's sentence. */
export function stepTextKey(
  calculator: CalculatorId,
  kind: 'steps' | 'notes',
  step: Pick<Step<string>, 'code' | 'values'>,
): string {
  // The court fee's top band has no upper end: its sentence says "above".
  if (calculator === 'court-fee' && kind === 'steps' && step.code === 'band' && step.values['upToFen'] === undefined) {
    return 'calculators.stepVariants.court-fee.band-open';
  }
  return `calculators.${kind}.${calculator}.${step.code}`;
}

export interface ValueFormat {
  yuan(fen: number): string;
  /** YYYY-MM-DD as the language writes dates. */
  date(iso: string): string;
  percent(value: number): string;
  /** A code value (the court fee's halving ground) in words. */
  code(name: string, value: string): string;
}

/** 0.5 → "0.5", 21.75 → "21.75", 12 → "12": numbers as people write them, no trailing zeros. */
export function plainNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** A step's values, each formatted by its name, for the sentence's {{placeholders}}. */
export function formatValues(values: Readonly<Record<string, StepValue>>, format: ValueFormat): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') out[name] = named(name, 'Date') ? format.date(value) : format.code(name, value);
    else if (named(name, 'Fen')) out[name] = format.yuan(value);
    else if (named(name, 'BasisPoints')) out[name] = format.percent(value / 100);
    else if (named(name, 'Percent')) out[name] = format.percent(value);
    else out[name] = plainNumber(value);
  }
  return out;
}

/** `amountFen` and `fen` are both money; `upToFen` too, `often` is not. */
function named(name: string, suffix: string): boolean {
  return name.endsWith(suffix) || name === suffix[0]!.toLowerCase() + suffix.slice(1);
}

/** 2 → 二, for 款 and 项. */
const cn = (n: number): string => formatChineseNumber(n);

/** 劳动合同法 第四十七条第二款; 诉讼费用交纳办法 第十三条第（一）项; a document by its title and number. */
export function basisLabel(basis: Basis): string {
  if (basis.kind === 'document') {
    return `《${basis.title}》（${basis.documentNumber}）${basis.section === undefined ? '' : `第${basis.section}部分`}`;
  }
  const paragraph = basis.paragraph === undefined ? '' : `第${cn(basis.paragraph)}款`;
  const item = basis.item === undefined ? '' : `第（${cn(basis.item)}）项`;
  return `${basis.law} ${basis.article}${paragraph}${item}`;
}

/** The provisions of one step, without repeats, joined for one line. */
export function basisLine(bases: readonly Basis[], separator: string): string {
  return [...new Set(bases.map(basisLabel))].join(separator);
}

/** An article to open: the law's short name and the article, without 款 or 项. */
export interface CitedArticle {
  lawShort: string;
  article: string;
}

/**
 * The articles a calculation rests on, each once, the figure's own basis
 * first, then in the order the steps and notes cite them.
 */
export function citedArticles(calc: AnyCalculation): CitedArticle[] {
  const out: CitedArticle[] = [];
  const seen = new Set<string>();
  const all = [...calc.basis, ...calc.steps.flatMap((s) => s.basis), ...calc.notes.flatMap((n) => n.basis)];
  for (const b of all.filter((b): b is ArticleBasis => b.kind === 'article')) {
    const key = `${b.law} ${b.article}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ lawShort: b.law, article: b.article });
  }
  return out;
}

/** Documents without articles the calculation rests on (劳社部发〔2008〕3号): shown in words, there is nothing to open. */
export function citedDocuments(calc: AnyCalculation): string[] {
  const all = [...calc.basis, ...calc.steps.flatMap((s) => s.basis), ...calc.notes.flatMap((n) => n.basis)];
  return [...new Set(all.filter((b) => b.kind === 'document').map(basisLabel))];
}

// ---------------------------------------------------------------------------
// Putting it into words with the catalogue.

/**
 * i18next's `t` with a key built at run time (a calculator and one of its
 * codes): the type checker cannot follow those keys, so the catalogue's
 * `satisfies` clauses and step-text.test.ts make sure every one exists.
 */
export type LooseT = (key: string, values?: Record<string, string>) => string;

export function valueFormat(t: LooseT, language: LanguageTag): ValueFormat {
  return {
    yuan: (fen) => t('calculators.format.yuan', { amount: formatYuan(fen) }),
    date: (iso) => formatLegalDate(iso, language),
    percent: (value) => t('calculators.format.percent', { value: plainNumber(value) }),
    code: (name, value) =>
      name === 'ground' && (HALVING_GROUNDS as readonly string[]).includes(value)
        ? t(`calculators.halvingGrounds.${value}`)
        : value,
  };
}

export interface DescribedCalculation {
  /** 288,000.00 元 */
  amount: string;
  /** 大写：人民币贰拾捌万捌仟元整 */
  capitals: string;
  steps: { text: string; basis: string }[];
  notes: string[];
}

export function describeCalculation(
  calculator: CalculatorId,
  calc: AnyCalculation,
  t: LooseT,
  format: ValueFormat,
): DescribedCalculation {
  const separator = t('calculators.result.basisSeparator');
  const line = (bases: readonly Basis[]): string =>
    bases.length === 0 ? '' : t('calculators.result.basisLine', { basis: basisLine(bases, separator) });
  return {
    amount: format.yuan(calc.amountFen),
    capitals: t('calculators.result.capitals', { capitals: formatRmbCapitals(calc.amountFen) }),
    steps: calc.steps.map((s) => ({
      text: t(stepTextKey(calculator, 'steps', s), formatValues(s.values, format)),
      basis: line(s.basis),
    })),
    notes: calc.notes.map((n) => t(stepTextKey(calculator, 'notes', n), formatValues(n.values, format))),
  };
}

/** One entered value in words, for the result screen and the receipt. */
export function summaryText(value: SummaryValue, t: LooseT, format: ValueFormat): string {
  switch (value.kind) {
    case 'date':
      return format.date(value.iso);
    case 'yuan':
      return format.yuan(value.fen);
    case 'hours':
      return t('calculators.result.hoursValue', { hours: plainNumber(value.hours) });
    case 'yes-no':
      return t(value.yes ? 'calculators.result.yes' : 'calculators.result.no');
    case 'not-signed':
      return t('calculators.result.notSigned');
    case 'wage-kind':
      return t(
        value.wageKind === 'monthly' ? 'calculators.fields.wageKindMonthly' : 'calculators.fields.wageKindHourly',
      );
    case 'grounds':
      return value.grounds.length === 0
        ? t('calculators.fields.halvingNone')
        : value.grounds.map((g) => t(`calculators.halvingGrounds.${g}`)).join(t('calculators.result.basisSeparator'));
  }
}

/** What was entered, as label and value lines. */
export function describeInputs(
  value: CalculatorInput,
  t: LooseT,
  format: ValueFormat,
): { label: string; value: string }[] {
  return inputSummary(value).map(({ field, value: v }) => ({
    label: t(`calculators.fields.${field}`),
    value: summaryText(v, t, format),
  }));
}
