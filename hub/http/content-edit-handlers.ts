import type { Logger } from 'pino';
import type { HubApi } from '../../common/hub/api/contract';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import { ContentEditError, createContentEdits, type PublishOnline } from '../content-edits/content-edits';
import type { EditsSource } from '../content-edits/edits-source';
import { ReleaseQueue } from '../content-edits/release-queue';
import { listUploads, reviewUpload } from '../content-edits/release-uploads';
import { publishReleaseOnline } from '../releases/content-releases';
import type { OnlineTufKeys } from '../releases/online-keys';
import type { HubDb } from '../storage/schema';
import type { HubCaller } from './hub-guard';
import { signedIn } from './route-callers';

/** The console's content editing: drafts, four-eyes review, publishing as a release (common/hub/api/content-edits.ts). */

export type ContentEditRoutes =
  | 'contentItems'
  | 'contentDraftSave'
  | 'contentSubmit'
  | 'contentWithdraw'
  | 'contentChanges'
  | 'contentChange'
  | 'contentReview'
  | 'contentPreview'
  | 'releaseUploads'
  | 'releaseUploadReview';

export interface ContentEditing {
  /** The content source releases are built from. */
  source: EditsSource;
  /** How an approved release is published; default with the hub's online keys (`tufKeys`), none without them (approvals answer 503). */
  publish?: PublishOnline | undefined;
}

/** Publishes with the online keys, read again after a failure (the files may have been replaced by `hubctl tuf delegate`). */
function publishWith(keys: OnlineTufKeys): PublishOnline {
  return async (db, uploadId, opts) => {
    try {
      return await publishReleaseOnline(db, uploadId, { online: keys.read(), ...opts });
    } catch (error) {
      keys.forget();
      throw error;
    }
  };
}

const STATUS = { 'not-found': 404, forbidden: 403, conflict: 409, unavailable: 503 } as const;

/** A refusal in its own words, with the status its reason calls for. */
function refused(error: unknown): never {
  if (error instanceof ContentEditError) throw new HttpError(STATUS[error.reason], error.reason, error.message);
  throw error;
}

export function createContentEditHandlers(deps: {
  db: HubDb;
  now: () => Date;
  logger: Logger;
  /** Undefined: this hub edits no content (every route answers 503). */
  contentEditing?: ContentEditing | undefined;
  tufKeys?: OnlineTufKeys | undefined;
}): Pick<Handlers<HubApi, HubCaller>, ContentEditRoutes> {
  const { db, now, contentEditing } = deps;
  if (contentEditing === undefined) {
    const notHere = (): never => {
      throw new HttpError(503, 'unavailable', 'content editing is not available on this hub');
    };
    return {
      contentItems: notHere,
      contentDraftSave: notHere,
      contentSubmit: notHere,
      contentWithdraw: notHere,
      contentChanges: notHere,
      contentChange: notHere,
      contentReview: notHere,
      contentPreview: notHere,
      releaseUploads: notHere,
      releaseUploadReview: notHere,
    };
  }
  const queue = new ReleaseQueue();
  const publish = contentEditing.publish ?? (deps.tufKeys === undefined ? undefined : publishWith(deps.tufKeys));
  const edits = createContentEdits({ db, now, logger: deps.logger, queue, source: contentEditing.source, publish });
  const userOf = (ctx: HubCaller): number => signedIn(ctx).session.user.id;

  return {
    async contentItems(body) {
      return { items: await edits.items(body.kind).catch(refused) };
    },
    async contentDraftSave(body, ctx) {
      return { change: await edits.saveDraft(body, userOf(ctx)).catch(refused) };
    },
    async contentSubmit(body, ctx) {
      return { change: await edits.submit(body.changeId, userOf(ctx)).catch(refused) };
    },
    async contentWithdraw(body, ctx) {
      return { change: await edits.withdraw(body.changeId, userOf(ctx)).catch(refused) };
    },
    async contentChanges(body) {
      return { changes: await edits.list(body.state).catch(refused) };
    },
    async contentChange(body) {
      return { change: await edits.show(body.changeId).catch(refused) };
    },
    async contentReview(body, ctx) {
      return {
        change: await edits.review(body.changeId, userOf(ctx), body.decision, body.note, body.updatedAt).catch(refused),
      };
    },
    async contentPreview(body) {
      return edits.preview(body.item).catch(refused);
    },
    async releaseUploads() {
      return { uploads: await listUploads(db) };
    },
    async releaseUploadReview(body, ctx) {
      await reviewUpload({ db, now, publish, queue }, body, { userId: userOf(ctx) }).catch(refused);
      return { uploads: await listUploads(db) };
    },
  };
}
