import { describe, expect, it } from 'vitest';
import { article } from '../../common/calculators/breakdown';
import { courtFee } from '../../common/calculators/court-fee';
import { doubleWages } from '../../common/calculators/double-wages';
import { economicCompensation } from '../../common/calculators/economic-compensation';
import { PAY_CONVERSION_NOTICE, overtimePay } from '../../common/calculators/overtime-pay';
import { en } from '../../common/i18n/en';
import { zhCN } from '../../common/i18n/zh-CN';
import { createI18n } from '../../ui/i18n/i18n';
import { type AnyCalculation, CALCULATORS, type CalculatorId } from './forms';
import {
  type LooseT,
  NOTE_CODES,
  STEP_CODES,
  basisLabel,
  citedArticles,
  citedDocuments,
  describeCalculation,
  formatValues,
  stepTextKey,
  valueFormat,
} from './step-text';

const YUAN = 100;
const CATALOGUES = { 'zh-CN': zhCN, en } as const;

/** The text at a dotted key of a catalogue, or undefined. */
function lookup(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      catalogue,
    );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '');
}

/** Inputs that between them make every calculator return every step and note code it has. */
const EXAMPLES: Record<CalculatorId, AnyCalculation[]> = {
  'economic-compensation': [
    // 13.5 years at a wage above three times the local average: capped wage, capped years.
    economicCompensation({
      startDate: '2010-01-01',
      endDate: '2023-06-30',
      monthlyWagesFen: Array(12).fill(30_000 * YUAN),
      localAverageMonthlyWageFen: 8000 * YUAN,
    }),
    // Service from before 2008, a wage below the minimum, one month's wage given.
    economicCompensation({
      startDate: '2005-03-01',
      endDate: '2012-04-15',
      monthlyWagesFen: [1500 * YUAN],
      localAverageMonthlyWageFen: 8000 * YUAN,
      localMinimumWageFen: 2000 * YUAN,
    }),
    // Unlawful termination: damages, counted from the first day.
    economicCompensation({
      startDate: '2005-03-01',
      endDate: '2010-03-10',
      monthlyWagesFen: [5000 * YUAN],
      localAverageMonthlyWageFen: 8000 * YUAN,
      unlawfulTermination: true,
    }),
  ],
  'double-wages': [
    doubleWages({ startDate: '2007-06-01', untilDate: '2009-01-01', monthlyWageFen: 4000 * YUAN }),
    doubleWages({
      startDate: '2020-01-01',
      signedDate: '2020-01-15',
      untilDate: '2020-06-01',
      monthlyWageFen: 4000 * YUAN,
    }),
    doubleWages({
      startDate: '2020-01-10',
      signedDate: '2020-05-20',
      untilDate: '2020-06-01',
      monthlyWageFen: 4000 * YUAN,
    }),
    doubleWages({ startDate: '2020-01-10', untilDate: '2020-04-20', monthlyWageFen: 4000 * YUAN }),
  ],
  'overtime-pay': [
    overtimePay({ wage: { kind: 'monthly', fen: 6000 * YUAN }, extendedHours: 10, restDayHours: 8, holidayHours: 3 }),
    overtimePay({ wage: { kind: 'hourly', fen: 30 * YUAN }, extendedHours: 2 }),
  ],
  'court-fee': [
    courtFee({ claimFen: 100_000 * YUAN }),
    courtFee({ claimFen: 30_000_000 * YUAN, halving: ['simple-procedure', 'mediation-or-withdrawal'] }),
    courtFee({ claimFen: 10_001 * YUAN + 1, halving: ['counterclaim-or-third-party'] }),
  ],
};

describe('step and note texts', () => {
  it.each(Object.entries(CATALOGUES))(
    '%s has a text for every step and note code of every calculator',
    (_lang, catalogue) => {
      for (const calculator of CALCULATORS) {
        for (const code of STEP_CODES[calculator]) {
          const text = lookup(catalogue, `calculators.steps.${calculator}.${code}`);
          expect(typeof text === 'string' && text.trim() !== '', `${calculator} step ${code}`).toBe(true);
        }
        for (const code of NOTE_CODES[calculator]) {
          const text = lookup(catalogue, `calculators.notes.${calculator}.${code}`);
          expect(typeof text === 'string' && text.trim() !== '', `${calculator} note ${code}`).toBe(true);
        }
      }
    },
  );

  it('has no text for a code the calculators do not have (a renamed code would leave one behind)', () => {
    for (const calculator of CALCULATORS) {
      expect(Object.keys(zhCN.calculators.steps[calculator]).sort(), calculator).toEqual(
        [...STEP_CODES[calculator]].sort(),
      );
      expect(Object.keys(zhCN.calculators.notes[calculator]).sort(), calculator).toEqual(
        [...NOTE_CODES[calculator]].sort(),
      );
    }
  });

  it('the examples below reach every code, so every text is checked against real values', () => {
    for (const calculator of CALCULATORS) {
      const steps = new Set(EXAMPLES[calculator].flatMap((c) => c.steps.map((s) => s.code)));
      const notes = new Set(EXAMPLES[calculator].flatMap((c) => c.notes.map((n) => n.code)));
      expect(
        [...STEP_CODES[calculator]].filter((c) => !steps.has(c)),
        `${calculator}: add an example that returns these steps`,
      ).toEqual([]);
      expect(
        [...NOTE_CODES[calculator]].filter((c) => !notes.has(c)),
        `${calculator}: add an example that returns these notes`,
      ).toEqual([]);
    }
  });

  it.each(Object.entries(CATALOGUES))('%s only names values a step really carries', (_lang, catalogue) => {
    for (const calculator of CALCULATORS) {
      for (const calc of EXAMPLES[calculator]) {
        for (const [kind, list] of [
          ['steps', calc.steps],
          ['notes', calc.notes],
        ] as const) {
          for (const step of list) {
            const key = stepTextKey(calculator, kind, step);
            const text = lookup(catalogue, key);
            expect(typeof text, key).toBe('string');
            for (const name of placeholders(text as string))
              expect(Object.keys(step.values), `${key} {{${name}}}`).toContain(name);
          }
        }
      }
    }
  });

  it.each(['zh-CN', 'en'] as const)('%s: every example reads without a key or a placeholder left over', (language) => {
    const t = createI18n(language).t as unknown as LooseT;
    const format = valueFormat(t, language);
    for (const calculator of CALCULATORS) {
      for (const calc of EXAMPLES[calculator]) {
        const d = describeCalculation(calculator, calc, t, format);
        for (const text of [d.amount, d.capitals, ...d.steps.flatMap((s) => [s.text, s.basis]), ...d.notes]) {
          expect(text, calculator).not.toMatch(/\{\{|calculators\./);
        }
      }
    }
  });
});

describe('describeCalculation', () => {
  const t = createI18n('zh-CN').t as unknown as LooseT;
  const format = valueFormat(t, 'zh-CN');

  it('court fee for 100,000 元: 50 元 for the first 10,000, 2.5% of the rest, 2,300 元', () => {
    const d = describeCalculation('court-fee', EXAMPLES['court-fee'][0]!, t, format);
    expect(d.amount).toBe('2,300.00 元');
    expect(d.capitals).toBe('大写：人民币贰仟叁佰元整');
    expect(d.steps.map((s) => s.text)).toEqual([
      '不超过 10,000.00 元 的部分：交 50.00 元。',
      '10,000.00 元 到 100,000.00 元 的部分 90,000.00 元 × 2.5% = 2,250.00 元。',
      '请求金额 100,000.00 元，受理费合计 2,300.00 元。',
    ]);
    expect(d.steps[0]!.basis).toBe('依据：诉讼费用交纳办法 第十三条第（一）项');
  });

  it('the open top band says "above", and the halving ground is in words', () => {
    const d = describeCalculation('court-fee', EXAMPLES['court-fee'][1]!, t, format);
    expect(d.steps.some((s) => s.text.startsWith('超过 20,000,000.00 元 的部分'))).toBe(true);
    expect(d.steps.at(-1)!.text).toMatch(/^适用简易程序，减半交/);
    expect(d.notes).toContain('有 2 种减半的情况，也只减半一次。');
  });

  it('severance above three times the local average: the wage and the years are capped (劳动合同法 第四十七条)', () => {
    const calc = EXAMPLES['economic-compensation'][0]!;
    expect(calc.amountFen).toBe(288_000 * YUAN);
    const d = describeCalculation('economic-compensation', calc, t, format);
    expect(d.amount).toBe('288,000.00 元');
    const texts = d.steps.map((s) => s.text);
    expect(texts).toContain(
      '月工资 30,000.00 元 超过了当地月平均工资 8,000.00 元 的三倍，只能按三倍 24,000.00 元 算，而且最多算 12 年。',
    );
    expect(texts).toContain('工作时间：从 2010年1月1日 到 2023年6月30日，共 13 年 6 个月 0 天。');
    expect(texts).toContain('工资超过三倍，最多算 12 年：14 个月减为 12 个月。');
    expect(texts.at(-1)).toBe('经济补偿：24,000.00 元 × 12 个月 = 288,000.00 元。');
    expect(d.steps.find((s) => s.text.includes('三倍'))!.basis).toBe('依据：劳动合同法 第四十七条第二款');
  });

  it('writes English with the same numbers', () => {
    const tEn = createI18n('en').t as unknown as LooseT;
    const d = describeCalculation('court-fee', EXAMPLES['court-fee'][0]!, tEn, valueFormat(tEn, 'en'));
    expect(d.amount).toBe('2,300.00 yuan');
    expect(d.steps[1]!.text).toBe(
      'The part from 10,000.00 yuan to 100,000.00 yuan, 90,000.00 yuan × 2.5% = 2,250.00 yuan.',
    );
  });
});

describe('formatValues', () => {
  const format = {
    yuan: (f: number) => `${f / 100}元`,
    date: (d: string) => `<${d}>`,
    percent: (p: number) => `${p}%`,
    code: (_n: string, v: string) => `[${v}]`,
  };
  it('formats each value by its name', () => {
    expect(
      formatValues(
        {
          amountFen: 123456,
          fromDate: '2020-01-02',
          ratePercent: 150,
          basisPoints: 250,
          months: 0.5,
          ground: 'simple-procedure',
        },
        format,
      ),
    ).toEqual({
      amountFen: '1234.56元',
      fromDate: '<2020-01-02>',
      ratePercent: '150%',
      basisPoints: '2.5%',
      months: '0.5',
      ground: '[simple-procedure]',
    });
  });
});

describe('basis', () => {
  it('writes paragraphs, items and documents as the law cites them', () => {
    expect(basisLabel(article('劳动合同法', 47, { paragraph: 2 }))).toBe('劳动合同法 第四十七条第二款');
    expect(basisLabel(article('诉讼费用交纳办法', 13, { item: 1 }))).toBe('诉讼费用交纳办法 第十三条第（一）项');
    expect(basisLabel(PAY_CONVERSION_NOTICE)).toBe(
      '《关于职工全年月平均工作时间和工资折算问题的通知》（劳社部发〔2008〕3号）第二部分',
    );
  });

  it('lists each cited article once, the figure’s own basis first', () => {
    const calc = EXAMPLES['economic-compensation'][0]!;
    const cited = citedArticles(calc);
    expect(cited[0]).toEqual({ lawShort: '劳动合同法', article: '第四十七条' });
    expect(cited).toContainEqual({ lawShort: '劳动合同法实施条例', article: '第二十七条' });
    expect(new Set(cited.map((c) => `${c.lawShort}${c.article}`)).size).toBe(cited.length);
    expect(citedDocuments(EXAMPLES['overtime-pay'][0]!)).toEqual([basisLabel(PAY_CONVERSION_NOTICE)]);
  });
});
