import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqResponse } from '../../common/api/content';
import type { Health } from '../../common/api/health';
import { readIdentity } from '../../service/hub/hub-identity';
import { TEST_HEARTBEAT_ENV } from '../../service/hub/test-heartbeat-interval';
import { callApi, demoConfig, launchChromium, startKiosk, type RunningKiosk } from './harness';
import { DESK_SIZES, firstSignIn, poll } from './hub-console-pages';
import { enrollCode, hubctl, kioskctl, startHubProcess, type HubProcess } from './hub-processes';

/**
 * From the console to the kiosks' screens, end to end: `npm run hub`'s
 * program with a TUF repository whose targets delegate content releases to
 * the hub's online key, two kiosk services on the demo configuration
 * enrolled with it (kiosk A in the group "canary", kiosk B not), and two
 * administrators in Chromium. One edits an FAQ answer and sends it for
 * review; the other approves it, which builds and signs a new release.
 * Rolled out to the canary group, the new answer is what kiosk A serves
 * within a minute, pushed by the hub with nobody touching the kiosk, while
 * kiosk B — asking the hub with every heartbeat — keeps the old one; once
 * the rollout goes to every kiosk, B serves it too.
 */

const AUTHOR = { login: 'canary-author', password: 'Bian-ji-ren-2026!' };
const REVIEWER = { login: 'canary-reviewer', password: 'Fu-he-ren-2026!' };
const ITEM = 'wages-unpaid-time-limit';
const NEW_ANSWER =
  '工资被拖欠，可以先和单位协商，协商不成可以申请劳动仲裁。拖欠工资的仲裁时效比较特殊：在职期间不受一年的限制，离职后要在一年内提出。';
/** Building and signing a release from the whole content folder, on a busy two-core machine. */
const PUBLISH_WITHIN_MS = 150_000;
/** What the issue asks of a canary: the new text on its screen within a minute of the rollout. */
const CANARY_WITHIN_MS = 60_000;

let dataDir: string;
let hub: HubProcess;
let url: string;
let browser: Browser;
let author: Page;
let reviewer: Page;
const kiosks: { a?: RunningKiosk; b?: RunningKiosk } = {};
const hubDir = () => join(dataDir, 'hub');
const kioskDir = (name: 'a' | 'b') => join(dataDir, `kiosk-${name}`);
/**
 * The answer as the kiosk's answer screen gets it — a citizen's visit, so the
 * visit is ended at once, as 结束使用 ends it: a kiosk switches releases only
 * between visits.
 */
async function answerOn(k: RunningKiosk | undefined): Promise<string> {
  const { answer } = await callApi<FaqResponse>(k!, '/api/content/faq', { id: ITEM });
  await callApi(k!, '/api/session/end', { reason: 'finish' });
  return answer;
}
const servedOn = async (k: RunningKiosk | undefined) =>
  (await callApi<Health>(k!, '/api/health')).subsystems.content.detail ?? '';
const nav = (p: Page, name: string) => p.getByRole('navigation').getByRole('link', { name, exact: true }).click();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'content-edit-canary-'));
  mkdirSync(hubDir(), { mode: 0o700 });
  hub = startHubProcess(hubDir());
  url = await hub.url;
  const offline = join(dataDir, 'offline-keys');
  const init = await hubctl(hubDir(), ['tuf', 'init', '--keys', offline]);
  expect(init.code, init.stderr).toBe(0);
  for (const account of [AUTHOR, REVIEWER]) {
    const added = await hubctl(
      hubDir(),
      ['user', 'add', '--login', account.login, '--role', 'administrator', '--password-stdin'],
      account.password,
    );
    expect(added.code, added.stderr).toBe(0);
  }
  for (const name of ['a', 'b'] as const) {
    // Each kiosk its own terminal: the demo configuration under another id.
    const config = join(dataDir, `kiosk-${name}.json`);
    writeFileSync(config, JSON.stringify(demoConfig({ id: `demo-canary-${name}` })));
    const code = await enrollCode(hubDir(), { region: '420111', site: `街道中心 ${name.toUpperCase()}` });
    const enrolled = await kioskctl(kioskDir(name), [
      'hub',
      'enroll',
      '--hub',
      url,
      '--code',
      code,
      '--config',
      config,
    ]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    // The root of trust arrives with the kiosk, from the administrator's medium, never over the network.
    const trusted = await kioskctl(kioskDir(name), ['hub', 'trust-root', join(offline, '1.root.json')]);
    expect(trusted.code, trusted.stderr).toBe(0);
    // Heartbeats every second: kiosk B asks the hub what it may install many times while A is the canary.
    kiosks[name] = await startKiosk({ config, dataDir: kioskDir(name), env: { [TEST_HEARTBEAT_ENV]: '1000' } });
  }
  const grouped = await hubctl(hubDir(), [
    'kiosk',
    'group',
    'add',
    String(readIdentity(kioskDir('a'))!.enrollment.kioskId),
    'canary',
  ]);
  expect(grouped.code, grouped.stderr).toBe(0);
  browser = await launchChromium({ jsFlags: null });
  author = await browser.newPage({ viewport: DESK_SIZES[0] });
  reviewer = await browser.newPage({ viewport: DESK_SIZES[0] });
  author.setDefaultTimeout(20_000);
  reviewer.setDefaultTimeout(20_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await kiosks.a?.stop();
  await kiosks.b?.stop();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an answer edited in the console reaches the canary kiosk, then the others', () => {
  let releaseNumber: number;
  let oldAnswer: string;

  it(
    'is edited by one administrator and approved by another, which publishes it as a release',
    async () => {
      oldAnswer = await answerOn(kiosks.a);
      expect(oldAnswer).not.toBe(NEW_ANSWER);
      expect(await answerOn(kiosks.b)).toBe(oldAnswer);

      await firstSignIn(author, url, AUTHOR, '终端');
      await nav(author, '内容编辑');
      await author.getByTestId('kind-faq').click();
      await author.getByTestId('content-search').fill('现在去要还来得及');
      await author.getByTestId(`edit-${ITEM}`).click();
      await author.getByTestId('content-editor').waitFor();
      await author.getByTestId('field-answer').fill(NEW_ANSWER);
      await author.getByTestId('draft-save').click();
      await poll(() => author.getByTestId('draft-submit').isDisabled()).toBe(false);
      await author.getByTestId('draft-submit').click();
      await poll(() => author.getByTestId('change-state').innerText()).toBe('状态：待审核');

      await firstSignIn(reviewer, url, REVIEWER, '终端');
      await nav(reviewer, '内容审核');
      const card = reviewer.locator('[data-testid^="change-review-"]').filter({ hasText: '工资被拖了很久' });
      await card.waitFor();
      const changeId = (await card.getAttribute('data-testid'))!.replace('change-review-', '');
      await card.getByTestId(`approve-${changeId}`).click();
      const published = reviewer.getByText(/已批准，发布 \d+ 已生成。/);
      await published.waitFor({ timeout: PUBLISH_WITHIN_MS });
      releaseNumber = Number(/发布 (\d+) 已生成/.exec(await published.innerText())![1]);
      expect(releaseNumber).toBeGreaterThan(0);

      // Published and signed, but rolled out to no kiosk yet: both keep the answer they had.
      expect(await answerOn(kiosks.a)).toBe(oldAnswer);
      expect(await answerOn(kiosks.b)).toBe(oldAnswer);
    },
    PUBLISH_WITHIN_MS + 90_000,
  );

  it(
    'rolled out to the canary group, is on the canary kiosk within a minute and not on the other',
    async () => {
      const rolled = await hubctl(hubDir(), ['release', 'rollout', String(releaseNumber), '--canary', 'canary']);
      expect(rolled.code, rolled.stderr).toBe(0);
      const from = Date.now();
      await expect.poll(() => answerOn(kiosks.a), { timeout: CANARY_WITHIN_MS }).toBe(NEW_ANSWER);
      const took = Date.now() - from;
      console.log(`the canary kiosk served the new answer ${took} ms after the rollout`);
      expect(took).toBeLessThan(CANARY_WITHIN_MS);
      expect(await servedOn(kiosks.a)).toContain(`number ${releaseNumber}`);
      // B has asked the hub with every heartbeat since, and been told to stay where it is.
      await new Promise((r) => setTimeout(r, 5_000));
      expect(await answerOn(kiosks.b)).toBe(oldAnswer);
      expect(await servedOn(kiosks.b)).not.toContain(`number ${releaseNumber}`);
    },
    CANARY_WITHIN_MS + 30_000,
  );

  it(
    'once the rollout goes to every kiosk, is on the other kiosk too',
    async () => {
      const rolled = await hubctl(hubDir(), ['release', 'rollout', String(releaseNumber), '--all']);
      expect(rolled.code, rolled.stderr).toBe(0);
      await expect.poll(() => answerOn(kiosks.b), { timeout: CANARY_WITHIN_MS }).toBe(NEW_ANSWER);
      expect(await answerOn(kiosks.a)).toBe(NEW_ANSWER);
    },
    CANARY_WITHIN_MS + 30_000,
  );
});
