/**
 * What every calculator returns: the figure and the steps that led to it, as
 * data. The screen translates each step's code and fills in its values, so
 * a citizen (or the lawyer on the video call) can check the sum by hand and
 * see which article each number comes from. No prose is built here: the UI
 * owns the wording in both languages.
 *
 * Value naming, so the UI knows how to show a value without a table per code:
 * - `…Fen`: money in 分 (integer);
 * - `…Date`: a calendar date, YYYY-MM-DD;
 * - `…Percent`, `…BasisPoints` (1/100 of a percent): rates;
 * - any other number: a plain count (months, years, days, hours; may be x.5);
 * - any other string: a code from a list the module exports, named at the step.
 */
import { formatArticleLabel } from '../legal/chinese-numerals';
import type { Citation } from '../legal/citation';

/** An article of an instrument the kiosk ships, by its short name (content/laws/shipped.yaml). */
export interface ArticleBasis extends Citation {
  kind: 'article';
  /** 款, counted from 1, when the step rests on one paragraph. */
  paragraph?: number;
  /** 项, counted from 1, when the step rests on one item. */
  item?: number;
}

/** A normative document cited by its number, when it has no articles (劳社部发〔2008〕3号). */
export interface DocumentBasis {
  kind: 'document';
  title: string;
  documentNumber: string;
  /** The part relied on, as the document numbers it (二). */
  section?: string;
}

export type Basis = ArticleBasis | DocumentBasis;

export function article(law: string, ordinal: number, where: { paragraph?: number; item?: number } = {}): ArticleBasis {
  const number = { ordinal, sub: 0 };
  return { kind: 'article', law, article: formatArticleLabel(number), number, ...where };
}

export type StepValue = number | string;

/** One line of the breakdown (or one caveat): a code for the UI to translate, its values, its basis. */
export interface Step<Code extends string> {
  code: Code;
  values: Readonly<Record<string, StepValue>>;
  basis: readonly Basis[];
}

export interface Calculation<Code extends string, Note extends string> {
  /** The figure, in fen. */
  amountFen: number;
  /** The provisions the figure rests on, main article first. */
  basis: readonly Basis[];
  /** In the order the screen shows them; the last one states the figure. */
  steps: Step<Code>[];
  /** Caveats the screen must show beside the figure: assumptions and what was left out. */
  notes: Step<Note>[];
}

export function step<Code extends string>(
  code: Code,
  values: Readonly<Record<string, StepValue>> = {},
  ...basis: Basis[]
): Step<Code> {
  return { code, values, basis };
}
