import {
  ContentChangeByIdRequest,
  ContentChangeResponse,
  ContentChangesRequest,
  ContentChangesResponse,
  ContentDraftSaveRequest,
  ContentItemsRequest,
  ContentItemsResponse,
  ContentPreviewRequest,
  ContentPreviewResponse,
  ContentReviewRequest,
  ReleaseUploadReviewRequest,
  ReleaseUploadsResponse,
} from './content-edits';
import {
  COMMAND_SCREENSHOT_MAX_BYTES,
  CommandById,
  CommandDetail,
  CommandListRequest,
  CommandListResponse,
  FleetCommandSummary,
  KioskCommandResultRequest,
  KioskCommandResultResponse,
  SendCommandRequest,
} from './fleet-commands';
import { z } from 'zod';
import type { Contract, RouteNameOf } from '../../api/contract-shape';
import { KioskCaseStatusRequest, KioskCaseStatusResponse } from '../cases';
import type { HubAccess } from './access';
import {
  AuditListRequest,
  AuditListResponse,
  CreateUserRequest,
  CreateUserResponse,
  DisableUserResponse,
  MeResponse,
  ResetPasswordRequest,
  ResetPasswordResponse,
  ResetTotpResponse,
  SignInRequest,
  SignInResponse,
  TotpConfirmRequest,
  TotpConfirmResponse,
  TotpStartResponse,
  UserByLogin,
  UsersResponse,
} from './accounts';
import {
  ApproveKioskResponse,
  CreateEnrollCodeRequest,
  EnrollCodeResponse,
  HeartbeatResponse,
  KioskById,
  KioskHeartbeat,
  KioskStatusResponse,
  KiosksResponse,
  RegisterKioskRequest,
  RegisterKioskResponse,
  RevokeKioskResponse,
} from './kiosks';
import { AlertsResponse, KioskDetailResponse, SetOpeningHoursRequest, SetOpeningHoursResponse } from './alerts';
import { CALL_DOCUMENT_MAX_BYTES, CallDocument, CallDocumentNotice, PushCallDocumentRequest } from './calls';
import {
  DutyRosterRequest,
  DutyRosterResponse,
  KioskCallDocumentRequest,
  LawyerQueuesRequest,
  LawyerQueuesResponse,
  MyCallsResponse,
  SetDutyRosterRequest,
  SetDutyRosterResponse,
  SetLawyerQueuesRequest,
} from './call-desk';
import { CallTemplatesResponse } from './call-templates';
import {
  ConsultationRecordRequest,
  ConsultationRecordResponse,
  SaveConsultationRecordRequest,
  SaveConsultationRecordResponse,
} from './call-records';
import { CallFiguresRequest, CallFiguresResponse } from './call-figures';
import { FiguresExportRequest, FiguresExportResponse, YearFiguresRequest, YearFiguresResponse } from './year-figures';
import { KioskSubmitBody, KioskSubmitResponse } from './submissions';
import {
  KioskPinRequest,
  KioskPinResponse,
  ReleasesResponse,
  RolloutChangeRequest,
  RolloutChangeResponse,
} from './releases';
import { SUBMIT_BODY_LIMIT } from '../../api/body-limits';
import { LawPageQuery, PlainPageQuery, SlugPageParams, type HubPageDef } from './take-away-pages';
import {
  CallbackByIdRequest,
  CallbackDoneResponse,
  CallbackRevealResponse,
  CaseByIdRequest,
  CaseDetailResponse,
  CaseListRequest,
  CaseListResponse,
  CaseRevealResponse,
  CaseStatusChangeRequest,
  CaseStatusChangeResponse,
  FeedbackListResponse,
} from './case-desk';

/**
 * The hub's HTTP API for its consoles, shared by the hub (which validates
 * request bodies against it and checks `access` on the route that matched)
 * and the consoles' typed client. Every route says who may call it; the
 * route × role test is generated from this table, so a route added here
 * is tested the day it is added.
 *
 * Requests from a browser are guarded against cross-site use: every route
 * but health needs the HUB_REQUEST_HEADER (which a form or a link from
 * another site cannot send), and every POST the hub's own Origin. The
 * kiosks' routes (under /api/kiosk/) are for kiosks only: they need the
 * header too, and refuse any request a browser marks with an Origin.
 */
export interface HubRouteDef<Body extends z.ZodType, Res extends z.ZodType> {
  method: 'GET' | 'POST';
  path: `/api/${string}`;
  body: Body;
  response: Res;
  access: HubAccess;
  /** Largest request body accepted, in bytes (default DEFAULT_BODY_LIMIT). */
  maxBodyBytes?: number;
  /** The body carries personal data: a refusal does not quote it (common/api/contract-shape.ts). */
  personalBody?: true;
}

function route<Body extends z.ZodType, Res extends z.ZodType>(def: HubRouteDef<Body, Res>): HubRouteDef<Body, Res> {
  return def;
}

/** The header every console request carries; its value is `1`. */
export const HUB_REQUEST_HEADER = 'x-hub-request';

const NoBody = z.undefined();
const Empty = z.object({});
/** Sign-in and the account routes carry a few short fields. */
const SMALL_BODY = 4 * 1024;

export const hubApi = {
  /** For load balancers and monitoring: up, and its database answers. Nothing about the software. */
  health: route({
    method: 'GET',
    path: '/api/health',
    body: NoBody,
    response: z.object({ status: z.literal('ok') }),
    access: 'anyone',
  }),
  signIn: route({
    method: 'POST',
    path: '/api/session/sign-in',
    body: SignInRequest,
    response: SignInResponse,
    access: 'anyone',
    maxBodyBytes: SMALL_BODY,
  }),
  signOut: route({
    method: 'POST',
    path: '/api/session/sign-out',
    body: Empty,
    response: Empty,
    access: 'any-session',
  }),
  me: route({ method: 'GET', path: '/api/session/me', body: NoBody, response: MeResponse, access: 'any-session' }),
  /** A new TOTP secret, shown once; it counts only once a code from it is confirmed. Refused (409) when TOTP is set up already. */
  totpStart: route({
    method: 'POST',
    path: '/api/session/totp/start',
    body: Empty,
    response: TotpStartResponse,
    access: 'any-session',
  }),
  /** A code from the new secret proves the app has it: TOTP is on from now, and a set-up-only session becomes a full one. */
  totpConfirm: route({
    method: 'POST',
    path: '/api/session/totp/confirm',
    body: TotpConfirmRequest,
    response: TotpConfirmResponse,
    access: 'any-session',
    maxBodyBytes: SMALL_BODY,
  }),
  /** The accounts the caller may see: all for an administrator, their region and below for a regional one. */
  users: route({
    method: 'GET',
    path: '/api/users',
    body: NoBody,
    response: UsersResponse,
    access: ['administrator', 'regional-administrator'],
  }),
  userCreate: route({
    method: 'POST',
    path: '/api/users/create',
    body: CreateUserRequest,
    response: CreateUserResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Ends every session of the account at once. 404 for an account the caller may not manage, as for none. */
  userDisable: route({
    method: 'POST',
    path: '/api/users/disable',
    body: UserByLogin,
    response: DisableUserResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** A new password, the lock cleared, every session of the account ended. 404 as for userDisable. */
  userResetPassword: route({
    method: 'POST',
    path: '/api/users/reset-password',
    body: ResetPasswordRequest,
    response: ResetPasswordResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /**
   * For someone who lost the phone their authenticator was on: the second
   * factor is forgotten and every session of the account ends; an account
   * that needs TOTP sets a new one up at its next sign-in. 404 as for userDisable.
   */
  userResetTotp: route({
    method: 'POST',
    path: '/api/users/reset-totp',
    body: UserByLogin,
    response: ResetTotpResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The audit log, newest first, a page at a time. */
  audit: route({
    method: 'POST',
    path: '/api/audit',
    body: AuditListRequest,
    response: AuditListResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** A one-time enrollment code for a region the caller manages, shown once. */
  enrollCodeCreate: route({
    method: 'POST',
    path: '/api/kiosks/enroll-codes/create',
    body: CreateEnrollCodeRequest,
    response: EnrollCodeResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The kiosks of the regions the caller manages, revoked ones too. */
  kiosks: route({
    method: 'GET',
    path: '/api/kiosks',
    body: NoBody,
    response: KiosksResponse,
    access: ['administrator', 'regional-administrator'],
  }),
  /** 404 for a kiosk outside the caller's regions, as for none; 409 for a revoked one. */
  kioskApprove: route({
    method: 'POST',
    path: '/api/kiosks/approve',
    body: KioskById,
    response: ApproveKioskResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Refused from its next request on; never deleted. 404 as for kioskApprove. */
  kioskRevoke: route({
    method: 'POST',
    path: '/api/kiosks/revoke',
    body: KioskById,
    response: RevokeKioskResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The open alerts of the kiosks in the caller's regions. */
  alerts: route({
    method: 'GET',
    path: '/api/alerts',
    body: NoBody,
    response: AlertsResponse,
    access: ['administrator', 'regional-administrator'],
  }),
  /** A kiosk's page: latest heartbeat, alerts open and past, health history, opening hours. 404 as for kioskApprove. */
  kioskDetail: route({
    method: 'POST',
    path: '/api/kiosks/detail',
    body: KioskById,
    response: KioskDetailResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** When the kiosk's site is open (offline alerts only then); null for the default hours. 404 as for kioskApprove; 409 for a revoked kiosk. */
  kioskOpeningHours: route({
    method: 'POST',
    path: '/api/kiosks/opening-hours',
    body: SetOpeningHoursRequest,
    response: SetOpeningHoursResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Every published release with its rollout, and how many of the caller's kiosks are on it, downloading, failed, rolled it back. */
  releases: route({
    method: 'GET',
    path: '/api/releases',
    body: NoBody,
    response: ReleasesResponse,
    access: ['administrator', 'regional-administrator'],
  }),
  /** Widen, pause, resume or abort a release's rollout: the whole fleet's, so administrators only; 409 with the reason when refused. */
  releaseRollout: route({
    method: 'POST',
    path: '/api/releases/rollout',
    body: RolloutChangeRequest,
    response: RolloutChangeResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Keep a kiosk at a release, or let it follow the rollouts again. 404 as for kioskApprove; 409 for a release not published. */
  kioskPin: route({
    method: 'POST',
    path: '/api/kiosks/pin',
    body: KioskPinRequest,
    response: KioskPinResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The queues a lawyer serves (common/hub/call-queues.ts). 404 for an account the caller may not manage or that is not a lawyer, as for none. */
  lawyerQueues: route({
    method: 'POST',
    path: '/api/lawyers/queues',
    body: LawyerQueuesRequest,
    response: LawyerQueuesResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Sets them (an empty list: back to the default); a regional administrator within their region only (403). 404 as for lawyerQueues. */
  lawyerQueuesSet: route({
    method: 'POST',
    path: '/api/lawyers/queues/set',
    body: SetLawyerQueuesRequest,
    response: LawyerQueuesResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The duty roster (排班) set for a region the caller manages (403 for another). */
  dutyRoster: route({
    method: 'POST',
    path: '/api/duty-roster',
    body: DutyRosterRequest,
    response: DutyRosterResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Replaces a region's roster whole; refused with each entry's problem. 403 as for dutyRoster. */
  dutyRosterSet: route({
    method: 'POST',
    path: '/api/duty-roster/set',
    body: SetDutyRosterRequest,
    response: SetDutyRosterResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: 32 * 1024,
  }),
  /** The calling lawyer's calls of the last MY_CALLS_DAYS days, and the missed and abandoned ones of their queues, for callbacks. */
  callsMine: route({
    method: 'GET',
    path: '/api/calls/mine',
    body: NoBody,
    response: MyCallsResponse,
    access: ['lawyer'],
  }),
  /**
   * The calling lawyer keeps the consultation record of a call they
   * answered: a draft, or finished. 404 for a call they did not answer, as
   * for none; 409 once a finished record is past its grace for corrections.
   */
  consultationRecordSave: route({
    method: 'POST',
    path: '/api/calls/record/save',
    body: SaveConsultationRecordRequest,
    response: SaveConsultationRecordResponse,
    access: ['lawyer'],
    maxBodyBytes: 32 * 1024,
  }),
  /**
   * A call and its consultation record: for the lawyer who answered it, and
   * the administrators of the kiosk's region (404 for any other call, as for
   * none). Reading a record is written to the audit log.
   */
  consultationRecord: route({
    method: 'POST',
    path: '/api/calls/record',
    body: ConsultationRecordRequest,
    response: ConsultationRecordResponse,
    access: ['lawyer', 'administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /**
   * The call figures of a range of days (China time), for the regions the
   * caller manages: in total, per month, per lawyer, per kiosk. 403 for a
   * region outside the caller's.
   */
  callFigures: route({
    method: 'POST',
    path: '/api/calls/figures',
    body: CallFiguresRequest,
    response: CallFiguresResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /**
   * The year's figures (kiosk usage, case facts, video calls) by month,
   * region and kiosk, and the annual table, for the regions the caller
   * manages. 403 for a region outside the caller's, 404 for a kiosk
   * outside them (as for none).
   */
  yearFigures: route({
    method: 'POST',
    path: '/api/figures/year',
    body: YearFiguresRequest,
    response: YearFiguresResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The same figures as a CSV of one table or an XLSX workbook of them; same rights. */
  yearFiguresExport: route({
    method: 'POST',
    path: '/api/figures/export',
    body: FiguresExportRequest,
    response: FiguresExportResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /**
   * A lawyer pushes a document to the kiosk of the call they are in: kept
   * at the hub, announced to the kiosk (`call-document`), answered with the
   * same notice. 404 for a call the caller is not in now, as for none; 400
   * for a PDF that is not one.
   */
  callDocumentPush: route({
    method: 'POST',
    path: '/api/calls/documents',
    body: PushCallDocumentRequest,
    response: CallDocumentNotice,
    access: ['lawyer'],
    // The PDF in base64, and the few fields around it.
    maxBodyBytes: Math.ceil(CALL_DOCUMENT_MAX_BYTES / 3) * 4 + 8 * 1024,
  }),
  /** A kiosk fetches a document pushed to a call of its own (404 for any other, as for none), to check its hash and print it. */
  kioskCallDocument: route({
    method: 'POST',
    path: '/api/kiosk/call-document',
    body: KioskCallDocumentRequest,
    response: CallDocument,
    access: 'approved-kiosk',
    maxBodyBytes: SMALL_BODY,
  }),
  /** The document templates a lawyer may fill and push to the kiosk during a call, with their fields. */
  callTemplates: route({
    method: 'GET',
    path: '/api/calls/templates',
    body: NoBody,
    response: CallTemplatesResponse,
    access: ['lawyer'],
  }),
  /** The cases of a kind (and status) in the regions the caller works, oldest first; personal data masked. */
  cases: route({
    method: 'POST',
    path: '/api/cases',
    body: CaseListRequest,
    response: CaseListResponse,
    access: ['administrator', 'regional-administrator', 'case-officer'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** A case with its history and the statuses it may move to; masked. 404 for a case outside the caller's regions, as for none. */
  caseDetail: route({
    method: 'POST',
    path: '/api/cases/detail',
    body: CaseByIdRequest,
    response: CaseDetailResponse,
    access: ['administrator', 'regional-administrator', 'case-officer'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The case's personal data unmasked; written to the audit log (who, which case). 404 as for caseDetail. */
  caseReveal: route({
    method: 'POST',
    path: '/api/cases/reveal',
    body: CaseByIdRequest,
    response: CaseRevealResponse,
    access: ['administrator', 'regional-administrator', 'case-officer'],
    maxBodyBytes: SMALL_BODY,
  }),
  /**
   * Moves a case to a status its current one allows, with the details that
   * status needs (400 otherwise); audited, and pushed to the kiosk that took
   * it. 409 when the case is no longer at `from` (another officer was
   * first), naming where it stands. 404 as for caseDetail.
   */
  caseStatusChange: route({
    method: 'POST',
    path: '/api/cases/status',
    body: CaseStatusChangeRequest,
    response: CaseStatusChangeResponse,
    access: ['administrator', 'regional-administrator', 'case-officer'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Callback requests (phone masked) and ratings taken in the caller's regions, newest first. */
  feedback: route({
    method: 'GET',
    path: '/api/feedback',
    body: NoBody,
    response: FeedbackListResponse,
    access: ['administrator', 'regional-administrator', 'case-officer', 'lawyer'],
  }),
  /** A callback request's phone number unmasked; audited. 404 for one outside the caller's regions, as for none. */
  callbackReveal: route({
    method: 'POST',
    path: '/api/feedback/callbacks/reveal',
    body: CallbackByIdRequest,
    response: CallbackRevealResponse,
    access: ['administrator', 'regional-administrator', 'case-officer', 'lawyer'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Marks a callback request done (called back); audited. 404 as for callbackReveal. */
  callbackDone: route({
    method: 'POST',
    path: '/api/feedback/callbacks/done',
    body: CallbackByIdRequest,
    response: CallbackDoneResponse,
    access: ['administrator', 'regional-administrator', 'case-officer', 'lawyer'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** A kiosk registers its public key with a one-time enrollment code (`kioskctl hub enroll`). */
  kioskRegister: route({
    method: 'POST',
    path: '/api/kiosk/register',
    body: RegisterKioskRequest,
    response: RegisterKioskResponse,
    access: 'enrolling-kiosk',
    maxBodyBytes: SMALL_BODY,
  }),
  /** Where the calling kiosk stands: pending, approved (revoked ones are refused). */
  kioskStatus: route({
    method: 'GET',
    path: '/api/kiosk/status',
    body: NoBody,
    response: KioskStatusResponse,
    access: 'enrolled-kiosk',
  }),
  /** The calling kiosk's health; the hub keeps the latest and answers once it is committed. */
  kioskHeartbeat: route({
    method: 'POST',
    path: '/api/kiosk/heartbeat',
    body: KioskHeartbeat,
    response: HeartbeatResponse,
    access: 'approved-kiosk',
    maxBodyBytes: 16 * 1024,
  }),
  /**
   * A submission delivered from the calling kiosk's outbox, answered once it
   * is committed. The idempotency key is the kiosk's own: a repeat of it
   * answers the first answer again, for good; the same key (or reference)
   * with another body is refused (409).
   */
  kioskSubmit: route({
    method: 'POST',
    path: '/api/kiosk/submissions',
    body: KioskSubmitBody,
    response: KioskSubmitResponse,
    access: 'approved-kiosk',
    // The kiosk took the submission within this limit with its receipt besides; without it, it fits.
    maxBodyBytes: SUBMIT_BODY_LIMIT,
    // A refusal is kept in the kiosk's outbox: it names the fields, not what they held.
    personalBody: true,
  }),
  /**
   * 查询进度 from a kiosk: where the case with this reference stands, if
   * the phone's last four digits match the submission's. Wrong tries are
   * limited per kiosk and per reference (common/hub/cases.ts).
   */
  kioskCaseStatus: route({
    method: 'POST',
    path: '/api/kiosk/case-status',
    body: KioskCaseStatusRequest,
    response: KioskCaseStatusResponse,
    access: 'approved-kiosk',
  }),

  // Fleet commands (common/hub/api/fleet-commands.ts). 404 for a kiosk or command outside the caller's regions, as for none.

  /** Sends a kiosk a command; 409 for a kiosk not approved. */
  commandSend: route({
    method: 'POST',
    path: '/api/kiosks/commands/send',
    body: SendCommandRequest,
    response: FleetCommandSummary,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The latest commands of the kiosks the caller manages (or of one), newest first. */
  commandList: route({
    method: 'POST',
    path: '/api/kiosks/commands',
    body: CommandListRequest,
    response: CommandListResponse,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** One command with its result's payload (the logs, the screenshot). */
  commandShow: route({
    method: 'POST',
    path: '/api/kiosks/commands/show',
    body: CommandById,
    response: CommandDetail,
    access: ['administrator', 'regional-administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The calling kiosk's result of a command sent to it (404 for any other); a repeat changes nothing. */
  kioskCommandResult: route({
    method: 'POST',
    path: '/api/kiosk/command-result',
    body: KioskCommandResultRequest,
    response: KioskCommandResultResponse,
    access: 'approved-kiosk',
    // A screenshot in base64, and the few fields around it.
    maxBodyBytes: Math.ceil(COMMAND_SCREENSHOT_MAX_BYTES / 3) * 4 + 8 * 1024,
  }),
  // Content editing (common/hub/api/content-edits.ts): the whole fleet's content, so administrators only.

  /** The items of a kind as the content source has them now, with any open change to each. */
  contentItems: route({
    method: 'POST',
    path: '/api/content/items',
    body: ContentItemsRequest,
    response: ContentItemsResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Saves a draft (new, or the caller's own again: 403 for another's, 409 once it is sent for review or the item has another open change). */
  contentDraftSave: route({
    method: 'POST',
    path: '/api/content/drafts/save',
    body: ContentDraftSaveRequest,
    response: ContentChangeResponse,
    access: ['administrator'],
    maxBodyBytes: 64 * 1024,
  }),
  /** Sends the caller's own draft for review; 409 while it has problems (they are in the response's change too). */
  contentSubmit: route({
    method: 'POST',
    path: '/api/content/changes/submit',
    body: ContentChangeByIdRequest,
    response: ContentChangeResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** Withdraws the caller's own draft or change in review. */
  contentWithdraw: route({
    method: 'POST',
    path: '/api/content/changes/withdraw',
    body: ContentChangeByIdRequest,
    response: ContentChangeResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** The changes, open ones first (or those in one state). */
  contentChanges: route({
    method: 'POST',
    path: '/api/content/changes',
    body: ContentChangesRequest,
    response: ContentChangesResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** One change. 404 for none. */
  contentChange: route({
    method: 'POST',
    path: '/api/content/changes/show',
    body: ContentChangeByIdRequest,
    response: ContentChangeResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** A second administrator approves (which publishes it as a new release) or rejects a change in review; 403 for its author. */
  contentReview: route({
    method: 'POST',
    path: '/api/content/changes/review',
    body: ContentReviewRequest,
    response: ContentChangeResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
  /** How an item would look on the kiosk, with its problems and cited articles; changes nothing. */
  contentPreview: route({
    method: 'POST',
    path: '/api/content/preview',
    body: ContentPreviewRequest,
    response: ContentPreviewResponse,
    access: ['administrator'],
    maxBodyBytes: 64 * 1024,
  }),
  /** Releases uploaded with `hubctl release upload`, with where their review stands. */
  releaseUploads: route({
    method: 'GET',
    path: '/api/releases/uploads',
    body: NoBody,
    response: ReleaseUploadsResponse,
    access: ['administrator'],
  }),
  /** A second administrator (not the uploader: 403) approves, which publishes it, or rejects an uploaded release. */
  releaseUploadReview: route({
    method: 'POST',
    path: '/api/releases/uploads/review',
    body: ReleaseUploadReviewRequest,
    response: ReleaseUploadsResponse,
    access: ['administrator'],
    maxBodyBytes: SMALL_BODY,
  }),
} satisfies Contract;

export type HubApi = typeof hubApi;

function page<Params extends z.ZodType, Query extends z.ZodType>(
  def: HubPageDef<Params, Query>,
): HubPageDef<Params, Query> {
  return def;
}

/**
 * The hub's public pages: light HTML for phones, read from the current
 * content release, opened from the QR codes on kiosk screens and receipts
 * (common/take-away.ts). Anyone may load them, from anywhere — a link
 * forwarded in a chat is a cross-site navigation — with no header, no
 * session and no body; they change nothing. Params and query are checked
 * against these schemas before anything is looked up.
 */
export const hubPages = {
  answerPage: page({ path: '/p/answer/:id', params: SlugPageParams, query: PlainPageQuery, access: 'anyone' }),
  guidePage: page({ path: '/p/guide/:id', params: SlugPageParams, query: PlainPageQuery, access: 'anyone' }),
  lawPage: page({ path: '/p/law', params: z.strictObject({}), query: LawPageQuery, access: 'anyone' }),
  officePage: page({ path: '/p/office/:id', params: SlugPageParams, query: PlainPageQuery, access: 'anyone' }),
};
export type HubPages = typeof hubPages;
export type HubPageName = keyof HubPages;
export type HubRouteName = RouteNameOf<HubApi>;
