import { describe, expect, it } from 'vitest';
import { useKiosk } from './fixture';
import { callApi, openHome, PORTRAIT, readQrCode } from './harness';

/**
 * "Take it with you" on a terminal with a hub: the codes on the answer,
 * article and office screens are links to the hub's public pages, read back from the
 * screen by a real QR decoder, and the printed receipt carries the same link.
 * (Terminals without a hub put the text itself in the code: consultation.test.ts.)
 */
const HUB = 'https://hub.example.gov.cn';
const { kiosk, browser } = useKiosk({ browser: true, config: { hub: { url: HUB } } });

describe('take it with you, with a hub', () => {
  it('answer, article and office codes open the hub public pages; the receipt prints the link as a code', async () => {
    const { context, page, errors } = await openHome(browser, kiosk, PORTRAIT);
    try {
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByRole('button', { name: /^劳动工资/ }).tap();
      await page.getByRole('button', { name: '老板拖欠工资' }).tap();
      // The answer that cites 劳动合同法 第三十条, as the content release has it.
      const { items } = await callApi<{ items: { id: string; question: string }[] }>(kiosk, '/api/content/faq-list', {
        topicId: 'labour-wages/unpaid-wages',
      });
      const cites = await Promise.all(
        items.map((i) =>
          callApi<{ cites: { lawShort: string; article: string }[] }>(kiosk, '/api/content/faq', { id: i.id }),
        ),
      );
      const item =
        items[cites.findIndex((f) => f.cites.some((c) => c.lawShort === '劳动合同法' && c.article === '第三十条'))]!;
      await page.getByRole('button', { name: item.question }).tap();
      await page.getByTestId('answer').waitFor();
      expect(await page.getByTestId('take-away').textContent()).toContain('在手机上打开这一页');
      const answerLink = await readQrCode(page.getByTestId('take-away-code'));
      expect(answerLink).toBe(`${HUB}/p/answer/${item.id}`);

      const citation = page.getByRole('button', { name: '劳动合同法 第三十条' });
      await citation.scrollIntoViewIfNeeded();
      await citation.tap();
      await page.getByTestId('article').waitFor();
      const articleLink = new URL((await readQrCode(page.getByTestId('take-away-code')))!);
      expect(`${articleLink.origin}${articleLink.pathname}`).toBe(`${HUB}/p/law`);
      expect(Object.fromEntries(articleLink.searchParams)).toEqual({
        title: '中华人民共和国劳动合同法',
        version: '2012-12-28',
        article: '第三十条',
      });

      await page.getByRole('button', { name: /打印这一条/ }).tap();
      const paper = page.getByRole('figure', { name: '打印预览' });
      await paper.waitFor();
      await expect.poll(() => paper.textContent()).toContain('扫码在手机上查看');
      expect(await paper.getByRole('img').count()).toBe(1);
      // An office's code opens the hub's page for it.
      const { entries } = await callApi<{ entries: { id: string }[] }>(kiosk, '/api/content/directory', {
        kind: 'legal-aid-centre',
      });
      await page.getByRole('button', { name: /^首页/ }).tap();
      await page.getByRole('button', { name: /^机构查询/ }).tap();
      await page.getByRole('button', { name: /^法律援助中心/ }).tap();
      await page.locator('.office-card').first().tap();
      await page.getByTestId('office-qr').waitFor();
      expect(await page.getByTestId('office-qr').getAttribute('data-code-kind')).toBe('link');
      expect(await readQrCode(page.getByTestId('office-qr-code'))).toBe(`${HUB}/p/office/${entries[0]!.id}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
