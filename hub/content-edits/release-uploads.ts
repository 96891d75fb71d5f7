import type { z } from 'zod';
import type { ReleaseUploadsResponse } from '../../common/hub/api/content-edits';
import { actorText, appendAudit, type AuditActor } from '../storage/audit-log';
import type { HubDb } from '../storage/schema';
import { ContentEditError, STALE_CLAIM_MS, type PublishOnline } from './content-edits';
import type { ReleaseQueue } from './release-queue';

/**
 * Releases uploaded with `hubctl release upload` wait in review: a second
 * administrator — not the one who uploaded it — approves, which publishes
 * it with the hub's online `releases` key, or rejects it, and it is never
 * published. An upload made at hubctl on the hub's machine has no account
 * behind it; any administrator may review it (the operator there was the
 * first pair of eyes). `hubctl release publish --keys DIR` stays the
 * offline path, past this review: whoever holds the offline targets key can
 * sign anything anyway.
 */

type Upload = z.infer<typeof ReleaseUploadsResponse>['uploads'][number];

/** The uploads (origin `upload`), newest first. */
export async function listUploads(db: HubDb, id?: number): Promise<Upload[]> {
  let query = db
    .selectFrom('content_releases')
    .select(['id', 'version', 'sha256', 'length', 'uploaded_at', 'uploaded_by', 'release_number', 'rejected_at'])
    .where('origin', '=', 'upload');
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.orderBy('id', 'desc').limit(200).execute();
  return rows.map((r) => ({
    uploadId: r.id,
    version: r.version,
    sha256: r.sha256,
    length: r.length,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploaded_by,
    state: r.release_number !== null ? 'published' : r.rejected_at !== null ? 'rejected' : 'in-review',
    releaseNumber: r.release_number,
  }));
}

export async function reviewUpload(
  deps: { db: HubDb; now: () => Date; publish: PublishOnline | undefined; queue: ReleaseQueue },
  review: { uploadId: number; decision: 'approve' | 'reject'; note: string | null },
  reviewer: AuditActor,
): Promise<void> {
  const { db, now } = deps;
  const [upload] = await listUploads(db, review.uploadId);
  if (upload === undefined) throw new ContentEditError('not-found', `there is no uploaded release ${review.uploadId}`);
  if (upload.uploadedBy === actorText(reviewer))
    throw new ContentEditError(
      'forbidden',
      `release upload ${review.uploadId} is your own: a second administrator reviews it`,
    );
  if (upload.state !== 'in-review')
    throw new ContentEditError('conflict', `release upload ${review.uploadId} is ${upload.state} already`);
  if (review.decision === 'approve' && deps.publish === undefined)
    throw new ContentEditError(
      'unavailable',
      'this hub has no online releases key to publish with: make it with `hubctl tuf delegate`',
    );

  await db.transaction().execute(async (trx) => {
    const at = now().toISOString();
    const done = await trx
      .updateTable('content_releases')
      .set({
        reviewed_by: actorText(reviewer),
        reviewed_at: at,
        review_note: review.note,
        ...(review.decision === 'reject' ? { rejected_at: at } : {}),
      })
      .where('id', '=', review.uploadId)
      .where('release_number', 'is', null)
      .where('rejected_at', 'is', null)
      // An approval is its claim while the release is signed; one older than a publication takes was cut off
      // (the hub stopped mid-publication) and would otherwise hold the upload in review for good.
      .where((eb) =>
        eb.or([
          eb('reviewed_at', 'is', null),
          eb('reviewed_at', '<', new Date(now().getTime() - STALE_CLAIM_MS).toISOString()),
        ]),
      )
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      throw new ContentEditError('conflict', `release upload ${review.uploadId} is being reviewed already`);
    await appendAudit(
      trx,
      {
        actor: reviewer,
        action: review.decision === 'approve' ? 'release.review.approve' : 'release.review.reject',
        target: `release-upload:${review.uploadId}`,
        details: { version: upload.version, note: review.note },
      },
      now(),
    );
  });
  if (review.decision === 'reject') return;
  await deps.queue
    .run(() => deps.publish!(db, review.uploadId, { actor: reviewer, now: now() }))
    .catch(async (error: unknown) => {
      const failure = (error as Error).message;
      // Back in review, with why: the file stays as uploaded. Audited, so that the approval above is not the log's last word.
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('content_releases')
          .set({ reviewed_at: null, reviewed_by: null, review_note: `not published: ${failure}` })
          .where('id', '=', review.uploadId)
          .where('release_number', 'is', null)
          .execute();
        await appendAudit(
          trx,
          {
            actor: reviewer,
            action: 'release.publish.failed',
            target: `release-upload:${review.uploadId}`,
            details: { failure },
          },
          now(),
        );
      });
      throw new ContentEditError(
        'unavailable',
        `release upload ${review.uploadId} was not published: ${(error as Error).message}`,
      );
    });
}
