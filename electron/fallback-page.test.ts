import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { en } from '../common/i18n/en';
import { zhCN } from '../common/i18n/zh-CN';
import { DEFAULT_HOTLINE, fallbackPageHtml, fallbackPageUrl, hotlineFromConfigText } from './fallback-page';

describe('hotlineFromConfigText', () => {
  it('reads hotlines.publicLegalService', () => {
    expect(hotlineFromConfigText(JSON.stringify({ hotlines: { publicLegalService: '027-12348', local: [] } }))).toBe(
      '027-12348',
    );
  });

  it('trims the number', () => {
    expect(hotlineFromConfigText('{"hotlines":{"publicLegalService":" 12348 "}}')).toBe('12348');
  });

  it.each([
    ['no file', undefined],
    ['an empty file', ''],
    ['broken JSON', '{"hotlines":'],
    ['no hotlines section', '{"id":"WH-001"}'],
    ['hotlines not an object', '{"hotlines":"12348"}'],
    ['no public number', '{"hotlines":{"local":[]}}'],
    ['a number of the wrong type', '{"hotlines":{"publicLegalService":12348}}'],
    ['markup instead of a number', '{"hotlines":{"publicLegalService":"<script>x</script>"}}'],
    ['a too-short number', '{"hotlines":{"publicLegalService":"12"}}'],
    ['JSON null', 'null'],
  ])('falls back to 12348 for %s', (_what, text) => {
    expect(hotlineFromConfigText(text)).toBe(DEFAULT_HOTLINE);
  });

  it('defaults to the national hotline', () => {
    expect(DEFAULT_HOTLINE).toBe('12348');
  });
});

describe('fallbackPageHtml', () => {
  const html = fallbackPageHtml('027-87654321');

  it('says everything in Chinese first, then in English', () => {
    const zhTitle = html.indexOf(zhCN.shell.unavailableTitle, html.indexOf('<body>'));
    const enTitle = html.indexOf(en.shell.unavailableTitle);
    expect(zhTitle).toBeGreaterThan(0);
    expect(enTitle).toBeGreaterThan(zhTitle);
    for (const s of [
      zhCN.shell.unavailableBody,
      zhCN.shell.unavailableStaff,
      en.shell.unavailableBody,
      en.shell.unavailableStaff,
    ]) {
      expect(html).toContain(s);
    }
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('lang="en"');
  });

  it('puts the configured hotline into both languages', () => {
    expect(html).not.toContain('{{number}}');
    expect(html.match(/<span class="number">027-87654321<\/span>/g)).toHaveLength(2);
    expect(html).toContain(zhCN.shell.unavailableHotline.split('{{number}}')[0]);
  });

  it('escapes the number even if a caller skipped validation', () => {
    const evil = fallbackPageHtml('<img src=x onerror=alert(1)>');
    expect(evil).not.toContain('<img');
    expect(evil).toContain('&#60;img');
  });

  it('runs no script and loads nothing', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(src|href)=/i);
  });

  it('declares a CSP with no unsafe sources whose style hash matches the inline style', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
  });
});

describe('fallbackPageUrl', () => {
  it('is a UTF-8 data: URL that decodes back to the page', () => {
    const html = fallbackPageHtml('12348');
    const url = fallbackPageUrl(html);
    const prefix = 'data:text/html;charset=utf-8,';
    expect(url.startsWith(prefix)).toBe(true);
    expect(url).not.toMatch(/[#\s]/);
    expect(decodeURIComponent(url.slice(prefix.length))).toBe(html);
  });
});
