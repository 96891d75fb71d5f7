import { describe, expect, it } from 'vitest';
import { createI18n, otherLanguage } from './i18n';

describe('otherLanguage', () => {
  it('offers the language that is not on screen', () => {
    expect(otherLanguage('zh-CN', ['zh-CN', 'en'])).toBe('en');
    expect(otherLanguage('en', ['zh-CN', 'en'])).toBe('zh-CN');
    expect(otherLanguage('en')).toBe('zh-CN');
  });

  it('offers nothing on a single-language terminal', () => {
    expect(otherLanguage('zh-CN', ['zh-CN'])).toBeNull();
  });
});

describe('createI18n', () => {
  it('translates synchronously from the bundled catalogues', async () => {
    const i18n = createI18n('zh-CN');
    expect(i18n.t('restoring.title')).toBe('正在恢复服务');
    expect(i18n.t('shell.unavailableHotline', { number: '12348' })).toBe('法律咨询请拨打 12348 公共法律服务热线');
    await i18n.changeLanguage('en');
    expect(i18n.t('restoring.title')).toBe('Restoring service');
    expect(i18n.getFixedT('zh-CN')('language.name')).toBe('中文');
  });
});
