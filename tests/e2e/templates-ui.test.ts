import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PrintJob } from '../../common/api/devices';
import { expectAccessible, type Mode } from './a11y';
import { useKiosk } from './fixture';
import { expectProblemBetween } from './flow-checks';
import { callApi, openHome as openHomeScreen, LANDSCAPE, PORTRAIT, wakeKiosk } from './harness';

/**
 * 文书模板 by touch on the real service in Debian's Chromium, in both
 * orientations: from the home screen to the 借条, filled one item at a time —
 * the borrower from the (simulated) ID card, the lender's name by pinyin, the
 * numbers on the digit pad, the amount written out in capitals as it is typed
 * — a wrong ID number told at its item in plain words, then the preview and
 * the printed document. Then the service's own check sending the citizen back
 * to the first wrong item, the card data gone after 结束使用, and axe and the
 * size rules on every step in standard mode and 长辈模式.
 */
/** The printer is on a real serial line, so what reached paper can be decoded. */
const { kiosk, browser, paper: onPaper } = useKiosk({ browser: true, printer: 'serial' });

const api = <T>(path: string, body?: unknown) => callApi<T>(kiosk, path, body);
const simulate = (body: unknown) => callApi(kiosk, '/api/simulate', body);
const openHome = (viewport: { width: number; height: number }) => openHomeScreen(browser, kiosk, viewport);
const printJobs = async (): Promise<PrintJob[]> => (await api<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs;
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The sample card mainlandLongTerm (common/idcard/sample-cards.ts): fictional. */
const CARD = { name: '李秀英', idNumber: '420111195003080241', address: '湖北省武汉市洪山区珞喻路1037号' };
const CAPITALS = '壹万贰仟叁佰肆拾伍元陆角';

async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const ch of keys) await page.getByTestId(`kb-key-${ch}`).tap();
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Opens the keyboard on the item's input, types on it, and leaves it with 完成. */
async function typeInto(page: Page, testId: string, keys: string): Promise<void> {
  await page.getByTestId(testId).tap();
  await page.getByTestId('keyboard').waitFor();
  await tapKeys(page, keys);
  await page.getByTestId('kb-done').tap();
  await expect.poll(() => activeTestId(page)).not.toBe(testId);
}

const progress = (page: Page) => page.getByTestId('field-progress').textContent();
const itemLabel = (page: Page) => page.getByTestId('field').getByRole('heading', { level: 2 }).textContent();

async function next(page: Page, expected: string): Promise<void> {
  await page.getByTestId('field-next').tap();
  await expect.poll(() => progress(page)).toBe(expected);
}

/** The keyboard never covers the item it types into. */
async function expectFieldAboveKeyboard(page: Page, testId: string): Promise<void> {
  const field = (await page.getByTestId(testId).boundingBox())!;
  const keys = (await page.getByTestId('keyboard').boundingBox())!;
  expect(field.y + field.height, `${testId} above the keyboard`).toBeLessThanOrEqual(keys.y + 1);
  expect(field.y, `${testId} on screen`).toBeGreaterThanOrEqual(0);
}

async function openIou(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^文书模板/ }).tap();
  await expect.poll(() => heading1(page).textContent()).toBe('文书模板');
  await page.getByRole('button', { name: /^借条/ }).tap();
  await expect.poll(() => heading1(page).textContent()).toBe('借条');
}

for (const [label, viewport] of [
  ['portrait 1080×1920', PORTRAIT],
  ['landscape 1920×1080', LANDSCAPE],
] as const) {
  describe(`文书模板 by touch, ${label}`, () => {
    it(
      'home → 文书模板 → 借条 → card, pinyin and digits → a wrong ID number at its item → fixed → preview → printed',
      { timeout: 120_000 },
      async () => {
        // Jobs of earlier sessions: a page that loads ends the session before it, which forgets them.
        const jobsBefore = new Set((await printJobs()).map((j) => j.id));
        const { context, page, errors } = await openHome(viewport);
        try {
          await page.getByRole('button', { name: /^文书模板/ }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('文书模板');
          // Under their categories, each with the law it rests on.
          for (const category of ['借贷', '婚姻家庭', '劳动', '法律援助'])
            await page.getByRole('heading', { level: 2, name: category }).waitFor();
          const iou = page.getByRole('button', { name: /^借条/ });
          expect(await iou.textContent()).toContain('依据：民法典 第六百六十八条');
          await iou.tap();

          // The introduction: when to use it, what to check, the law as a button to its text.
          await expect.poll(() => heading1(page).textContent()).toBe('借条');
          await page.getByRole('heading', { name: '什么时候用' }).waitFor();
          await page.getByRole('heading', { name: '要注意什么' }).waitFor();
          expect(await page.getByTestId('document').textContent()).toContain('借款金额的数字和大写要一致');
          await page.getByRole('button', { name: '民法典 第六百六十八条' }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('民法典 第六百六十八条');
          await page.getByRole('button', { name: /^返回/ }).tap();
          await expect.poll(() => heading1(page).textContent()).toBe('借条');
          await page.getByRole('button', { name: '开始填写' }).tap();

          // 1–3: the borrower, from the ID card, after the notice and a tap to agree.
          await expect.poll(() => progress(page)).toBe('第 1 项，共 12 项');
          expect(await itemLabel(page)).toBe('借款人姓名');
          await page.getByRole('button', { name: '读身份证填写借款人的信息' }).tap();
          const card = page.getByTestId('card-step');
          await expect.poll(() => card.getAttribute('data-phase')).toBe('notice');
          expect(await card.textContent()).toContain('借款人身份证号码');
          expect(await card.textContent()).toContain('本机不保存');
          await page.getByRole('button', { name: '同意，读身份证' }).tap();
          await page.getByText('请把借款人的身份证放在读卡区').waitFor();
          await cardFills(page, 3);
          await page.getByRole('button', { name: '开始核对' }).tap();
          await expect.poll(() => progress(page)).toBe('第 1 项，共 12 项');
          expect(await page.getByTestId('field-input').inputValue()).toBe(CARD.name);
          await next(page, '第 2 项，共 12 项');
          expect(await page.getByTestId('field-input').inputValue()).toBe(CARD.idNumber);
          await next(page, '第 3 项，共 12 项');
          expect(await page.getByTestId('field-input').inputValue()).toBe(CARD.address);
          await next(page, '第 4 项，共 12 项');

          // 4: a phone number on the digit pad.
          expect(await itemLabel(page)).toBe('借款人联系电话');
          await page.getByTestId('field-input').tap();
          await page.getByTestId('keyboard').waitFor();
          expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('digits');
          await expectFieldAboveKeyboard(page, 'field-input');
          await tapKeys(page, '13800138000');
          await page.getByTestId('kb-done').tap();
          await next(page, '第 5 项，共 12 项');

          // 5: the lender's name by pinyin: l-i-s-i → 李四.
          expect(await itemLabel(page)).toBe('出借人姓名');
          await page.getByTestId('field-input').tap();
          await tapKeys(page, 'lisi');
          await page
            .locator('[data-testid^="kb-candidate-"]')
            .filter({ hasText: /^李四$/ })
            .tap();
          await page.getByTestId('kb-done').tap();
          expect(await page.getByTestId('field-input').inputValue()).toBe('李四');
          await next(page, '第 6 项，共 12 项');

          // 6: a wrong ID number is told at its item, in plain words, and the form stays there.
          expect(await itemLabel(page)).toBe('出借人身份证号码');
          await typeInto(page, 'field-input', '110105194912310021');
          await page.getByTestId('field-next').tap();
          const error = page.getByTestId('field').getByTestId('field-problem');
          await expect.poll(() => error.textContent()).toBe('号码有一位写错了，请对着身份证一位一位核对。');
          expect(await progress(page)).toBe('第 6 项，共 12 项');
          expect(await page.getByTestId('field-input').getAttribute('aria-invalid')).toBe('true');
          expect(await page.getByTestId('field').textContent()).toContain('核对：110105 19491231 0021');
          // Fixed: the last character is X.
          await page.getByTestId('field-input').tap();
          await page.getByTestId('kb-clear').tap();
          await tapKeys(page, '11010519491231002X');
          await page.getByTestId('kb-done').tap();
          expect(await error.count()).toBe(0);
          await next(page, '第 7 项，共 12 项');

          // 7: the amount, with the capitals written out while it is typed.
          expect(await itemLabel(page)).toBe('借款金额（元）');
          await page.getByTestId('field-input').tap();
          await tapKeys(page, '12345');
          await expect
            .poll(() => page.getByTestId('amount-capitals').textContent())
            .toBe('大写：壹万贰仟叁佰肆拾伍元整');
          await tapKeys(page, '.60');
          await expect.poll(() => page.getByTestId('amount-capitals').textContent()).toBe(`大写：${CAPITALS}`);
          await expectFieldAboveKeyboard(page, 'amount-capitals');
          await page.getByTestId('kb-done').tap();
          await next(page, '第 8 项，共 12 项');

          // 8: a date in three boxes; 完成 goes on from the year to the month and the day.
          expect(await itemLabel(page)).toBe('收到借款的日期');
          await page.getByTestId('date-year').tap();
          await tapKeys(page, '2024');
          await page.getByTestId('kb-done').tap();
          await expect.poll(() => activeTestId(page)).toBe('date-month');
          await tapKeys(page, '3');
          await page.getByTestId('kb-done').tap();
          await tapKeys(page, '5');
          await page.getByTestId('kb-done').tap();
          await page.getByText('填的是：2024年3月5日').waitFor();
          await next(page, '第 9 项，共 12 项');

          // 9: a choice as big buttons.
          await page.getByRole('button', { name: /^银行转账/ }).tap();
          expect(await page.getByRole('button', { name: /^银行转账/ }).getAttribute('aria-pressed')).toBe('true');
          await next(page, '第 10 项，共 12 项');
          // 10, 11: may be left empty.
          expect(await page.getByTestId('field').textContent()).toContain('可以不填');
          await next(page, '第 11 项，共 12 项');
          await next(page, '第 12 项，共 12 项');

          // 12: the repayment date; the last item leads to the preview.
          await typeInto(page, 'date-year', '2025');
          await typeInto(page, 'date-month', '3');
          await typeInto(page, 'date-day', '5');
          await page.getByRole('button', { name: '填好了，看效果' }).tap();

          // The preview: the document as it will print, checked by the service.
          const paper = page.getByRole('figure', { name: '文书预览' });
          await paper.waitFor();
          const text = (await paper.textContent()) ?? '';
          expect(text).toContain(CAPITALS);
          expect(text).toContain('李四');
          expect(text).toContain(CARD.name);
          expect(text).toContain('2024年3月5日');
          expect(text).toContain('《中华人民共和国民法典》第六百六十八');

          // 扫码带走: a whole 借条 is too long for a code read from the screen: print it.
          await page.getByRole('button', { name: '扫码带走' }).tap();
          await expect.poll(() => page.getByTestId('document-code').getAttribute('data-code-kind')).toBe('too-long');
          expect(await page.getByTestId('document-code').textContent()).toContain('放不进二维码');

          await page.getByRole('button', { name: '打印文书' }).tap();
          await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
          const newJobs = async () => (await printJobs()).filter((j) => !jobsBefore.has(j.id));
          await expect
            .poll(async () => (await newJobs()).map((j) => [j.title, j.state]), { timeout: 10_000 })
            .toEqual([['借条', 'printed']]);
          // The bytes that reached the printer decode to the amount in capitals and the parties.
          expect(onPaper.printed()).toContain(CAPITALS);
          expect(onPaper.printed()).toContain(CARD.name);
          // A document is the citizen's own: the parties' ID numbers print whole, unlike on any receipt.
          expect(onPaper.printed()).toContain(CARD.idNumber);

          await page.getByRole('button', { name: '首页' }).tap();
          await page.getByTestId('home').waitFor();
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
}

describe('the service’s check and the end of the session', () => {
  it(
    'a preview asked for too early goes back to the first missing item, focused; 结束使用 forgets the card',
    { timeout: 90_000 },
    async () => {
      const { context, page, errors } = await openHome(PORTRAIT);
      try {
        await openIou(page);
        await page.getByRole('button', { name: '读身份证填写' }).tap();
        // Whose card: one card fills one party only.
        await page.getByRole('button', { name: '出借人的身份证' }).tap();
        await page.getByRole('button', { name: '同意，读身份证' }).tap();
        await cardFills(page, 2);
        await page.getByRole('button', { name: '开始核对' }).tap();
        expect(await itemLabel(page)).toBe('出借人姓名');
        expect(await page.getByTestId('field-input').inputValue()).toBe(CARD.name);

        // All items at a glance; the preview asked for with most of them empty.
        await page.getByRole('button', { name: '查看全部' }).tap();
        const overview = page.getByTestId('overview');
        expect(await overview.getByTestId('overview-lender.name').textContent()).toContain(CARD.name);
        expect(await overview.getByTestId('overview-borrower.name').textContent()).toContain('还没有填');
        await page.getByRole('button', { name: '填好了，看效果' }).tap();
        // The service says what is missing; the first such item opens, its input focused (the keyboard is up).
        await expect.poll(() => progress(page)).toBe('第 1 项，共 12 项');
        await expect
          .poll(() => page.getByTestId('field').getByTestId('field-problem').textContent())
          .toBe('这一项必须填写。');
        await expect.poll(() => activeTestId(page)).toBe('field-input');
        await page.getByTestId('keyboard').waitFor();
        await expectFieldAboveKeyboard(page, 'field-input');
        await page.getByTestId('kb-hide').tap();
        await page.getByRole('button', { name: '查看全部' }).tap();
        expect(await page.getByTestId('document').textContent()).toContain('有 8 项要修改，已经标出来了。');

        // 结束使用: the next citizen finds nothing of this one.
        await page.getByTestId('session-finish').tap();
        await page.getByTestId('attract').waitFor();
        await wakeKiosk(page);
        await openIou(page);
        await page.getByRole('button', { name: '开始填写' }).tap();
        await page.getByRole('button', { name: '查看全部' }).tap();
        expect(await overview.textContent()).not.toContain(CARD.name);
        expect(errors).toEqual([]);
        // Nor does the service's log.
        const log = [...kiosk.stdout, ...kiosk.stderr].join('\n');
        expect(log).not.toContain(CARD.name);
        expect(log).not.toContain(CARD.idNumber);
      } finally {
        await context.close();
      }
    },
  );
});

describe('in English', () => {
  it('translates the steps around the template; the template itself stays in Chinese', async () => {
    const { context, page, errors } = await openHome(LANDSCAPE);
    try {
      await page.getByTestId('language-switch').tap();
      await page.getByRole('button', { name: /^Legal forms/ }).tap();
      await page.getByRole('button', { name: /^借条/ }).tap();
      await page.getByRole('heading', { name: 'What to check' }).waitFor();
      await page.getByRole('button', { name: 'Start filling in' }).tap();
      await expect.poll(() => progress(page)).toBe('Item 1 of 12');
      await page.getByRole('button', { name: 'Next item' }).tap();
      await expect
        .poll(() => page.getByTestId('field').getByTestId('field-problem').textContent())
        .toBe('This item must be filled in.');
      expect(await itemLabel(page)).toBe('借款人姓名');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  for (const mode of ['standard', 'elderly'] as const satisfies readonly Mode[]) {
    describe(`accessibility of 文书模板, ${mode} mode, ${orientation}`, () => {
      it('every step passes axe and the size rules', { timeout: 120_000 }, async () => {
        const { context, page, errors } = await openHomeScreen(browser, kiosk, viewport, { forAxe: true });
        try {
          if (mode === 'elderly') {
            await page.getByTestId('elderly-toggle').tap();
            await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
          }
          const check = async (screen: string): Promise<void> => {
            await expectAccessible(page, mode, `${orientation}-${mode}-${screen}`);
          };

          await page.getByRole('button', { name: /^文书模板/ }).tap();
          await page.getByRole('button', { name: /^借条/ }).waitFor();
          await check('documents');
          await page.getByRole('button', { name: /^借条/ }).tap();
          await page.getByRole('heading', { name: '要注意什么' }).waitFor();
          await check('document-intro');

          await page.getByRole('button', { name: '读身份证填写' }).tap();
          await page.getByRole('button', { name: '借款人的身份证' }).waitFor();
          await check('document-card-choose');
          await page.getByRole('button', { name: '借款人的身份证' }).tap();
          await page.getByRole('button', { name: '同意，读身份证' }).waitFor();
          await check('document-card-notice');
          await page.getByRole('button', { name: '不用了，自己填写' }).tap();

          await page.getByRole('button', { name: '开始填写' }).tap();
          await page.getByTestId('field-input').tap();
          await page.getByTestId('keyboard').waitFor();
          await expectFieldAboveKeyboard(page, 'field-input');
          await check('document-field-keyboard');
          await page.getByTestId('kb-hide').tap();
          // An item with an error.
          await page.getByTestId('field-next').tap();
          await page.getByTestId('field').getByTestId('field-problem').waitFor();
          await check('document-field-error');

          // The amount, on the digit pad, with its capitals.
          await page.getByRole('button', { name: '查看全部' }).tap();
          await page.getByTestId('overview-loan.amount').tap();
          await page.getByTestId('field-input').tap();
          await tapKeys(page, '12345.6');
          await expect.poll(() => page.getByTestId('amount-capitals').textContent()).toBe(`大写：${CAPITALS}`);
          await expectFieldAboveKeyboard(page, 'amount-capitals');
          await check('document-amount');
          await page.getByTestId('kb-done').tap();
          await page.getByTestId('field-next').tap();
          await page.getByTestId('date-year').waitFor();
          await check('document-date');
          await page.getByTestId('field-next').tap();
          await page.getByTestId('field').getByTestId('field-problem').waitFor();
          await page.getByTestId('date-today').tap();
          await page.getByTestId('field-next').tap();
          await page.getByRole('button', { name: /^现金/ }).tap();
          await check('document-choice');

          await page.getByRole('button', { name: '查看全部' }).tap();
          await page.getByTestId('overview').waitFor();
          await check('document-overview');

          // The preview: the rest filled in quickly (the touch path is tested above).
          await typeFromOverview(page, PARTIES);
          await dueDateToPreview(page);
          await page.getByRole('button', { name: '扫码带走' }).tap();
          await page.getByTestId('document-code').waitFor();
          await check('document-preview');
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });
  }
}

/** The sample card on the reader until the step says it filled `count` items; then it is taken off again. */
async function cardFills(page: Page, count: number): Promise<void> {
  await simulate({ idcard: 'mainlandLongTerm' });
  try {
    await page.getByText(`已经填好 ${count} 项，请一项一项核对。`).waitFor({ timeout: 10_000 });
  } finally {
    await simulate({ idcard: null });
  }
}

/** The parties' items of the 借条, as they are typed in quickly from the list of all items. */
const PARTIES: readonly [string, string][] = [
  ['borrower.name', '张三'],
  ['borrower.idNumber', '11010519491231002X'],
  ['borrower.address', '湖北省武汉市洪山区珞喻路1号'],
  ['borrower.phone', '13800138000'],
  ['lender.name', '李四'],
  ['lender.idNumber', '420111195003080241'],
];

/** Types each item's answer from the list of all items (the touch path is tested above), back on the list after each. */
async function typeFromOverview(page: Page, items: readonly [string, string][]): Promise<void> {
  for (const [id, value] of items) {
    await page.getByTestId(`overview-${id}`).tap();
    await page.getByTestId('field-input').fill(value);
    await page.getByTestId('kb-hide').tap();
    await page.getByRole('button', { name: '查看全部' }).tap();
  }
}

/** From the list of all items: the repayment date, then the preview. */
async function dueDateToPreview(page: Page): Promise<void> {
  await page.getByTestId('overview-loan.due').tap();
  await typeInto(page, 'date-year', '2099');
  await typeInto(page, 'date-month', '1');
  await typeInto(page, 'date-day', '1');
  await page.getByRole('button', { name: '填好了，看效果' }).tap();
  await page.getByRole('figure', { name: '文书预览' }).waitFor();
}

/** From the 借条's introduction to its preview, every item filled. */
async function fillIouToPreview(page: Page): Promise<void> {
  await page.getByRole('button', { name: '开始填写' }).tap();
  await page.getByRole('button', { name: '查看全部' }).tap();
  await typeFromOverview(page, [...PARTIES, ['loan.amount', '12345.6']]);
  await page.getByTestId('overview-loan.date').tap();
  await page.getByTestId('date-today').tap();
  await page.getByTestId('field-next').tap();
  await page.getByRole('button', { name: /^现金/ }).tap();
  await page.getByRole('button', { name: '查看全部' }).tap();
  await dueDateToPreview(page);
}

describe('what is wrong with an item', () => {
  it('is said under the item’s name and above its input, which points at it', async () => {
    const { context, page, errors } = await openHome(PORTRAIT);
    try {
      await openIou(page);
      await page.getByRole('button', { name: '开始填写' }).tap();
      await page.getByTestId('field-next').tap();
      const field = page.getByTestId('field');
      const problem = field.getByTestId('field-problem');
      await expect.poll(() => problem.textContent()).toBe('这一项必须填写。');
      await expectProblemBetween(field.getByRole('heading', { level: 2 }), problem, page.getByTestId('field-input'));
      // At a glance too: the entry points at what is wrong with it.
      await page.getByRole('button', { name: '查看全部' }).tap();
      const entry = page.getByTestId('overview-borrower.name');
      const listed = page.getByTestId('overview').getByTestId('field-problem');
      await expect.poll(() => listed.count()).toBe(1);
      expect(await entry.getAttribute('aria-describedby')).toBe(await listed.getAttribute('id'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('reading a card for a document', () => {
  it('stops waiting after 90 seconds, says so, and reads the card on 再试一次', { timeout: 90_000 }, async () => {
    // How long the step waits (CARD_WAIT_MS in renderer/flow/id-card/use-id-card.ts).
    const cardWaitMs = 90_000;
    // The app's timers run on Playwright's clock: the wait takes no real time. axe checks the step once it stopped.
    const { context, page, errors } = await openHomeScreen(browser, kiosk, PORTRAIT, { forAxe: true, fakeClock: true });
    try {
      await openIou(page);
      await page.getByRole('button', { name: '读身份证填写' }).tap();
      await page.getByRole('button', { name: '借款人的身份证' }).tap();
      await page.getByRole('button', { name: '同意，读身份证' }).tap();
      const step = page.getByTestId('card-step');
      await expect.poll(() => step.getAttribute('data-phase')).toBe('waiting');

      await page.clock.fastForward(cardWaitMs - 5000);
      expect(await step.getAttribute('data-phase')).toBe('waiting');
      await page.clock.fastForward(5000);
      await expect.poll(() => step.getAttribute('data-phase')).toBe('timeout');
      expect(await step.getByRole('status').textContent()).toBe('一直没有读到身份证');
      expect(await step.textContent()).toContain('再试一次');
      await expectAccessible(page, 'standard', 'portrait-standard-document-card-timeout');

      await page.getByRole('button', { name: '再试一次' }).tap();
      await expect.poll(() => step.getAttribute('data-phase')).toBe('waiting');
      await page.getByText('请把借款人的身份证放在读卡区').waitFor();
      await cardFills(page, 3);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a document the printer cannot print now', () => {
  it('says why in words before and after 打印文书, keeps the job and prints it once there is paper', async () => {
    const { context, page, errors } = await openHome(PORTRAIT);
    const printerState = async () =>
      (await api<{ devices: { device: string; state?: string }[] }>('/api/devices')).devices.find(
        (d) => d.device === 'receiptPrinter',
      )?.state;
    try {
      await openIou(page);
      await fillIouToPreview(page);
      const paperBefore = onPaper.printed().length;
      onPaper.setPaper('out');
      try {
        await expect.poll(printerState, { timeout: 10_000 }).toBe('paper-out');
        await page.getByText('这台机器暂时不能打印').waitFor({ timeout: 10_000 });
        await page.getByRole('button', { name: '打印文书' }).tap();
        const status = page.getByTestId('print-status');
        await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('打印机缺纸 — 请找工作人员加纸');
        expect(await status.textContent()).toContain('打印机好了会自动打印，不会丢失');
      } finally {
        onPaper.setPaper('ok');
      }
      await page.getByText('打印好了，请取走回执').waitFor({ timeout: 20_000 });
      await expect.poll(() => onPaper.printed().slice(paperBefore), { timeout: 10_000 }).toContain(CAPITALS);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
