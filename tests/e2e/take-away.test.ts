import { describe, expect, it } from 'vitest';
import { useKiosk } from './fixture';
import { callApi, openHome, PORTRAIT, readQrCode } from './harness';

/**
 * "Take it with you" on a terminal with a hub: the codes on the answer and
 * article screens are links to the hub's public pages, read back from the
 * screen by a real QR decoder, and the printed receipt carries the same link.
 * (Terminals without a hub put the text itself in the code: consultation.test.ts.)
 */
const HUB = 'https://hub.example.gov.cn';
const { kiosk, browser } = useKiosk({ browser: true, config: { hub: { url: HUB } } });

describe('take it with you, with a hub', () => {
  it('answer and article codes open the hub public pages; the receipt prints the link as a code', async () => {
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
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
