import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT } from './harness';
import { DESK_SIZES, firstSignIn, pageChecks, poll } from './hub-console-pages';
import { hubctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * Content editing in the console, end to end: `npm run hub`'s program over
 * the checkout's content/ folder, with a TUF repository whose targets
 * delegate content releases to the hub's online key, and two
 * administrators in Chromium. The author opens an FAQ answer, cites an
 * article the law does not have and sees the problem beside that citation;
 * fixes it, adds a step with a time limit, looks at the answer in the kiosk
 * preview (the cited article's text included) and sends it for review. The
 * author cannot approve their own change and is told why; the second
 * administrator sees the changed fields marked beside the current ones and
 * rejects with a note, which the author reads; a new notice meets its date
 * problem and survives a reload as a draft; a release uploaded with hubctl
 * is approved in the same review; sent again, the answer is approved and
 * published as a release. Every page is checked with axe at both desk
 * sizes and kept as a screenshot.
 */

const AUTHOR = { login: 'content-author', password: 'Nei-rong-bian-ji-2026!' };
const REVIEWER = { login: 'content-reviewer', password: 'Shen-he-ren-2026!' };
const ITEM = 'wages-unpaid-time-limit';
/** The release `npx tsx scripts/build.ts` builds from this checkout, uploaded as `npm run content:build`'s would be. */
const RELEASE_FILE = join(ROOT, 'dist', 'content', 'content.db');
/** Building and signing a release from the whole content folder, on a busy two-core machine. */
const PUBLISH_WITHIN_MS = 120_000;

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let author: Page;
let reviewer: Page;
let current: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-console-content-e2e-'));
  mkdirSync(join(dataDir, 'hub'), { mode: 0o700 });
  hub = startHubProcess(join(dataDir, 'hub'));
  url = await hub.url;
  // The repository with its targets delegating content releases to the hub's online key: what approvals publish with.
  const init = await hubctl(join(dataDir, 'hub'), ['tuf', 'init', '--keys', join(dataDir, 'offline-keys')]);
  expect(init.code, init.stderr).toBe(0);
  for (const account of [AUTHOR, REVIEWER]) {
    const added = await hubctl(
      join(dataDir, 'hub'),
      ['user', 'add', '--login', account.login, '--role', 'administrator', '--password-stdin'],
      account.password,
    );
    expect(added.code, added.stderr).toBe(0);
  }
  browser = await launchChromium({ jsFlags: null });
  author = await browser.newPage({ viewport: DESK_SIZES[0] });
  reviewer = await browser.newPage({ viewport: DESK_SIZES[0] });
  // Sign-in hashes with argon2, and a save runs the builder's checks: on a busy 2-core machine an answer can take seconds.
  author.setDefaultTimeout(20_000);
  reviewer.setDefaultTimeout(20_000);
  current = author;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const { atBothSizes } = pageChecks(() => current);

const nav = (p: Page, name: string) => p.getByRole('navigation').getByRole('link', { name, exact: true }).click();

/** Opens the FAQ answer this test edits from the list, found by a word of its question. */
async function openItem(p: Page): Promise<void> {
  await nav(p, '内容编辑');
  await p.getByTestId('kind-faq').click();
  await p.getByTestId('content-search').fill('现在去要还来得及');
  await p.getByTestId(`edit-${ITEM}`).click();
  await p.getByTestId('content-editor').waitFor();
}

describe('editing content in the console', () => {
  it('an administrator finds an FAQ answer by a word of its question', async () => {
    current = author;
    await firstSignIn(author, url, AUTHOR, '终端');
    await nav(author, '内容编辑');
    await author.getByRole('heading', { level: 1, name: '内容编辑' }).waitFor();
    // A page of the answers, twenty at a time.
    await poll(() => author.getByTestId('content-items').locator('tbody tr').count()).toBe(20);
    await atBothSizes('content-list');

    await author.getByTestId('content-search').fill('现在去要还来得及');
    await poll(() => author.getByTestId('content-items').locator('tbody tr').count()).toBe(1);
    await author.getByTestId('content-search').fill('没有这样的问题');
    await author.getByTestId('content-empty').waitFor();
    // Each kind lists its own items.
    await author.getByTestId('kind-slide').click();
    await author.getByTestId('item-label-slide-wage-hotline').waitFor();
  });

  it('shows a citation of an article the law does not have beside that citation, in words', async () => {
    await openItem(author);
    expect(await author.getByTestId('field-question').inputValue()).toBe('工资被拖了很久，现在去要还来得及吗？');
    await author.getByTestId('add-field-cites').click();
    await author.getByTestId('field-cites-1').fill('劳动合同法 第九百条');
    await author.getByTestId('draft-save').click();
    await poll(() => author.getByTestId('problem-field-cites-1').innerText()).toBe('《劳动合同法》没有第九百条。');
    expect(await author.getByTestId('change-state').innerText()).toBe('状态：草稿');
    // Nothing goes for review while a problem is left, and the page says how many are.
    expect(await author.getByTestId('draft-submit').isDisabled()).toBe(true);
    expect(await author.getByTestId('problem-count').innerText()).toBe('还有 1 处问题');
    await atBothSizes('content-problem');

    // Removing the entry before it moves the problem up with its citation.
    await author.getByTestId('remove-field-cites-0').click();
    expect(await author.getByTestId('field-cites-0').inputValue()).toBe('劳动合同法 第九百条');
    expect(await author.getByTestId('problem-field-cites-0').innerText()).toBe('《劳动合同法》没有第九百条。');
    expect(await author.getByTestId('problem-field-cites-1').count()).toBe(0);
  });

  it('once fixed and a step with a time limit added, saves without problems and previews as the kiosk shows it', async () => {
    await author.getByTestId('field-cites-0').fill('劳动争议调解仲裁法 第二十七条');
    await author.getByTestId('add-field-cites').click();
    await author.getByTestId('field-cites-1').fill('劳动合同法 第三十条');
    await author.getByTestId('add-field-nextSteps').click();
    await author.getByTestId('field-nextSteps-3-step').fill('带上欠薪清单和证据，到劳动人事争议仲裁委员会立案。');
    await author.getByTestId('field-nextSteps-3-timeLimit').fill('离职之日起一年内');
    await author.getByTestId('draft-save').click();
    await author.getByText('草稿已保存。').waitFor();
    expect(await author.locator('[data-testid^="problem-"]').allInnerTexts()).toEqual([]);
    expect(await author.getByTestId('draft-submit').isDisabled()).toBe(false);

    await author.getByTestId('preview-open').click();
    const screen = author.getByTestId('kiosk-preview-screen');
    await screen.getByTestId('preview-question').waitFor();
    expect(await screen.getByTestId('preview-question').innerText()).toBe('工资被拖了很久，现在去要还来得及吗？');
    const text = await screen.innerText();
    expect(text).toContain('下一步怎么做');
    expect(text).toContain('时限');
    expect(text).toContain('离职之日起一年内');
    expect(text).toContain('带上欠薪清单和证据');
    // The cited article's own text, as the shipped law has it.
    expect(await screen.getByTestId('preview-article-1').innerText()).toContain('劳动报酬');
    // Drawn at the kiosk's portrait size, scaled.
    const box = await screen.boundingBox();
    expect(box!.height / box!.width).toBeCloseTo(1920 / 1080, 1);
    await author.getByTestId('kiosk-preview').scrollIntoViewIfNeeded();
    await atBothSizes('content-preview');
  });

  it('sends the change for review; its author cannot approve it and is told why', async () => {
    await author.getByTestId('draft-submit').click();
    await poll(() => author.getByTestId('change-state').innerText()).toBe('状态：待审核');
    await nav(author, '内容审核');
    const card = author.locator('[data-testid^="change-review-"]').filter({ hasText: '工资被拖了很久' });
    await card.getByTestId('own-change').waitFor();
    expect(await card.getByTestId('own-change').innerText()).toContain('双人审核');
    expect(await card.locator('[data-testid^="approve-"]').isDisabled()).toBe(true);
    await atBothSizes('content-review-own');
  });

  it('a second administrator sees the changed fields beside the current ones and rejects with a note the author reads', async () => {
    current = reviewer;
    await firstSignIn(reviewer, url, REVIEWER, '终端');
    await nav(reviewer, '内容审核');
    const card = reviewer.locator('[data-testid^="change-review-"]').filter({ hasText: '工资被拖了很久' });
    await card.waitFor();
    const changeId = (await card.getAttribute('data-testid'))!.replace('change-review-', '');
    const row = (field: string) => card.getByTestId(`compare-${changeId}-${field}`);
    expect(await row('cites').getAttribute('data-changed')).toBe('true');
    expect(await row('nextSteps').getAttribute('data-changed')).toBe('true');
    expect(await row('question').getAttribute('data-changed')).toBe('false');
    expect(await row('cites').innerText()).toContain('劳动合同法 第三十条');
    expect(await row('cites').innerText()).toContain('已修改');
    expect(await card.getByTestId('own-change').count()).toBe(0);
    await atBothSizes('content-review');

    await card.getByTestId(`review-note-${changeId}`).fill('请把时限写成“自离职之日起一年内”。');
    await card.getByTestId(`reject-${changeId}`).click();
    await reviewer.getByText('已退回给作者。').waitFor();
    await poll(() => reviewer.getByTestId(`history-state-${changeId}`).innerText()).toBe('已退回');

    current = author;
    await author.reload();
    await poll(() => author.getByTestId(`history-note-${changeId}`).innerText()).toBe(
      '请把时限写成“自离职之日起一年内”。',
    );
  });

  it('a new notice with its dates the wrong way round is refused at its last day, kept as a draft across a reload, and withdrawn', async () => {
    current = author;
    await nav(author, '内容编辑');
    await author.getByTestId('kind-notice').click();
    await author.getByTestId('content-new').click();
    await author.getByTestId('field-regionCode').fill('4201');
    // A region code that is not one is caught before anything is sent.
    await author.getByTestId('problem-field-regionCode').waitFor();
    expect(await author.getByTestId('draft-save').isDisabled()).toBe(true);
    await author.getByTestId('field-regionCode').fill('420111');
    await author.getByTestId('field-title').fill('元旦期间法律援助中心值班安排');
    await author.getByTestId('field-body').fill('1月1日至3日照常受理法律援助申请，咨询请拨12348。');
    await author.getByTestId('field-startsOn').fill('2026-12-28');
    await author.getByTestId('field-endsOn').fill('2026-12-20');
    await author.getByTestId('draft-save').click();
    await poll(() => author.getByTestId('problem-field-endsOn').innerText()).toBe(
      '日期不对：要写真实的日期，结束日期不能早于开始日期。',
    );
    // Saved, the new item has an id, and the address names it: a reload opens the draft again.
    await poll(() => author.evaluate(() => window.location.hash)).toMatch(/^#\/content\/notice\/[a-z0-9-]+$/);
    await author.reload();
    await author.getByTestId('content-editor').waitFor();
    expect(await author.getByTestId('field-title').inputValue()).toBe('元旦期间法律援助中心值班安排');
    expect(await author.getByTestId('change-state').innerText()).toBe('状态：草稿');
    await author.getByTestId('problem-field-endsOn').waitFor();

    await author.getByTestId('change-withdraw').click();
    await author.getByText('修改已撤回。').waitFor();
    await poll(() => author.evaluate(() => window.location.hash)).toBe('#/content/notice');
  });

  it(
    'a release uploaded with hubctl waits in the same review and is published by an administrator',
    async () => {
      const upload = await hubctl(join(dataDir, 'hub'), ['release', 'upload', RELEASE_FILE, '--json']);
      expect(upload.code, upload.stderr).toBe(0);
      const { id, version } = JSON.parse(upload.stdout) as { id: number; version: string };

      current = reviewer;
      await reviewer.reload();
      const uploads = reviewer.getByTestId('release-uploads');
      await uploads.getByText(version).waitFor();
      expect(await uploads.innerText()).toContain('待审核');
      await atBothSizes('content-review-upload');
      await reviewer.getByTestId(`upload-approve-${id}`).click();
      await reviewer.getByText(`发布 ${version} 已批准。`).waitFor({ timeout: PUBLISH_WITHIN_MS });
      await poll(() => uploads.innerText()).toMatch(/已发布 · \d+/);
      expect(await reviewer.getByTestId(`upload-approve-${id}`).count()).toBe(0);
    },
    PUBLISH_WITHIN_MS + 30_000,
  );

  it(
    'sent again, it is approved by the second administrator and published as a release',
    async () => {
      await openItem(author);
      // The rejected change is closed: the item is as published, and a new change starts from it.
      expect(await author.getByTestId('change-state').count()).toBe(0);
      await author.getByTestId('add-field-nextSteps').click();
      await author.getByTestId('field-nextSteps-3-step').fill('带上欠薪清单和证据，到劳动人事争议仲裁委员会立案。');
      await author.getByTestId('field-nextSteps-3-timeLimit').fill('自离职之日起一年内');
      await author.getByTestId('draft-save').click();
      await poll(() => author.getByTestId('draft-submit').isDisabled()).toBe(false);
      await author.getByTestId('draft-submit').click();
      await poll(() => author.getByTestId('change-state').innerText()).toBe('状态：待审核');

      current = reviewer;
      await reviewer.reload();
      const card = reviewer.locator('[data-testid^="change-review-"]').filter({ hasText: '工资被拖了很久' });
      await card.waitFor();
      const changeId = (await card.getAttribute('data-testid'))!.replace('change-review-', '');
      await card.getByTestId(`approve-${changeId}`).click();
      await reviewer.getByText(/已批准，发布 \d+ 已生成。/).waitFor({ timeout: PUBLISH_WITHIN_MS });
      await poll(() => reviewer.getByTestId(`history-state-${changeId}`).innerText()).toBe('已发布');
      await poll(() => reviewer.getByTestId('no-changes').count()).toBe(1);

      // The edited answer is what the list shows now, with no open change.
      current = author;
      await author.getByTestId('editor-back').click();
      await openItem(author);
      expect(await author.getByTestId('field-nextSteps-3-timeLimit').inputValue()).toBe('自离职之日起一年内');
    },
    PUBLISH_WITHIN_MS + 60_000,
  );
});
