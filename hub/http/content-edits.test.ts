import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  ContentChange,
  ContentItemFields,
  ContentItemsResponse,
  ContentPreviewResponse,
  ReleaseUploadsResponse,
} from '../../common/hub/api/content-edits';
import { z } from 'zod';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { uploadRelease } from '../releases/content-releases';
import { makeTufKeys } from '../releases/tuf-keys';
import { initRepository } from '../releases/tuf-repository';
import { writeContentRelease } from '../testing/content-release-files';
import { testContentEditing } from '../testing/test-content-editing';
import type { ContentEditing } from './content-edit-handlers';
import { ENGINES } from '../testing/test-storage';
import { ORIGIN, useTestHub, type TestHub } from '../testing/test-hub';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';

/**
 * Content editing over HTTP on both engines, with the real content source
 * (the checkout's content/), the real builder and a real TUF repository:
 * drafts checked at the field, four eyes, one open change per item, an
 * approval that publishes a release with the new text, an uploaded release
 * in the same review. Who may call each route: route-access.test.ts.
 */

const scratch = mkdtempSync(join(tmpdir(), 'content-edits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const KEYS = makeTufKeys(join(scratch, 'tuf'), ['root', 'targets', 'snapshot', 'timestamp', 'releases']);
const RELEASE = writeContentRelease(join(scratch, 'upload.db'), { rows: 5 });

type Change = ContentChange;

async function admins(hub: TestHub) {
  const db = hub.storage.storage.db;
  const [author, reviewer] = await Promise.all([
    hub.addAccount('zhang.admin', 'administrator'),
    hub.addAccount('li.admin', 'administrator'),
  ]);
  const as = async (id: number) => {
    const token = await openSession(db, id, 'full', hub.now());
    return (path: string, body?: unknown) =>
      hub.call(
        body === undefined ? { method: 'GET', path, token } : { method: 'POST', path: `/api/${path}`, token, body },
      );
  };
  return { author, reviewer, byAuthor: await as(author.id), byReviewer: await as(reviewer.id) };
}

type AsAdmin = Awaited<ReturnType<typeof admins>>['byAuthor'];

/**
 * Appends `mark(i)` to the answer of the editor's FAQ items `from` to `to` (exclusive), saves each as a
 * draft and sends it for review; answers the edits, their change ids and the `updatedAt` a reviewer reads.
 */
async function sendAnswerEdits(byAuthor: AsAdmin, [from, to]: [number, number], mark: (i: number) => string) {
  const { items } = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>();
  const edits = items.slice(from, to).map((target, i) => {
    if (target.item.kind !== 'faq') throw new Error('expected a FAQ');
    return { itemId: target.itemId, answer: `${target.item.fields.answer}${mark(i)}`, fields: target.item.fields };
  });
  const changeIds: number[] = [];
  const seenAt = new Map<number, string>();
  for (const e of edits) {
    const saved = await byAuthor('content/drafts/save', {
      changeId: null,
      itemId: e.itemId,
      edit: { action: 'save', item: { kind: 'faq', fields: { ...e.fields, answer: e.answer } } },
    });
    const id = saved.json<{ change: Change }>().change.changeId;
    const sent = (await byAuthor('content/changes/submit', { changeId: id })).json<{ change: Change }>().change;
    changeIds.push(id);
    seenAt.set(id, sent.updatedAt);
  }
  return { edits, changeIds, seenAt };
}

const faq = (over: Partial<Extract<ContentItemFields, { kind: 'faq' }>['fields']> = {}): ContentItemFields => ({
  kind: 'faq',
  fields: {
    topic: 'labour',
    situation: null,
    question: '试用期被辞退有补偿吗？',
    answer: '用人单位在试用期解除劳动合同的，应当向劳动者说明理由。',
    nextSteps: [],
    cites: ['劳动合同法 第九百条'],
    keywords: ['试用期'],
    ...over,
  },
});

describe.each(ENGINES)('content editing on %s', (engine) => {
  const hub = useTestHub(engine, { contentEditing: () => testContentEditing(scratch, KEYS) });

  it('checks a draft at the field, sends it for review only without problems, and keeps four eyes', async () => {
    const { byAuthor, byReviewer, author, reviewer } = await admins(hub);
    const topic = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>()
      .items[0]!.item;
    const fields = faq({ topic: topic.kind === 'faq' ? topic.fields.topic : 'labour' });

    const saved = await byAuthor('content/drafts/save', {
      changeId: null,
      itemId: null,
      edit: { action: 'save', item: fields },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const draft = saved.json<{ change: Change }>().change;
    expect(draft).toMatchObject({ state: 'draft', author: { id: author.id }, current: null, releaseNumber: null });
    expect(draft.problems).toEqual([
      { field: 'cites.0', code: 'article-missing', params: { law: '劳动合同法', article: '第九百条' } },
    ]);

    const early = await byAuthor('content/changes/submit', { changeId: draft.changeId });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('cites.0 (article-missing)');

    // Another administrator may neither edit this draft nor open a second change to the item.
    const fixed = faq({ ...(fields.kind === 'faq' ? fields.fields : {}), cites: ['劳动合同法 第三十条'] });
    const foreign = await byReviewer('content/drafts/save', {
      changeId: draft.changeId,
      itemId: null,
      edit: { action: 'save', item: fixed },
    });
    expect(foreign.statusCode).toBe(403);
    const second = await byReviewer('content/drafts/save', {
      changeId: null,
      itemId: draft.itemId,
      edit: { action: 'delete', kind: 'faq' },
    });
    // The item is new and not published yet: no such item to change.
    expect(second.statusCode).toBe(404);

    const again = await byAuthor('content/drafts/save', {
      changeId: draft.changeId,
      itemId: draft.itemId,
      edit: { action: 'save', item: fixed },
    });
    expect(again.json<{ change: Change }>().change.problems).toEqual([]);
    const sent = await byAuthor('content/changes/submit', { changeId: draft.changeId });
    expect(sent.json<{ change: Change }>().change.state).toBe('in-review');
    const sentAt = sent.json<{ change: Change }>().change.updatedAt;
    // Sent: no longer a draft to save.
    expect(
      (
        await byAuthor('content/drafts/save', {
          changeId: draft.changeId,
          itemId: draft.itemId,
          edit: { action: 'save', item: fixed },
        })
      ).statusCode,
    ).toBe(409);

    for (const decision of ['approve', 'reject']) {
      const own = await byAuthor('content/changes/review', {
        changeId: draft.changeId,
        updatedAt: sentAt,
        decision,
        note: null,
      });
      expect(own.statusCode, decision).toBe(403);
    }
    const rejected = await byReviewer('content/changes/review', {
      changeId: draft.changeId,
      updatedAt: sentAt,
      decision: 'reject',
      note: '请补充下一步',
    });
    expect(rejected.json<{ change: Change }>().change).toMatchObject({
      state: 'rejected',
      reviewer: { id: reviewer.id },
      reviewNote: '请补充下一步',
    });
    expect(
      (
        await byReviewer('content/changes/review', {
          changeId: draft.changeId,
          updatedAt: sentAt,
          decision: 'approve',
          note: null,
        })
      ).statusCode,
    ).toBe(409);

    const listed = (await byReviewer('content/changes', {})).json<{ changes: Change[] }>().changes;
    expect(listed.map((c) => [c.changeId, c.state])).toEqual([[draft.changeId, 'rejected']]);
    expect(
      (await byAuthor('content/changes/withdraw', { changeId: draft.changeId })).json<{ change: Change }>().change
        .state,
    ).toBe('withdrawn');

    const actions = (await listAudit(hub.storage.storage.db, { limit: 20 }))
      .filter((a) => a.action.startsWith('content.'))
      .map((a) => `${a.actor} ${a.action}`)
      .reverse();
    expect(actions).toEqual([
      `user:${author.id} content.draft.save`,
      `user:${author.id} content.draft.save`,
      `user:${author.id} content.submit`,
      `user:${reviewer.id} content.review.reject`,
      `user:${author.id} content.withdraw`,
    ]);
  }, 60_000);

  it('previews an item with its problems and the text of the articles it cites', async () => {
    const { byAuthor } = await admins(hub);
    const res = await byAuthor('content/preview', {
      item: {
        kind: 'slide',
        fields: { title: '试用期', body: '试用期也受法律保护', cites: ['劳动合同法 第十九条', '劳动合同法 第九百条'] },
      },
    });
    const preview = res.json<z.infer<typeof ContentPreviewResponse>>();
    expect(preview.problems).toEqual([
      { field: 'cites.1', code: 'article-missing', params: { law: '劳动合同法', article: '第九百条' } },
    ]);
    expect(preview.articles).toHaveLength(1);
    expect(preview.articles[0]!.citation).toBe('劳动合同法 第十九条');
    expect(preview.articles[0]!.text).toContain('试用期');
  }, 60_000);

  // A build takes seconds and is the same on both engines: publishing on PostgreSQL is the two-instance test's below.
  it.runIf(engine === 'sqlite')(
    'publishes an approved answer edit as a release whose content.db has the new text',
    async () => {
      const db = hub.storage.storage.db;
      await initRepository(db, KEYS, 'hubctl', hub.now());
      const { byAuthor, byReviewer, reviewer } = await admins(hub);
      const items = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>()
        .items;
      const target = items[0]!;
      expect(target.openChangeId).toBeNull();
      if (target.item.kind !== 'faq') throw new Error('expected a FAQ');
      const answer = `${target.item.fields.answer}（本答复已由管理员更新。）`;
      const edited: ContentItemFields = { kind: 'faq', fields: { ...target.item.fields, answer } };
      const saved = (
        await byAuthor('content/drafts/save', {
          changeId: null,
          itemId: target.itemId,
          edit: { action: 'save', item: edited },
        })
      ).json<{ change: Change }>().change;
      expect(saved).toMatchObject({ state: 'draft', problems: [], current: target.item });
      const busy = await byReviewer('content/drafts/save', {
        changeId: null,
        itemId: target.itemId,
        edit: { action: 'delete', kind: 'faq' },
      });
      expect(busy.statusCode).toBe(409);
      expect(busy.body).toContain(`change ${saved.changeId}`);
      const sent = (await byAuthor('content/changes/submit', { changeId: saved.changeId })).json<{ change: Change }>()
        .change;

      const approved = await byReviewer('content/changes/review', {
        changeId: saved.changeId,
        updatedAt: sent.updatedAt,
        decision: 'approve',
        note: '同意',
      });
      expect(approved.statusCode, approved.body).toBe(200);
      const published = approved.json<{ change: Change }>().change;
      expect(published).toMatchObject({
        state: 'published',
        reviewer: { id: reviewer.id },
        failure: null,
        releaseNumber: 1,
      });
      expect(published.current).toEqual(edited);

      const target1 = await db
        .selectFrom('tuf_targets')
        .select('body')
        .where('name', 'like', '%-1.db')
        .executeTakeFirstOrThrow();
      const release = new Database(Buffer.from(target1.body), { readonly: true });
      try {
        const row = release.prepare('SELECT answer FROM faq WHERE id = ?').get(target.itemId) as { answer: string };
        expect(row.answer).toBe(answer);
      } finally {
        release.close();
      }
      // The item as it stands now has the edit; nothing open on it.
      const now = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>().items;
      expect(now.find((i) => i.itemId === target.itemId)).toMatchObject({ item: edited, openChangeId: null });
    },
    180_000,
  );

  it.runIf(engine === 'sqlite')(
    'publishes two changes approved at once one after the other, the newer release holding both',
    async () => {
      const db = hub.storage.storage.db;
      await initRepository(db, KEYS, 'hubctl', hub.now());
      const { byAuthor, byReviewer } = await admins(hub);
      const { edits, changeIds, seenAt } = await sendAnswerEdits(byAuthor, [1, 3], (i) => `（第${i + 1}处更新）`);
      const answers = await Promise.all(
        changeIds.map((changeId) =>
          byReviewer('content/changes/review', {
            changeId,
            updatedAt: seenAt.get(changeId),
            decision: 'approve',
            note: null,
          }),
        ),
      );
      const published = answers.map((a) => a.json<{ change: Change }>().change);
      expect(published.map((c) => c.state)).toEqual(['published', 'published']);
      expect(published.map((c) => c.releaseNumber).sort()).toEqual([1, 2]);

      const newest = await db
        .selectFrom('tuf_targets')
        .select('body')
        .where('name', 'like', '%-2.db')
        .executeTakeFirstOrThrow();
      const release = new Database(Buffer.from(newest.body), { readonly: true });
      try {
        for (const e of edits)
          expect(
            (release.prepare('SELECT answer FROM faq WHERE id = ?').get(e.itemId) as { answer: string }).answer,
          ).toBe(e.answer);
      } finally {
        release.close();
      }
    },
    300_000,
  );

  it('gives a change whose release cannot be built back to its author as failed, with the builder’s reason', async () => {
    const db = hub.storage.storage.db;
    await initRepository(db, KEYS, 'hubctl', hub.now());
    const { byAuthor, byReviewer } = await admins(hub);
    const offices = (await byAuthor('content/items', { kind: 'office' })).json<z.infer<typeof ContentItemsResponse>>()
      .items;
    const demo = offices.find((o) => o.label.endsWith('（演示数据）'))!;
    if (demo.item.kind !== 'office') throw new Error('expected an office');
    // A demo entry's name must say it is one: the builder refuses it, the field checks do not know the demo mark.
    const renamed: ContentItemFields = {
      kind: 'office',
      fields: { ...demo.item.fields, name: demo.item.fields.name.replace('（演示数据）', '') },
    };
    const saved = (
      await byAuthor('content/drafts/save', {
        changeId: null,
        itemId: demo.itemId,
        edit: { action: 'save', item: renamed },
      })
    ).json<{ change: Change }>().change;
    expect(saved.problems).toEqual([]);
    const sent = (await byAuthor('content/changes/submit', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;
    const approved = await byReviewer('content/changes/review', {
      changeId: saved.changeId,
      updatedAt: sent.updatedAt,
      decision: 'approve',
      note: null,
    });
    const failed = approved.json<{ change: Change }>().change;
    expect(failed).toMatchObject({ state: 'failed', releaseNumber: null });
    expect(failed.failure).toContain('demo');
    expect(await db.selectFrom('content_releases').select('id').execute()).toEqual([]);
    // Its author takes it up again as a draft.
    const again = await byAuthor('content/drafts/save', {
      changeId: saved.changeId,
      itemId: demo.itemId,
      edit: { action: 'save', item: demo.item },
    });
    expect(again.json<{ change: Change }>().change).toMatchObject({ state: 'draft', failure: null });
  }, 120_000);

  it('keeps an uploaded release in review until a second administrator approves it', async () => {
    const db = hub.storage.storage.db;
    await initRepository(db, KEYS, 'hubctl', hub.now());
    const { byAuthor, byReviewer, author } = await admins(hub);
    const first = await uploadRelease(db, { bytes: RELEASE, where: 'upload.db' }, { userId: author.id }, hub.now());
    const second = await uploadRelease(db, { bytes: RELEASE, where: 'upload.db' }, 'hubctl', hub.now());
    const list = (await byAuthor('/api/releases/uploads')).json<z.infer<typeof ReleaseUploadsResponse>>().uploads;
    expect(list.map((u) => [u.uploadId, u.state, u.releaseNumber])).toEqual([
      [second.id, 'in-review', null],
      [first.id, 'in-review', null],
    ]);

    const own = await byAuthor('releases/uploads/review', { uploadId: first.id, decision: 'approve', note: null });
    expect(own.statusCode).toBe(403);
    const approved = await byReviewer('releases/uploads/review', {
      uploadId: first.id,
      decision: 'approve',
      note: null,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const rejected = await byAuthor('releases/uploads/review', {
      uploadId: second.id,
      decision: 'reject',
      note: '版本不对',
    });
    expect(
      rejected
        .json<z.infer<typeof ReleaseUploadsResponse>>()
        .uploads.map((u) => [u.uploadId, u.state, u.releaseNumber]),
    ).toEqual([
      [second.id, 'rejected', null],
      [first.id, 'published', 1],
    ]);
    expect(
      (await byReviewer('releases/uploads/review', { uploadId: second.id, decision: 'approve', note: null }))
        .statusCode,
    ).toBe(409);
  }, 60_000);

  it('puts an upload whose publication failed back in review, and audits the failure', async () => {
    const db = hub.storage.storage.db;
    // No TUF repository: the signature fails.
    const upload = await uploadRelease(db, { bytes: RELEASE, where: 'upload.db' }, 'hubctl', hub.now());
    const { byReviewer, reviewer } = await admins(hub);
    const res = await byReviewer('releases/uploads/review', { uploadId: upload.id, decision: 'approve', note: null });
    expect(res.statusCode, res.body).toBe(503);
    const actions = (await listAudit(db, { limit: 20 }))
      .filter((a) => a.target === `release-upload:${upload.id}`)
      .map((a) => `${a.actor} ${a.action}`)
      .reverse();
    expect(actions).toEqual([
      'hubctl release.upload',
      `user:${reviewer.id} release.review.approve`,
      `user:${reviewer.id} release.publish.failed`,
    ]);
    const again = (await byReviewer('/api/releases/uploads')).json<z.infer<typeof ReleaseUploadsResponse>>();
    expect(again.uploads.map((u) => [u.uploadId, u.state])).toEqual([[upload.id, 'in-review']]);
  }, 60_000);

  it('lets an upload whose publication was cut off be approved again once its claim is stale', async () => {
    const db = hub.storage.storage.db;
    await initRepository(db, KEYS, 'hubctl', hub.now());
    const upload = await uploadRelease(db, { bytes: RELEASE, where: 'upload.db' }, 'hubctl', hub.now());
    const first = await admins(hub);
    // The hub stopped after the approval's claim, before the release was signed.
    await db
      .updateTable('content_releases')
      .set({ reviewed_at: hub.now().toISOString(), reviewed_by: `user:${first.reviewer.id}` })
      .where('id', '=', upload.id)
      .execute();
    const review = { uploadId: upload.id, decision: 'approve', note: null };
    expect((await first.byAuthor('releases/uploads/review', review)).statusCode).toBe(409);

    hub.advance(16 * 60 * 1000);
    const token = await openSession(db, first.author.id, 'full', hub.now());
    const approved = await hub.call({ method: 'POST', path: '/api/releases/uploads/review', token, body: review });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(
      approved
        .json<z.infer<typeof ReleaseUploadsResponse>>()
        .uploads.map((u) => [u.uploadId, u.state, u.releaseNumber]),
    ).toEqual([[upload.id, 'published', 1]]);
  }, 60_000);

  it('approves only the change its reviewer read: one rejected, edited and sent again meanwhile is refused', async () => {
    const db = hub.storage.storage.db;
    await initRepository(db, KEYS, 'hubctl', hub.now());
    const { byAuthor, byReviewer } = await admins(hub);
    const other = await hub.addAccount('wang.admin', 'administrator');
    const token = await openSession(db, other.id, 'full', hub.now());
    const byOther = (path: string, body: unknown) => hub.call({ method: 'POST', path: `/api/${path}`, token, body });
    const target = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>()
      .items[1]!;
    if (target.item.kind !== 'faq') throw new Error('expected a FAQ');
    const fields = target.item.fields;
    const answer = (text: string): ContentItemFields => ({ kind: 'faq', fields: { ...fields, answer: text } });
    const saved = (
      await byAuthor('content/drafts/save', {
        changeId: null,
        itemId: target.itemId,
        edit: { action: 'save', item: answer('经审核的答复。') },
      })
    ).json<{ change: Change }>().change;
    // The reviewer reads the change as sent.
    const read = (await byAuthor('content/changes/submit', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;

    // Meanwhile a third administrator rejects it, and its author sends other text in the same change.
    hub.advance(1000);
    await byOther('content/changes/review', {
      changeId: saved.changeId,
      updatedAt: read.updatedAt,
      decision: 'reject',
      note: null,
    });
    hub.advance(1000);
    await byAuthor('content/drafts/save', {
      changeId: saved.changeId,
      itemId: target.itemId,
      edit: { action: 'save', item: answer('未经审核的答复。') },
    });
    hub.advance(1000);
    const resent = (await byAuthor('content/changes/submit', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;
    expect(resent.state).toBe('in-review');

    for (const decision of ['approve', 'reject']) {
      const stale = await byReviewer('content/changes/review', {
        changeId: saved.changeId,
        updatedAt: read.updatedAt,
        decision,
        note: null,
      });
      expect(stale.statusCode, decision).toBe(409);
      expect(stale.body).toContain('read it again');
    }
    expect(await db.selectFrom('content_releases').select('id').execute()).toEqual([]);
    expect(
      (await byReviewer('content/changes/show', { changeId: saved.changeId })).json<{ change: Change }>().change,
    ).toMatchObject({ state: 'in-review', reviewer: null });
  }, 60_000);
});

// Two hub instances on one database are a PostgreSQL deployment: each builds on its own, and the newer release must still hold both changes.
describe('content editing on two hub instances (postgres)', () => {
  const hub = useTestHub('postgres', { contentEditing: () => testContentEditing(scratch, KEYS) });

  it('publishes changes approved on two instances at once, the newest release holding both', async () => {
    const db = hub.storage.storage.db;
    await initRepository(db, KEYS, 'hubctl', hub.now());
    const other = await hub.startOtherInstance();
    const { byAuthor, reviewer } = await admins(hub);
    const reviewerToken = await openSession(db, reviewer.id, 'full', hub.now());
    const { edits, changeIds, seenAt } = await sendAnswerEdits(byAuthor, [3, 5], (i) => `（实例${i + 1}更新）`);
    const review = (changeId: number) => ({
      changeId,
      updatedAt: seenAt.get(changeId),
      decision: 'approve',
      note: null,
    });
    const [here, there] = await Promise.all([
      hub.call({
        method: 'POST',
        path: '/api/content/changes/review',
        token: reviewerToken,
        body: review(changeIds[0]!),
      }),
      other.app.inject({
        method: 'POST',
        url: '/api/content/changes/review',
        headers: { origin: ORIGIN, [HUB_REQUEST_HEADER]: '1', cookie: `hub-session=${reviewerToken}` },
        payload: review(changeIds[1]!),
      }),
    ]);
    expect([here.statusCode, there.statusCode], `${here.body} ${there.body}`).toEqual([200, 200]);
    expect([here, there].map((r) => r.json<{ change: Change }>().change.state)).toEqual(['published', 'published']);

    const newest = await db
      .selectFrom('content_releases')
      .innerJoin('tuf_targets', (j) => j.onRef('tuf_targets.sha256', '=', 'content_releases.sha256'))
      .select(['content_releases.release_number', 'tuf_targets.body'])
      .where('content_releases.release_number', 'is not', null)
      .orderBy('content_releases.release_number', 'desc')
      .executeTakeFirstOrThrow();
    const release = new Database(Buffer.from(newest.body), { readonly: true });
    try {
      for (const e of edits)
        expect(
          (release.prepare('SELECT answer FROM faq WHERE id = ?').get(e.itemId) as { answer: string }).answer,
        ).toBe(e.answer);
    } finally {
      release.close();
    }
  }, 600_000);
});

/** A content source whose next read of the laws waits until the test lets it go: a save caught between its read and its write. */
function gatedEditing(): { editing: () => ContentEditing; hold: () => { reached: Promise<void>; go: () => void } } {
  let gate: { reached: () => void; wait: Promise<void> } | undefined;
  return {
    editing() {
      const real = testContentEditing(scratch, KEYS);
      return {
        ...real,
        source: {
          ...real.source,
          async articles() {
            const held = gate;
            gate = undefined;
            if (held !== undefined) {
              held.reached();
              await held.wait;
            }
            return real.source.articles();
          },
        },
      };
    },
    hold() {
      let reached!: () => void;
      let go!: () => void;
      const reachedP = new Promise<void>((r) => (reached = r));
      gate = { reached, wait: new Promise<void>((r) => (go = r)) };
      return { reached: reachedP, go };
    },
  };
}

describe.each(ENGINES)('a draft saved while it is sent for review, on %s', (engine) => {
  const gated = gatedEditing();
  const hub = useTestHub(engine, { contentEditing: gated.editing });

  it('keeps the fields the reviewer will see: the late save is refused', async () => {
    const { byAuthor } = await admins(hub);
    const target = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>()
      .items[2]!;
    if (target.item.kind !== 'faq') throw new Error('expected a FAQ');
    const fields = target.item.fields;
    const answer = (text: string): ContentItemFields => ({ kind: 'faq', fields: { ...fields, answer: text } });
    const saved = (
      await byAuthor('content/drafts/save', {
        changeId: null,
        itemId: target.itemId,
        edit: { action: 'save', item: answer('送审的答复。') },
      })
    ).json<{ change: Change }>().change;

    const held = gated.hold();
    const late = byAuthor('content/drafts/save', {
      changeId: saved.changeId,
      itemId: target.itemId,
      edit: { action: 'save', item: answer('送审之后改的答复。') },
    });
    await held.reached;
    hub.advance(1000);
    const sent = (await byAuthor('content/changes/submit', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;
    expect(sent.state).toBe('in-review');
    held.go();
    const refused = await late;
    expect(refused.statusCode, refused.body).toBe(409);
    const now = (await byAuthor('content/changes/show', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;
    expect(now).toMatchObject({ state: 'in-review', updatedAt: sent.updatedAt, item: answer('送审的答复。') });
  }, 60_000);
});

describe('a change whose release is published but whose hub loses the answer to the commit (sqlite)', () => {
  const hub = useTestHub('sqlite', {
    contentEditing: () => {
      const real = testContentEditing(scratch, KEYS);
      return {
        ...real,
        // Published and committed, then the answer never comes back: a connection cut, a hub killed right after.
        publish: async (db, uploadId, opts) => {
          await real.publish!(db, uploadId, opts);
          throw new Error('the connection to the database dropped after the commit');
        },
      };
    },
  });

  it('is published with its release: never left looking unpublished (or failed) while kiosks may have its text', async () => {
    const db = hub.storage.storage.db;
    await initRepository(db, KEYS, 'hubctl', hub.now());
    const { byAuthor, byReviewer } = await admins(hub);
    const target = (await byAuthor('content/items', { kind: 'faq' })).json<z.infer<typeof ContentItemsResponse>>()
      .items[1]!;
    if (target.item.kind !== 'faq') throw new Error('expected a FAQ');
    const edited: ContentItemFields = {
      kind: 'faq',
      fields: { ...target.item.fields, answer: `${target.item.fields.answer}（已更新。）` },
    };
    const saved = (
      await byAuthor('content/drafts/save', {
        changeId: null,
        itemId: target.itemId,
        edit: { action: 'save', item: edited },
      })
    ).json<{ change: Change }>().change;
    const sent = (await byAuthor('content/changes/submit', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;
    await byReviewer('content/changes/review', {
      changeId: saved.changeId,
      updatedAt: sent.updatedAt,
      decision: 'approve',
      note: null,
    });
    const now = (await byAuthor('content/changes/show', { changeId: saved.changeId })).json<{ change: Change }>()
      .change;
    expect(now).toMatchObject({ state: 'published', releaseNumber: 1, failure: null });
    const actions = (await listAudit(db, { limit: 50 })).map((e) => e.action);
    expect(actions).toContain('content.publish');
    expect(actions).not.toContain('content.publish.failed');
  }, 120_000);
});
