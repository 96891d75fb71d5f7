import type { HubApi } from '../../common/hub/api/contract';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import type { HubCaller } from './hub-guard';

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

export function createContentEditHandlers(): Pick<Handlers<HubApi, HubCaller>, ContentEditRoutes> {
  const notYet = (): never => {
    throw new HttpError(503, 'unavailable', 'content editing is not available on this hub yet');
  };
  return {
    contentItems: notYet,
    contentDraftSave: notYet,
    contentSubmit: notYet,
    contentWithdraw: notYet,
    contentChanges: notYet,
    contentChange: notYet,
    contentReview: notYet,
    contentPreview: notYet,
    releaseUploads: notYet,
    releaseUploadReview: notYet,
  };
}
