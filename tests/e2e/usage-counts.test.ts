import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useKiosk } from './fixture';
import { kioskctl, openHome, PORTRAIT } from './harness';

/**
 * The usage figures the year's report needs that only the screens see: a
 * search (found or not; never its words), an article or a law opened, a
 * dispute screening (the mediation flow begun by naming the dispute) —
 * each once per session however often the citizen comes back to it, read
 * back with `kioskctl stats --json` as the heartbeat will send them.
 */
const work = mkdtempSync(join(tmpdir(), 'kiosk-usage-e2e-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { kiosk, browser } = useKiosk({ browser: true, dataDir });

async function todaysCounts(): Promise<(metric: string, key: string) => number> {
  const r = await kioskctl('stats', '--json', '--days', '1', '--data-dir', dataDir);
  expect(r.status, r.stderr).toBe(0);
  const rows = (JSON.parse(r.stdout) as { rows: { metric: string; key: string; count: number }[] }).rows;
  return (metric, key) => rows.find((x) => x.metric === metric && x.key === key)?.count ?? 0;
}

describe('usage the screens count', () => {
  it(
    'counts searches, articles opened and dispute screenings, once per session each',
    { timeout: 60_000 },
    async () => {
      const { context, page, errors } = await openHome(browser, kiosk, PORTRAIT);
      try {
        const search = async (words: string) => {
          await page.getByTestId('search-input').tap();
          await page.getByTestId('search-input').fill('');
          await page.keyboard.insertText(words);
          await page.keyboard.press('Enter');
        };
        await search('离婚');
        const articles = page.getByTestId('results-article').getByRole('button');
        await articles.first().waitFor({ timeout: 10_000 });
        await articles.first().tap();
        await page.getByTestId('article-text').waitFor();
        // Back to the same results, and the same article again: the same session's search and article.
        await page.getByTestId('nav-back').tap();
        await articles.first().waitFor();
        await articles.first().tap();
        await page.getByTestId('article-text').waitFor();
        await page.getByTestId('nav-back').tap();
        await search('劳动仲裁');
        await page.getByTestId('results-guide').waitFor({ timeout: 10_000 });

        await page.getByTestId('nav-home').tap();
        await page.getByRole('button', { name: /^调解申请/ }).tap();
        await page.getByTestId('mediation-start').tap();
        await page.getByRole('button', { name: '邻里纠纷' }).tap();
        await expect.poll(() => page.getByTestId('mediation').getAttribute('data-step')).toBe('situation');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }

      await expect
        .poll(async () => {
          const count = await todaysCounts();
          return {
            found: count('search', 'found'),
            article: count('law-lookup', 'article'),
            screening: count('dispute-screening', 'neighbour'),
          };
        })
        .toEqual({ found: 2, article: 1, screening: 1 });
    },
  );
});
