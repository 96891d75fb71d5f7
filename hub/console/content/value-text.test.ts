import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../../common/i18n/zh-CN';
import { blankItem, setField } from './item-form';
import { valueText } from './value-text';

let t: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
  t = i18n.getFixedT('zh-CN');
});

describe('a field as a reviewer reads it', () => {
  it('writes lists one entry a line, a step with its time limit, and says when there is nothing', () => {
    expect(valueText(t, ['劳动合同法 第三十条', '劳动法 第五十条'])).toBe('劳动合同法 第三十条\n劳动法 第五十条');
    expect(
      valueText(t, [
        { step: '申请劳动仲裁', timeLimit: '一年内' },
        { step: '收集证据', timeLimit: null },
      ]),
    ).toBe('申请劳动仲裁（时限：一年内）\n收集证据');
    expect(valueText(t, [])).toBe('（无）');
    expect(valueText(t, null)).toBe('（无）');
    expect(valueText(t, [{ name: '劳动监察', number: '12333' }])).toBe('劳动监察 12333');
  });

  it('writes duty hours by weekday, a day without any as closed', () => {
    const line = setField(blankItem('service-line'), 'dutyHours.mon', ['09:00-12:00', '14:00-17:00']);
    const text = valueText(t, line.kind === 'service-line' ? line.fields.dutyHours : null).split('\n');
    expect(text[0]).toBe('周一 09:00-12:00、14:00-17:00');
    expect(text[1]).toBe('周二 休息');
    expect(text).toHaveLength(7);
  });
});
