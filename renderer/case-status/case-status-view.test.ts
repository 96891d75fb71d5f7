import { describe, expect, it } from 'vitest';
import { en } from '../../common/i18n/en';
import { zhCN } from '../../common/i18n/zh-CN';
import type { LanguageTag } from '../../common/i18n/catalogue';
import { CaseStatusWithDetails, type KioskCaseStatus } from '../../common/hub/cases';
import { Receipt } from '../../common/receipt/receipt';
import { caseStatusSlip, caseStatusSlipLabels } from './case-status-slip';
import { statusWords, type Translate } from './case-status-view';

/** The catalogue's words for a key, with {{values}} filled in as i18next does; a missing key throws. */
function translator(catalogue: unknown): Translate {
  return (key, values = {}) => {
    const found = key
      .split('.')
      .reduce<unknown>(
        (node, part) =>
          node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
        catalogue,
      );
    if (typeof found !== 'string') throw new Error(`no words for ${key}`);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
}

const LANGUAGES: [LanguageTag, Translate][] = [
  ['zh-CN', translator(zhCN)],
  ['en', translator(en)],
];

/** Every status with every detail it may carry, and with only the ones it must. */
const CURRENTS: CaseStatusWithDetails[] = [
  { status: 'new', details: {} },
  { status: 'accepted', details: {} },
  { status: 'accepted', details: { note: '请带身份证原件' } },
  {
    status: 'needs-materials',
    details: { missing: '收入证明', deadline: '2026-12-20', where: '区法律援助中心一号窗口' },
  },
  { status: 'needs-materials', details: { missing: '收入证明', deadline: '2026-12-20' } },
  { status: 'needs-materials', details: { missing: '收入证明', where: '区法律援助中心一号窗口' } },
  { status: 'needs-materials', details: { missing: '收入证明' } },
  { status: 'refused', details: { reason: '不符合经济困难标准', article: '《法律援助法》第四十一条' } },
  { status: 'lawyer-assigned', details: { lawyer: '李明（楚天律师事务所）', contactPhone: '027-87654321' } },
  { status: 'lawyer-assigned', details: { lawyer: '李明（楚天律师事务所）' } },
  { status: 'closed', details: {} },
  { status: 'mediating', details: { note: '第一次调解定在周三上午' } },
  { status: 'settled', details: { agreementDate: '2026-05-08' } },
  { status: 'not-settled', details: { nextStep: 'litigation' } },
  { status: 'not-settled', details: { nextStep: 'arbitration', note: '劳动仲裁委员会在二楼' } },
  { status: 'not-settled', details: { nextStep: 'administrative' } },
  { status: 'not-settled', details: { nextStep: 'other' } },
];

const caseOf = (
  current: CaseStatusWithDetails,
  kind: KioskCaseStatus['kind'] = 'legal-aid-application',
): KioskCaseStatus => ({
  reference: 'A261207-7K3Q-X',
  kind,
  receivedAt: '2026-12-07T02:00:00.000Z',
  changedAt: '2026-12-08T02:00:00.000Z',
  current: CaseStatusWithDetails.parse(current),
});

describe('a case’s status in plain words', () => {
  it('has words for every status and detail, for both kinds, in both languages, every value filled in', () => {
    for (const [language, t] of LANGUAGES)
      for (const current of CURRENTS)
        for (const kind of ['legal-aid-application', 'mediation-request'] as const) {
          const words = statusWords(caseOf(current, kind), { t, language, hotline: '12348' });
          const all = [words.label, ...words.lines, ...words.next].join('\n');
          expect(words.lines.length, `${language} ${current.status}`).toBeGreaterThan(0);
          expect(all).not.toMatch(/undefined|\{\{|caseStatus\./);
          for (const value of Object.values(current.details).filter((v) => !/^\d{4}-\d\d-\d\d$/.test(String(v))))
            if (current.status !== 'not-settled' || value !== current.details.nextStep) expect(all).toContain(value);
        }
  });

  it('says what is missing, by when and where to bring it, the date as people write it', () => {
    const words = statusWords(caseOf(CURRENTS[3]!), { t: translator(zhCN), language: 'zh-CN', hotline: '12348' });
    expect(words.label).toBe('需补充材料');
    expect(words.lines).toEqual(['需补充材料：收入证明。']);
    expect(words.next).toEqual(['请于 2026年12月20日 前到 区法律援助中心一号窗口 提交。']);
    const inEnglish = statusWords(caseOf(CURRENTS[3]!), { t: translator(en), language: 'en', hotline: '12348' });
    expect(inEnglish.next).toEqual(['Please bring them to 区法律援助中心一号窗口 by 20 December 2026.']);
  });

  it('gives a refusal’s reason and article and where to object; a settlement’s date; the advised step after no settlement', () => {
    const zh = (current: CaseStatusWithDetails, kind?: KioskCaseStatus['kind']) =>
      statusWords(caseOf(current, kind), { t: translator(zhCN), language: 'zh-CN', hotline: '12348' });
    const refused = zh(CURRENTS[7]!);
    expect(refused.lines).toEqual(['不予受理。理由：不符合经济困难标准', '依据：《法律援助法》第四十一条']);
    expect(refused.next[0]).toContain('第四十九条');
    expect(refused.next[0]).toContain('12348');
    expect(zh(CURRENTS[12]!, 'mediation-request').lines).toEqual(['调解成功，2026年5月8日达成调解协议。']);
    expect(zh(CURRENTS[13]!, 'mediation-request').next).toEqual(['建议您向人民法院起诉。']);
    expect(zh(CURRENTS[8]!).lines).toEqual(['已为您指派律师：李明（楚天律师事务所）。', '联系电话：027-87654321']);
  });

  it('prints as a valid slip with the reference, the status and the next step', () => {
    const t = translator(zhCN);
    const words = statusWords(caseOf(CURRENTS[3]!), { t, language: 'zh-CN', hotline: '12348' });
    const slip = Receipt.parse(
      caseStatusSlip(
        { reference: 'A261207-7K3Q-X', kind: '法律援助申请', asOf: '2026年12月8日 10:00', words },
        {
          terminalName: '东湖高新区政务服务中心',
          printedAt: '2026年12月9日 09:00',
          hotline: '12348',
          labels: caseStatusSlipLabels(t),
        },
      ),
    );
    const printed = JSON.stringify(slip.blocks);
    for (const s of ['A261207-7K3Q-X', '需补充材料', '收入证明', '2026年12月20日', '12348'])
      expect(printed).toContain(s);
    expect(slip.blocks.at(-1)).toEqual({ type: 'cut' });
  });
});
