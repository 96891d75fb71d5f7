import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PrintJob } from '../../common/api/devices';
import { DirectoryResponse } from '../../common/api/directory';
import { expectAccessible } from './a11y';
import { useKiosk } from './fixture';
import { expectProblemBetween } from './flow-checks';
import { apiAnswer, callApi, openHome as openHomeScreen, LANDSCAPE, PORTRAIT, readQrCode } from './harness';

/**
 * 机构查询 and 算一算 on the real service in Debian's Chromium, by touch
 * alone, in both orientations: from a kind of office to the list (nearest
 * first, sample data said in words) to one office, whose QR code a phone
 * reads as its map link, onto paper; and from 智能咨询 to the calculators,
 * numbers typed on the kiosk's own keyboard, to an estimate with its steps
 * and the article it rests on. Then axe and the size rules on every one of
 * these screens, in standard mode and in 长辈模式, with screenshots.
 */
const { kiosk, browser } = useKiosk({ browser: true });

const api = <T>(path: string, body?: unknown) => callApi<T>(kiosk, path, body);
const openHome = (viewport: { width: number; height: number }) => openHomeScreen(browser, kiosk, viewport);
const printJobs = async (): Promise<PrintJob[]> => (await api<{ jobs: PrintJob[] }>('/api/print/jobs')).jobs;
const directory = async (body: unknown) => DirectoryResponse.parse(await api('/api/content/directory', body));
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectTouchTarget(page: Page, name: string | RegExp): Promise<void> {
  const box = await page.getByRole('button', { name }).first().boundingBox();
  expect(box, String(name)).not.toBeNull();
  expect(box!.height, String(name)).toBeGreaterThanOrEqual(64);
  expect(box!.width, String(name)).toBeGreaterThanOrEqual(64);
}

/** Digits on the on-screen keyboard's 123 layout, one tap each. */
async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const ch of digits) await page.getByTestId(`kb-key-${ch}`).tap();
}

/** The keyboard, docked at the bottom, never covers the field it types into. */
async function expectFieldAboveKeyboard(page: Page, testId: string): Promise<void> {
  const field = (await page.getByTestId(testId).boundingBox())!;
  const keys = (await page.getByTestId('keyboard').boundingBox())!;
  expect(field.y + field.height, `${testId} above the keyboard`).toBeLessThanOrEqual(keys.y + 1);
  expect(field.y, `${testId} on screen`).toBeGreaterThanOrEqual(0);
}

/** Types a number into a field with the 123 keyboard (clearing what was there), then closes the keyboard with 完成. */
async function typeNumber(
  page: Page,
  testId: string,
  digits: string,
  opts: { noExtraKeys?: boolean } = {},
): Promise<void> {
  await page.getByTestId(testId).tap();
  await page.getByTestId('keyboard').waitFor();
  expect(await page.getByTestId('keyboard').getAttribute('data-mode')).toBe('digits');
  // A date or a number of hours has no X or - to type by mistake.
  if (opts.noExtraKeys) expect(await page.getByTestId('kb-key-X').count()).toBe(0);
  await expectFieldAboveKeyboard(page, testId);
  await page.getByTestId('kb-clear').tap();
  await typeDigits(page, digits);
  await expect.poll(() => page.getByTestId(testId).inputValue()).toBe(digits);
  await page.getByTestId('kb-done').tap();
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
}

async function enterDate(page: Page, field: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  await typeNumber(page, `${field}-year`, String(year), { noExtraKeys: true });
  await typeNumber(page, `${field}-month`, String(month));
  await typeNumber(page, `${field}-day`, String(day));
}

async function printAndWait(page: Page, expectedTitle: string | RegExp): Promise<void> {
  const printedBefore = (await printJobs()).filter((j) => j.state === 'printed').length;
  await page.getByRole('button', { name: '打印', exact: true }).tap();
  await page.getByText('打印好了，请取走回执').waitFor({ timeout: 15_000 });
  await expect
    .poll(async () => (await printJobs()).filter((j) => j.state === 'printed').length, { timeout: 10_000 })
    .toBe(printedBefore + 1);
  expect((await printJobs()).at(-1)?.title).toMatch(expectedTitle);
}

for (const [label, viewport] of [
  ['portrait 1080×1920', PORTRAIT],
  ['landscape 1920×1080', LANDSCAPE],
] as const) {
  describe(`机构查询 by touch, ${label}`, () => {
    it('kinds → legal-aid centres, nearest first, sample data said in words → one office → its QR code is the map link → paper', async () => {
      const { entries } = await directory({ kind: 'legal-aid-centre' });
      expect(entries.length).toBeGreaterThan(1);
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^机构查询/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('机构查询');
        for (const kind of [
          '法律援助中心',
          '人民调解委员会',
          '公证处',
          '仲裁委员会',
          '公共法律服务中心',
          '律师事务所',
          '全部机构',
        ]) {
          await expectTouchTarget(page, new RegExp(`^${kind}`));
        }
        // Each kind says how many offices this terminal lists.
        await expect
          .poll(() => page.getByTestId('directory-kind-legal-aid-centre').textContent())
          .toContain(`${entries.length} 家`);
        await page.getByRole('button', { name: /^法律援助中心/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('法律援助中心');

        // Nearest first: this district's centre, then the city's, another district's, the province's — said in words.
        const cards = page.locator('.office-card');
        await cards.first().waitFor();
        expect(await cards.count()).toBe(entries.length);
        const names = await page.locator('.office-card__name').allTextContents();
        expect(names).toEqual(entries.map((e) => e.name));
        expect(names[0]).toBe('武汉市洪山区法律援助中心（演示数据）');
        const scopes = await page.getByTestId('office-scope').allTextContents();
        expect(scopes.map((s) => s.replace('服务范围：', ''))).toEqual(['本区', '本市', '本市其他区', '全省']);
        // Sample data, in words on every card (not only a colour).
        const demoBadges = page.getByTestId('office-demo');
        expect(await demoBadges.count()).toBe(entries.length);
        expect(await demoBadges.first().isVisible()).toBe(true);
        expect(await demoBadges.first().textContent()).toBe('演示数据');
        // The phone number in large type; the services as chips.
        const phone = cards.first().getByTestId('office-phone');
        expect(await phone.textContent()).toContain('027-0000-0101');
        expect(await phone.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);
        expect(await cards.first().locator('.office-chip').count()).toBe(entries[0]!.services.length);

        await cards.first().tap();
        await expect.poll(() => heading1(page).textContent()).toBe(entries[0]!.name);
        const office = page.getByTestId('directory-office');
        await page.getByTestId('office-demo-notice').waitFor();
        expect(await page.getByTestId('office-demo-notice').textContent()).toContain(
          '这是演示数据，不是核实过的真实机构。',
        );
        expect(await office.textContent()).toContain(entries[0]!.address);
        expect(await office.textContent()).toContain(entries[0]!.hours!);
        const bigPhone = office.getByTestId('office-phone');
        expect(await bigPhone.textContent()).toBe('027-0000-0101');
        expect(await bigPhone.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(48);
        // A phone scanning the code gets the office on the map.
        expect(await page.getByTestId('office-qr').getAttribute('data-code-kind')).toBe('map');
        expect(await readQrCode(page.getByTestId('office-qr-code'))).toBe(entries[0]!.mapUrl);

        await page.getByRole('button', { name: /打印机构信息/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('打印');
        const paper = page.getByRole('figure', { name: '打印预览' });
        await paper.waitFor();
        await expect.poll(() => paper.textContent()).toContain('机构信息');
        const paperText = (await paper.textContent())!.replace(/\s+/g, '');
        for (const expected of [
          '【演示数据】',
          '武汉市洪山区法律援助中心',
          '027-0000-0101',
          '扫码打开地图',
          '无人律所演示终端',
        ])
          expect(paperText, expected).toContain(expected);
        await printAndWait(page, /武汉市洪山区法律援助中心/);

        await page.getByRole('button', { name: '首页' }).tap();
        await page.getByTestId('home').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('an office without a map link: the code holds its name, address and phone as text', async () => {
      const { entries } = await directory({ kind: 'law-firm' });
      const firm = entries.find((e) => e.mapUrl === null)!;
      expect(firm).toBeDefined();
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^机构查询/ }).tap();
        await page.getByRole('button', { name: /^律师事务所/ }).tap();
        await page.getByTestId(`office-${firm.id}`).tap();
        await expect.poll(() => heading1(page).textContent()).toBe(firm.name);
        expect(await page.getByTestId('office-qr').getAttribute('data-code-kind')).toBe('text');
        expect(await readQrCode(page.getByTestId('office-qr-code'))).toBe(
          `${firm.name}\n地址：${firm.address}${firm.phone === null ? '' : `\n电话：${firm.phone}`}`,
        );
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe(`算一算 by touch, ${label}`, () => {
    it('智能咨询 → 算一算 → 经济补偿金 for 13.5 years above three times the local average: the capped figure, 第四十七条, back keeps the answers, paper', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^智能咨询/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('智能咨询');
        const open = page.getByRole('button', { name: '算一算：补偿金、加班费、诉讼费' });
        await open.scrollIntoViewIfNeeded();
        await expectTouchTarget(page, '算一算：补偿金、加班费、诉讼费');
        await open.tap();
        await expect.poll(() => heading1(page).textContent()).toBe('算一算');
        await page.getByRole('button', { name: /^经济补偿金/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('经济补偿金');

        // Nothing typed yet: "算一算" says what is missing, beside the field, in words.
        await page.getByTestId('calculate').tap();
        await page.getByTestId('error-summary').waitFor();
        expect(await page.getByTestId('field-startDate').getByTestId('field-problem').textContent()).toBe(
          '请填写这一项。',
        );

        // The terminal's configured local average is filled in, with where it comes from.
        expect(await page.getByTestId('localAverage').inputValue()).toBe('8000');
        expect(await page.getByTestId('field-localAverage').textContent()).toContain('来源：演示数据');

        await enterDate(page, 'startDate', '2010-01-01');
        await enterDate(page, 'endDate', '2023-06-30');
        // − and + move a date part one at a time.
        await page.getByTestId('endDate-day-minus').tap();
        await expect.poll(() => page.getByTestId('endDate-day').inputValue()).toBe('29');
        await page.getByTestId('endDate-day-plus').tap();
        await expect.poll(() => page.getByTestId('endDate-day').inputValue()).toBe('30');
        await typeNumber(page, 'averageWage', '30000');
        expect(await page.getByTestId('error-summary').count()).toBe(0);
        await page.getByTestId('calculate').tap();

        // 24,000 元 (three times 8,000) × 12 months, not 30,000 × 14.
        await expect.poll(() => heading1(page).textContent()).toBe('经济补偿金');
        const result = page.getByTestId('calculator-result');
        await expect.poll(() => page.getByTestId('calc-amount').textContent()).toBe('288,000.00 元');
        expect(
          await page.getByTestId('calc-amount').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
        ).toBeGreaterThanOrEqual(52);
        expect(await result.textContent()).toContain('大写：人民币贰拾捌万捌仟元整');
        expect(await page.getByTestId('calc-disclaimer').textContent()).toContain(
          '这是估算，具体以仲裁委/法院认定为准',
        );
        const steps = (await page.getByTestId('calc-steps').textContent())!;
        expect(steps).toContain('只能按三倍 24,000.00 元 算，而且最多算 12 年');
        expect(steps).toContain('共 13 年 6 个月 0 天');
        expect(steps).toContain('14 个月减为 12 个月');
        expect(steps).toContain('24,000.00 元 × 12 个月 = 288,000.00 元');
        expect(steps).toContain('依据：劳动合同法 第四十七条第二款');
        expect(await page.getByTestId('calc-notes').textContent()).toContain('没有判断您能不能拿到');

        const cite = page.getByRole('button', { name: '劳动合同法 第四十七条' });
        await cite.scrollIntoViewIfNeeded();
        await expectTouchTarget(page, '劳动合同法 第四十七条');
        await cite.tap();
        await expect.poll(() => heading1(page).textContent()).toBe('劳动合同法 第四十七条');
        await expect.poll(() => page.getByTestId('article-text').textContent()).toContain('经济补偿');
        // Back: the same estimate, and from it back to the form with every answer still there.
        await page.getByTestId('nav-back').tap();
        await expect.poll(() => page.getByTestId('calc-amount').textContent()).toBe('288,000.00 元');
        await page.getByTestId('calc-change').tap();
        await expect.poll(() => heading1(page).textContent()).toBe('经济补偿金');
        expect(await page.getByTestId('startDate-year').inputValue()).toBe('2010');
        expect(await page.getByTestId('averageWage').inputValue()).toBe('30000');
        await page.getByTestId('calculate').tap();
        await expect.poll(() => page.getByTestId('calc-amount').textContent()).toBe('288,000.00 元');

        await page.getByRole('button', { name: /打印计算结果/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('打印');
        const paper = page.getByRole('figure', { name: '打印预览' });
        await paper.waitFor();
        await expect.poll(() => paper.textContent()).toContain('288,000.00');
        const paperText = (await paper.textContent())!.replace(/\s+/g, '');
        for (const expected of [
          '算一算（估算）',
          '经济补偿金',
          '这是估算，具体以仲裁委/法院认定为准。',
          '劳动合同法第四十七条',
          '无人律所演示终端',
        ])
          expect(paperText, expected).toContain(expected);
        await printAndWait(page, /经济补偿金/);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('诉讼费 for 100,000 元 is 2,300 元', async () => {
      const { context, page, errors } = await openHome(viewport);
      try {
        await page.getByRole('button', { name: /^智能咨询/ }).tap();
        await page.getByTestId('open-calculators').tap();
        await page.getByRole('button', { name: /^诉讼费/ }).tap();
        await expect.poll(() => heading1(page).textContent()).toBe('诉讼费');
        await typeNumber(page, 'claim', '100000');
        await page.getByTestId('calculate').tap();
        await expect.poll(() => page.getByTestId('calc-amount').textContent()).toBe('2,300.00 元');
        const result = (await page.getByTestId('calculator-result').textContent())!;
        expect(result).toContain('大写：人民币贰仟叁佰元整');
        expect(result).toContain('10,000.00 元 到 100,000.00 元 的部分 90,000.00 元 × 2.5% = 2,250.00 元');
        await page.getByRole('button', { name: '诉讼费用交纳办法 第十三条' }).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
}

describe('articles by citation', () => {
  it('answers each citation with the shipped article, or null', async () => {
    const { articles } = await api<{
      articles: ({ articleId: number; lawShort: string; article: string; law: string } | null)[];
    }>('/api/content/articles-by-citation', {
      citations: [
        { lawShort: '劳动合同法', article: '第四十七条' },
        { lawShort: '劳动合同法', article: '第47条' },
        { lawShort: '民事诉讼法司法解释', article: '第二百零六条' },
        { lawShort: '劳动合同法', article: '第九百条' },
        { lawShort: '劳动合同法', article: '四十七' },
      ],
    });
    expect(articles[0]).toMatchObject({
      lawShort: '劳动合同法',
      article: '第四十七条',
      law: '中华人民共和国劳动合同法',
    });
    expect(articles[1]).toEqual(articles[0]);
    expect(articles.slice(2)).toEqual([null, null, null]);
    const text = await api<{ text: string }>('/api/content/article', { articleId: articles[0]!.articleId });
    expect(text.text).toContain('经济补偿');
  });
});

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  for (const mode of ['standard', 'elderly'] as const) {
    describe(`accessibility of 机构查询 and 算一算, ${mode} mode, ${orientation}`, () => {
      it('every screen passes axe and the size rules', { timeout: 180_000 }, async () => {
        // axe is injected as a script: this context lets it past the kiosk's content security policy.
        const { context, page, errors } = await openHomeScreen(browser, kiosk, viewport, { forAxe: true });
        try {
          const check = async (screen: string): Promise<void> => {
            await expectAccessible(page, mode, `${orientation}-${mode}-${screen}`);
          };
          if (mode === 'elderly') {
            await page.getByTestId('elderly-toggle').tap();
            await expect.poll(() => page.evaluate(() => document.documentElement.dataset['mode'])).toBe('elderly');
          }

          await page.getByRole('button', { name: /^机构查询/ }).tap();
          await expect.poll(() => page.getByTestId('directory-kind-all').textContent()).toMatch(/\d+ 家/);
          await check('directory-kinds');
          await page.getByTestId('directory-kind-all').tap();
          await page.locator('.office-card').first().waitFor();
          await check('directory-list');
          await page.locator('.office-card').first().tap();
          await page.getByTestId('office-qr-code').waitFor();
          await check('directory-office');

          await page.getByTestId('nav-home').tap();
          await page.getByRole('button', { name: /^智能咨询/ }).tap();
          await page.getByTestId('open-calculators').tap();
          await page.getByTestId('calculators').waitFor();
          await check('calculators');
          await page.getByRole('button', { name: /^经济补偿金/ }).tap();
          await page.getByTestId('calculator-form').waitFor();
          await check('calculator-compensation-form');
          await page.getByTestId('startDate-year').tap();
          await page.getByTestId('keyboard').waitFor();
          await expectFieldAboveKeyboard(page, 'startDate-year');
          await check('calculator-keyboard');
          await page.getByTestId('kb-done').tap();
          await page.getByTestId('calculate').tap();
          await page.getByTestId('error-summary').waitFor();
          await check('calculator-errors');

          await page.getByTestId('nav-back').tap();
          await page.getByRole('button', { name: /^加班费/ }).tap();
          await page.getByTestId('calculator-form').waitFor();
          await check('calculator-overtime-form');
          await page.getByTestId('nav-back').tap();
          await page.getByRole('button', { name: /^没签合同的双倍工资/ }).tap();
          await page.getByTestId('signed-yes').tap();
          await page.getByTestId('field-signedDate').waitFor();
          await check('calculator-double-wages-form');
          await page.getByTestId('nav-back').tap();
          await page.getByRole('button', { name: /^诉讼费/ }).tap();
          await typeNumber(page, 'claim', '100000');
          await page.getByTestId('halving-simple-procedure').tap();
          await page.getByTestId('calculate').tap();
          await expect.poll(() => page.getByTestId('calc-amount').textContent()).toBe('1,150.00 元');
          await page.getByTestId('calc-cites').getByRole('button').first().waitFor();
          await check('calculator-result');
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });
  }
}

describe('what is wrong with an answer to 算一算', () => {
  it('is said under the field’s label and above its input, which points at it', async () => {
    const { context, page, errors } = await openHome(PORTRAIT);
    try {
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByTestId('open-calculators').tap();
      await page.getByRole('button', { name: /^经济补偿金/ }).tap();
      await page.getByTestId('calculate').tap();
      await page.getByTestId('error-summary').waitFor();
      // A date: the label names the group of year, month and day, each of which points at the problem.
      const date = page.getByTestId('field-startDate');
      expect(await date.getByTestId('field-problem').textContent()).toBe('请填写这一项。');
      for (const part of ['year', 'month', 'day'])
        await expectProblemBetween(
          date.locator('.form-field__label'),
          date.getByTestId('field-problem'),
          page.getByTestId(`startDate-${part}`),
        );
      // A number, its label a <label>.
      const wage = page.getByTestId('field-averageWage');
      await expectProblemBetween(
        wage.locator('label'),
        wage.getByTestId('field-problem'),
        page.getByTestId('averageWage'),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('算一算 when the printer cannot print', () => {
  it('says why in words and prints once there is paper; a print the full queue refuses is said, and sent again on a tap', async () => {
    const simulatePaper = (paper: 'ok' | 'out') => api('/api/simulate', { printer: { paper } });
    const { context, page, errors } = await openHome(PORTRAIT);
    try {
      await page.getByRole('button', { name: /^智能咨询/ }).tap();
      await page.getByTestId('open-calculators').tap();
      await page.getByRole('button', { name: /^诉讼费/ }).tap();
      await typeNumber(page, 'claim', '100000');
      await page.getByTestId('calculate').tap();
      await expect.poll(() => page.getByTestId('calc-amount').textContent()).toBe('2,300.00 元');
      const printedEstimates = async () =>
        (await printJobs()).filter((j) => j.state === 'printed' && j.title.includes('诉讼费')).length;
      const estimatesBefore = await printedEstimates();
      await simulatePaper('out');
      try {
        await page.getByRole('button', { name: /打印计算结果/ }).tap();
        await page.getByRole('figure', { name: '打印预览' }).waitFor();
        await page.getByText('这台机器暂时不能打印').waitFor({ timeout: 10_000 });
        await page.getByRole('button', { name: '打印', exact: true }).tap();
        const status = page.getByTestId('print-status');
        await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('打印机缺纸 — 请找工作人员加纸');
        expect(await status.textContent()).toContain('打印机好了会自动打印，不会丢失');

        // Once more, with the printer's queue full: not sent, said so, and the button is there to try again.
        await page.getByTestId('print-done').tap();
        await page.getByRole('button', { name: /打印计算结果/ }).tap();
        await page.getByRole('figure', { name: '打印预览' }).waitFor();
        let full = false;
        for (let i = 0; i < 50 && !full; i++) {
          const r = await apiAnswer(kiosk, '/api/print', {
            title: '占位',
            receipt: { blocks: [{ type: 'text', text: `占位 ${i}` }, { type: 'cut' }] },
          });
          full = r.status === 503;
        }
        expect(full, 'the queue filled up').toBe(true);
        await page.getByRole('button', { name: '打印', exact: true }).tap();
        await page.getByText('没能发送到打印机').waitFor({ timeout: 10_000 });
        expect(await page.getByTestId('print').textContent()).toContain('请再点一次');
        expect(await page.getByRole('button', { name: '打印', exact: true }).isEnabled()).toBe(true);
      } finally {
        await simulatePaper('ok');
      }
      // Paper is back: what waited prints, and the tap that was refused now prints too.
      await expect
        .poll(async () => (await printJobs()).filter((j) => j.state !== 'printed').length, { timeout: 20_000 })
        .toBe(0);
      expect(await printedEstimates()).toBe(estimatesBefore + 1);
      await printAndWait(page, /诉讼费/);
      expect(await printedEstimates()).toBe(estimatesBefore + 2);
      // The refused request, as the browser logs it; nothing else went wrong.
      expect(errors).toEqual([expect.stringContaining('status of 503')]);
    } finally {
      await context.close();
    }
  });
});
