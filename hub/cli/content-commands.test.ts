import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContentChange } from '../../common/hub/api/content-edits';
import { addUser } from '../storage/users';
import { writeContentRelease } from '../testing/content-release-files';
import { runHubctl } from '../testing/programs';
import { useTestStorage } from '../testing/test-storage';

const scratch = mkdtempSync(join(tmpdir(), 'hubctl-content-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const RELEASE = join(scratch, 'content.db');
writeContentRelease(RELEASE, { rows: 5 });

// Each run is a process start, so on SQLite only; the storage under them runs on both engines in hub/http/content-edits.test.ts.
describe('hubctl content and release upload review', () => {
  const t = useTestStorage('sqlite');
  const hubctl = (...args: string[]) => runHubctl(t.env(), args);

  it('lists and shows content changes, says an upload waits for review, and will not publish a rejected one', async () => {
    const db = t.storage.db;
    const at = '2026-12-07T08:00:00.000Z';
    const author = await addUser(
      db,
      { login: 'zhang.admin', role: 'administrator', regionCode: null, displayName: '张管理', passwordHash: 'x' },
      'hubctl',
      new Date(at),
    );
    const slide = { kind: 'slide', fields: { title: '春节安排', body: '春节期间正常服务', cites: [] } };
    await db
      .insertInto('content_changes')
      .values({
        kind: 'slide',
        item_id: 'slide-20261207-1',
        is_new: 1,
        item: JSON.stringify(slide),
        state: 'in-review',
        problems: '[]',
        author_id: author.id,
        created_at: at,
        updated_at: at,
      })
      .execute();

    const list = await hubctl('content', 'changes');
    expect(list.stderr).toBe('');
    expect(list.stdout).toMatch(/^ {3}1 {2}in-review {2}slide slide-20261207-1 {2}by 张管理, /m);
    const shown = await hubctl('content', 'show', '1', '--json');
    expect(JSON.parse(shown.stdout) as ContentChange).toMatchObject({ changeId: 1, item: slide, current: null });
    expect(await hubctl('content', 'show', '9')).toMatchObject({ code: 2, stderr: 'there is no content change 9\n' });
    expect(await hubctl('content', 'changes', '--state', 'open')).toMatchObject({ code: 64 });

    const upload = await hubctl('release', 'upload', RELEASE);
    expect(upload.code).toBe(0);
    expect(upload.stdout).toContain("it waits in review: an administrator approves it in the console's content review");
    await db
      .updateTable('content_releases')
      .set({ rejected_at: at, reviewed_by: `user:${author.id}` })
      .execute();
    expect(await hubctl('release', 'publish', '1', '--keys', join(scratch, 'offline'))).toMatchObject({
      code: 2,
      stderr: 'release upload 1 was rejected in review: upload it again to publish it\n',
    });
  }, 60_000);
});
