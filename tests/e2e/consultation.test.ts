import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PrintJob } from '../../common/api/devices';
import { useKiosk } from './fixture';
import { callApi, openHome as openHomeScreen, LANDSCAPE, PORTRAIT, readQrCode } from './harness';

/**
 * A citizen's way through 智能咨询 and 法规查询 on the real service in
 * Debian's Chromium, by touch alone (no mouse, no keyboard except where a
 * physical keyboard is the stated way in), in both orientations: from a topic
 * to an answer, to the article it cites, onto paper, and through a whole law.
 * Assertions are about what the citizen sees: headings, words, marks.
 */
const { kiosk, browser } = useKiosk({ browser: true });

const api = <T>(path: string, body?: unknown) => callApi<T>(kiosk, path, body);
const simulate = (body: unknown) => callApi(kiosk, '/api/simulate', body);
const openHome = (viewport: { width: number; height: number }) => openHomeScreen(browser, kiosk, viewport);
const printJobs = async (): Promise<PrintJob[]> => (await api<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs;

/** The question in "老板拖欠工资" whose answer cites 劳动合同法 第三十条, as the content release has it. */
async function questionCitingArticle30(): Promise<string> {
  const { items } = await api<{ items: { id: string; question: string }[] }>('/api/content/faq-list', {
    topicId: 'labour-wages/unpaid-wages',
  });
  for (const item of items) {
    const faq = await api<{ cites: { lawShort: string; article: string }[] }>('/api/content/faq', { id: item.id });
    if (faq.cites.some((c) => c.lawShort === '劳动合同法' && c.article === '第三十条')) return item.question;
  }
  throw new Error('no answer in 老板拖欠工资 cites 劳动合同法 第三十条');
}

/** The content release's id of an article cited in 老板拖欠工资. */
async function articleIdOf(lawShort: string, number: string): Promise<number> {
  const { items } = await api<{ items: { id: string }[] }>('/api/content/faq-list', {
    topicId: 'labour-wages/unpaid-wages',
  });
  for (const item of items) {
    const faq = await api<{ cites: { articleId: number; lawShort: string; article: string }[] }>('/api/content/faq', {
      id: item.id,
    });
    const cite = faq.cites.find((c) => c.lawShort === lawShort && c.article === number);
    if (cite) return cite.articleId;
  }
  throw new Error(`no answer cites ${lawShort} ${number}`);
}

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectTouchTarget(page: Page, name: string | RegExp): Promise<void> {
  const box = await page.getByRole('button', { name }).first().boundingBox();
  expect(box, String(name)).not.toBeNull();
  expect(box!.height, String(name)).toBeGreaterThanOrEqual(64);
  expect(box!.width, String(name)).toBeGreaterThanOrEqual(64);
}

for (const [label, viewport] of [
  ['portrait 1080×1920', PORTRAIT],
  ['landscape 1920×1080', LANDSCAPE],
] as const) {
  describe(`智能咨询 by touch, ${label}`, () => {
    it('topic → situation → answer → cited article → print → printed → finish', async () => {
      const question = await questionCitingArticle30();
      // Jobs of earlier sessions: a page that loads ends the session before it, which forgets them.
      const jobsBefore = new Set((await printJobs()).map((j) => j.id));
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^智能咨询/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('智能咨询');
        await expectTouchTarget(page, /^劳动工资/);
        await page.getByRole('button', { name: /^劳动工资/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('劳动工资');

        await page.getByRole('button', { name: '老板拖欠工资' }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('老板拖欠工资');
        await page.getByRole('button', { name: question }).tap();

        // The answer: the question as the heading, the plain answer, the steps with their time limits marked in words.
        await expect.poll(() => heading1(page).textContent()).toBe(question);
        const answer = page.getByTestId('answer');
        await page.getByRole('heading', { name: '下一步怎么做' }).waitFor();
        expect(await answer.textContent()).toContain('时限');
        await page.getByRole('heading', { name: '法律依据' }).waitFor();
        // Services not open yet are shown, with the reason, not hidden or broken.
        expect(await page.getByRole('button', { name: /找律师视频咨询/ }).textContent()).toMatch(
          /即将开放|暂时不能使用|本机未开通/,
        );
        // Take it with you: a phone scanning the code gets the question and what the answer rests on (no hub on the demo terminal).
        const answerCode = await readQrCode(page.getByTestId('take-away-code'));
        expect(answerCode).toMatch(new RegExp(`^问：${question.replace(/[?？()（）]/g, '.')}\n`));
        expect(answerCode).toContain('劳动合同法第三十条');

        const citation = page.getByRole('button', { name: '劳动合同法 第三十条' });
        await citation.scrollIntoViewIfNeeded();
        await expectTouchTarget(page, '劳动合同法 第三十条');
        await citation.tap();

        // The article: law and number as the heading, the full text, the law's title and version date.
        await expect.poll(() => heading1(page).textContent()).toBe('劳动合同法 第三十条');
        const article = page.getByTestId('article');
        await expect.poll(() => page.getByTestId('article-text').textContent()).toContain('劳动报酬');
        expect(await article.textContent()).toContain('中华人民共和国劳动合同法');
        expect(await article.textContent()).toContain('版本日期：2012年12月28日');
        // The code holds the article itself: it is short enough to scan from the screen.
        const shown = await api<{ text: string }>('/api/content/article', {
          articleId: await articleIdOf('劳动合同法', '第三十条'),
        });
        expect(await readQrCode(page.getByTestId('take-away-code'))).toBe(
          `中华人民共和国劳动合同法（2012-12-28）\n第三十条 ${shown.text}`,
        );
        const bodySize = await page
          .getByTestId('article-text')
          .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(bodySize).toBeGreaterThanOrEqual(24);

        await page.getByRole('button', { name: /打印这一条/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('打印');
        const paper = page.getByRole('figure', { name: '打印预览' });
        await paper.waitFor();
        await expect.poll(() => paper.textContent()).toContain('劳动合同法 第三十条');
        expect(await paper.textContent()).toContain('无人律所演示终端');

        await page.getByRole('button', { name: '打印', exact: true }).tap();
        await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
        await expect
          .poll(async () => (await printJobs()).filter((j) => !jobsBefore.has(j.id)).map((j) => [j.title, j.state]), {
            timeout: 10_000,
          })
          .toEqual([['劳动合同法 第三十条', 'printed']]);

        // Finish: the kiosk asks for a rating (one tap to skip), then forgets the session and plays the attract loop.
        await page.getByTestId('session-finish').tap();
        await page.getByTestId('finish-rating').waitFor();
        await page.getByTestId('rating-skip').tap();
        await page.getByTestId('attract').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe(`法规查询 by touch, ${label}`, () => {
    it('category → 劳动合同法 → jump to 第三十条 → A+ makes the text larger', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^法规查询/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('法规查询');
        await page.getByRole('button', { name: /^社会法/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('社会法');
        const law = page.getByRole('button', { name: /^中华人民共和国劳动合同法/ });
        expect(await law.textContent()).toContain('2012年12月28日');
        await law.tap();

        await expect.poll(() => heading1(page).textContent()).toBe('劳动合同法');
        const reader = page.getByTestId('law-reader');
        expect(await reader.textContent()).toContain('版本日期：2012年12月28日');

        await page.getByRole('button', { name: /跳到第几条/ }).tap();
        for (const key of ['3', '0']) await page.getByRole('button', { name: key, exact: true }).tap();
        await expect.poll(() => page.getByTestId('jump-display').textContent()).toContain('第三十条');
        await page.getByRole('button', { name: /跳转/ }).tap();

        // 第三十条 is on screen, at the top of the text, marked in words as the one asked for.
        const articles = page.getByRole('region', { name: '法律条文' });
        const target = articles.locator('article[data-target="true"]');
        await expect.poll(() => target.textContent()).toContain('您要看的这一条');
        expect(await target.textContent()).toContain('第三十条');
        expect(await target.textContent()).toContain('劳动报酬');
        const inView = async (): Promise<boolean> => {
          const [box, area] = await Promise.all([target.boundingBox(), articles.boundingBox()]);
          return box !== null && area !== null && box.y >= area.y - 1 && box.y < area.y + area.height / 2;
        };
        await expect.poll(inView).toBe(true);

        const size = () =>
          target
            .locator('p')
            .last()
            .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        const before = await size();
        expect(before).toBeGreaterThanOrEqual(24);
        await page.getByRole('button', { name: /字变大/ }).tap();
        await expect.poll(size).toBeGreaterThan(before);
        // A larger text keeps the reader's place.
        await expect.poll(inView).toBe(true);

        // The chapters to jump to.
        await page.getByRole('button', { name: /目录/ }).tap();
        await page.getByRole('button', { name: /第五章 特别规定/ }).tap();
        await expect.poll(() => target.textContent()).toContain('第五十一条');

        // "Find in this law", with a physical keyboard for now.
        await page.getByRole('searchbox', { name: '在本法中查找' }).tap();
        await page.keyboard.type('支付令');
        await expect.poll(() => articles.textContent()).toContain('有 1 条含有“支付令”');
        expect(await articles.locator('mark').first().textContent()).toBe('支付令');

        await page.getByRole('button', { name: '首页' }).tap();
        await page.getByTestId('home').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
}

describe('the whole Civil Code in the reader, portrait', () => {
  // Over a thousand articles, laid out only near the view: a jump far into it must still land at the top, and stay there.
  it('jumps to 第一千零七十九条, comes back to it from the contents, and keeps it in view when the text grows', async () => {
    const { context, page, errors } = await openHome(PORTRAIT);
    try {
      await page.getByRole('button', { name: /^法规查询/ }).tap();
      await page.getByRole('button', { name: /^民法/ }).first().tap();
      await page.getByRole('button', { name: /^中华人民共和国民法典/ }).tap();
      await expect.poll(() => heading1(page).textContent()).toBe('民法典');

      const articles = page.getByRole('region', { name: '法律条文' });
      const target = articles.locator('article[data-target="true"]');
      const inView = async (): Promise<boolean> => {
        const [box, area] = await Promise.all([target.boundingBox(), articles.boundingBox()]);
        return box !== null && area !== null && box.y >= area.y - 1 && box.y < area.y + area.height / 2;
      };

      await page.getByRole('button', { name: /跳到第几条/ }).tap();
      for (const key of ['1', '0', '7', '9']) await page.getByRole('button', { name: key, exact: true }).tap();
      await page.getByRole('button', { name: /跳转/ }).tap();
      await expect.poll(() => target.textContent()).toContain('第一千零七十九条');
      expect(await target.textContent()).toContain('离婚');
      await expect.poll(inView).toBe(true);

      // The contents, and back to the text at 第一编 总则, far from there.
      await page.getByRole('button', { name: /目录/ }).tap();
      await page.getByTestId('reader-contents-panel').getByRole('button', { name: /总则/ }).first().tap();
      await expect.poll(() => target.textContent()).toContain('第一条');
      await expect.poll(inView).toBe(true);

      await page.getByRole('button', { name: /字变大/ }).tap();
      await expect.poll(inView).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a guide, found by search', () => {
  it('shows its steps, a code with them for the phone, and prints them', async () => {
    const { context, page, errors } = await openHome(PORTRAIT);
    try {
      await page.getByTestId('search-input').tap();
      await page.keyboard.insertText('劳动仲裁');
      await page.keyboard.press('Enter');
      const guides = page.getByTestId('results-guide').getByRole('button');
      await guides.first().waitFor({ timeout: 10_000 });
      await guides.first().tap();
      // The heading is the guide's title once it has loaded (the code appears with it).
      await page.getByTestId('take-away-code').waitFor();
      const title = (await heading1(page).textContent())!;
      const code = await readQrCode(page.getByTestId('take-away-code'));
      expect(code?.startsWith(`${title}\n`), String(code)).toBe(true);

      const printedBefore = (await printJobs()).filter((j) => j.state === 'printed').length;
      await page.getByRole('button', { name: /打印这份指南/ }).tap();
      const paper = page.getByRole('figure', { name: '打印预览' });
      await expect.poll(() => paper.textContent()).toContain('办理步骤');
      await page.getByRole('button', { name: '打印', exact: true }).tap();
      await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
      await expect
        .poll(async () => (await printJobs()).filter((j) => j.state === 'printed').length)
        .toBe(printedBefore + 1);
      expect((await printJobs()).at(-1)).toMatchObject({ title, state: 'printed' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('printing when the printer has no paper', () => {
  it('keeps the job, says why in plain words, and prints it once paper is back', async () => {
    const { context, page } = await openHome(PORTRAIT);
    try {
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByRole('button', { name: /^劳动工资/ }).tap();
      await page.getByRole('button', { name: '老板拖欠工资' }).tap();
      await page.getByRole('button', { name: await questionCitingArticle30() }).tap();
      await page.getByRole('button', { name: /打印这条解答/ }).tap();
      await page.getByRole('figure', { name: '打印预览' }).waitFor();

      await simulate({ printer: { paper: 'out' } });
      try {
        // Told before printing, not halfway through.
        await page.getByText('这台机器暂时不能打印').waitFor({ timeout: 10_000 });
        expect(await page.getByTestId('print').textContent()).toContain('打印机缺纸');
        await page.getByRole('button', { name: '打印', exact: true }).tap();
        const status = page.getByTestId('print-status');
        await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('打印机缺纸 — 请找工作人员');
        expect(await status.textContent()).toContain('不会丢失');
      } finally {
        await simulate({ printer: { paper: 'ok' } });
      }
      await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});

describe('in English', () => {
  it('translates the screens around the answer; the answer and the law stay in Chinese', async () => {
    const { context, page } = await openHome(LANDSCAPE);
    try {
      await page.getByTestId('language-switch').tap();
      await page.getByRole('button', { name: /^Legal Q&A/ }).tap();
      await page.getByRole('button', { name: /^Work and wages/ }).tap();
      await page.getByRole('button', { name: 'My employer owes me wages' }).tap();
      const question = await questionCitingArticle30();
      await page.getByRole('button', { name: question }).tap();
      await page.getByRole('heading', { name: 'What to do next' }).waitFor();
      await page.getByRole('heading', { name: 'The law behind this answer' }).waitFor();
      expect(await heading1(page).textContent()).toBe(question);
      await page.getByRole('button', { name: '劳动合同法 第三十条' }).tap();
      await expect.poll(() => page.getByTestId('article').textContent()).toContain('Version of 28 December 2012');
      expect(await page.getByTestId('article-text').textContent()).toContain('劳动报酬');
    } finally {
      await context.close();
    }
  });
});
