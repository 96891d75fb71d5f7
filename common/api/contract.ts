import { z } from 'zod';
import { ClientLogEntry } from './client-log';
import { Health } from './health';
import { SearchRequest, SearchResponse, SuggestRequest, SuggestResponse } from './search';
import { DeviceStatus, PrintJob, SIMULATED_CARDS } from './devices';
import { ImeRequest, ImeResponse } from './ime';
import { DirectoryRequest, DirectoryResponse } from './directory';
import {
  TemplatePreviewRequest,
  TemplatePreviewResponse,
  TemplatePrintRequest,
  TemplateResponse,
  TemplatesResponse,
} from './templates';
import {
  ArticleRequest,
  ArticleResponse,
  ById,
  ByTopic,
  FaqListResponse,
  FaqResponse,
  GuideResponse,
  LawByIdRequest,
  LawResponse,
  LawsResponse,
  SlidesResponse,
  TopicsResponse,
} from './content';
import { ContentInstallRequest, ContentInstallResponse } from './content-release';
import { Receipt } from '../receipt/receipt';
import { ReceiptLayout } from '../receipt/layout';
import { ArticlesByCitationRequest, ArticlesByCitationResponse } from './citations';
import {
  OutboxRetryRequest,
  OutboxRetryResponse,
  ReprintRequest,
  ReprintResponse,
  SubmissionStatus,
  SubmissionStatusRequest,
  SubmitRequest,
  SubmitResponse,
} from './submissions';
import { UsageRequest } from './usage';
import { CaseStatusAnswer, CaseStatusRequest } from './case-status';
import { CallAnswer, CallById, CallDocumentPrintRequest, CallRequest, CallSignalRequest, CurrentCall } from './calls';
import { IceConfig } from '../hub/api/calls';
import { checkReceiptSize, RECEIPT_ROUTE_BODY_LIMIT, SUBMIT_BODY_LIMIT } from './body-limits';

/**
 * The local service's HTTP API, shared by the service (which validates
 * request bodies against it) and the renderer's typed client (which validates
 * answers against it). Adding an endpoint here is the whole contract: the
 * service refuses to start if a route is left without a handler.
 */
export interface RouteDef<Body extends z.ZodType, Res extends z.ZodType> {
  method: 'GET' | 'POST';
  path: `/api/${string}`;
  body: Body;
  response: Res;
  /** Largest request body accepted, in bytes (default DEFAULT_BODY_LIMIT); body-limits.test.ts checks it holds the largest valid body. */
  maxBodyBytes?: number;
}

function route<Body extends z.ZodType, Res extends z.ZodType>(def: RouteDef<Body, Res>): RouteDef<Body, Res> {
  return def;
}

const NoBody = z.undefined();
/** A receipt the service is asked to print: capped in size so the route's body limit always holds it. */
const SizedReceipt = Receipt.superRefine(checkReceiptSize);
const Empty = z.object({});

export const api = {
  health: route({ method: 'GET', path: '/api/health', body: NoBody, response: Health }),
  clientLog: route({ method: 'POST', path: '/api/client-log', body: ClientLogEntry, response: Empty }),
  search: route({ method: 'POST', path: '/api/search', body: SearchRequest, response: SearchResponse }),
  suggest: route({ method: 'POST', path: '/api/suggest', body: SuggestRequest, response: SuggestResponse }),
  /**
   * 开始使用: the attract loop was touched. The service counts a citizen as
   * present from here (service/session/kiosk-activity.ts), even on a home
   * screen that has asked for nothing yet: what waits for the attract loop
   * (a screenshot, a reload) waits from the first touch.
   */
  sessionStart: route({ method: 'POST', path: '/api/session/start', body: z.strictObject({}), response: Empty }),
  /**
   * The citizen finished (or walked away): the service forgets what that
   * session left — a card being waited for, the list of printed receipts.
   * Nothing of it prints afterwards: a submission's receipt still waiting
   * for paper is held in the outbox for reprint on request (补打), any
   * other waiting job is dropped.
   */
  /**
   * `start`: the UI (re)loaded — after a crash, a reload or a new browser the
   * screen shows the attract loop, so whatever the service still holds from
   * before belongs to someone who is gone.
   */
  sessionEnd: route({
    method: 'POST',
    path: '/api/session/end',
    body: z.strictObject({ reason: z.enum(['finish', 'idle', 'start']) }),
    response: Empty,
  }),
  ime: route({ method: 'POST', path: '/api/ime', body: ImeRequest, response: ImeResponse }),
  slides: route({ method: 'GET', path: '/api/content/slides', body: NoBody, response: SlidesResponse }),
  topics: route({ method: 'GET', path: '/api/content/topics', body: NoBody, response: TopicsResponse }),
  faqList: route({ method: 'POST', path: '/api/content/faq-list', body: ByTopic, response: FaqListResponse }),
  faq: route({ method: 'POST', path: '/api/content/faq', body: ById, response: FaqResponse }),
  guide: route({ method: 'POST', path: '/api/content/guide', body: ById, response: GuideResponse }),
  laws: route({ method: 'GET', path: '/api/content/laws', body: NoBody, response: LawsResponse }),
  law: route({ method: 'POST', path: '/api/content/law', body: LawByIdRequest, response: LawResponse }),
  article: route({ method: 'POST', path: '/api/content/article', body: ArticleRequest, response: ArticleResponse }),
  /** Articles named by law short name and number (a calculator's basis), in the order asked; null for one the release does not ship. */
  articlesByCitation: route({
    method: 'POST',
    path: '/api/content/articles-by-citation',
    body: ArticlesByCitationRequest,
    response: ArticlesByCitationResponse,
  }),
  /** The legal-service offices for this terminal's region (from its configuration), nearest first. */
  directory: route({
    method: 'POST',
    path: '/api/content/directory',
    body: DirectoryRequest,
    response: DirectoryResponse,
  }),
  templates: route({ method: 'GET', path: '/api/content/templates', body: NoBody, response: TemplatesResponse }),
  template: route({ method: 'POST', path: '/api/content/template', body: ById, response: TemplateResponse }),
  /** Checks the answers on the service and fills the template; field errors come back with 200 (see TemplatePreviewResponse). Print the receipt with `print`. */
  templatePreview: route({
    method: 'POST',
    path: '/api/templates/preview',
    body: TemplatePreviewRequest,
    response: TemplatePreviewResponse,
    maxBodyBytes: RECEIPT_ROUTE_BODY_LIMIT,
  }),
  templatePrint: route({
    method: 'POST',
    path: '/api/templates/print',
    body: TemplatePrintRequest,
    response: PrintJob,
    maxBodyBytes: RECEIPT_ROUTE_BODY_LIMIT,
  }),
  devices: route({
    method: 'GET',
    path: '/api/devices',
    body: NoBody,
    response: z.object({ devices: z.array(DeviceStatus) }),
  }),
  /** A screen that needs a card turns watching on; the reader is polled only then. */
  idcardWatch: route({
    method: 'POST',
    path: '/api/idcard/watch',
    body: z.strictObject({ watch: z.boolean() }),
    response: Empty,
  }),
  print: route({
    method: 'POST',
    path: '/api/print',
    body: z.strictObject({ title: z.string().min(1).max(80), receipt: SizedReceipt }),
    response: PrintJob,
    maxBodyBytes: RECEIPT_ROUTE_BODY_LIMIT,
  }),
  printPreview: route({
    method: 'POST',
    path: '/api/print/preview',
    body: z.strictObject({ receipt: SizedReceipt }),
    response: ReceiptLayout,
    maxBodyBytes: RECEIPT_ROUTE_BODY_LIMIT,
  }),
  printJobs: route({
    method: 'GET',
    path: '/api/print/jobs',
    body: NoBody,
    response: z.object({ jobs: z.array(PrintJob) }),
  }),
  printRetry: route({
    method: 'POST',
    path: '/api/print/retry',
    body: z.strictObject({ id: z.string() }),
    response: PrintJob,
  }),
  /**
   * Stores a submission (legal-aid application, mediation request, rating…)
   * with a new reference number and prints its receipt (a template in which
   * `{{reference}}` is filled in). The same idempotencyKey again returns the
   * first submission and prints nothing. 503 while records.db is unavailable.
   */
  submit: route({
    method: 'POST',
    path: '/api/submissions',
    body: SubmitRequest,
    response: SubmitResponse,
    maxBodyBytes: SUBMIT_BODY_LIMIT,
  }),
  /** A submission's state by its reference number (read tolerantly; a wrong check character is a 400). No personal data. */
  submission: route({
    method: 'POST',
    path: '/api/submissions/status',
    body: SubmissionStatusRequest,
    response: SubmissionStatus,
  }),
  /** Prints a submission's receipt again, on request (marked 补打); a job already under way for it is returned instead. */
  submissionReprint: route({
    method: 'POST',
    path: '/api/submissions/reprint',
    body: ReprintRequest,
    response: ReprintResponse,
  }),
  /**
   * 查询进度: where a legal-aid application or mediation request stands, by
   * its reference and the phone's last four digits — from the hub when it
   * answers, else what this kiosk last learned (common/api/case-status.ts).
   */
  caseStatus: route({
    method: 'POST',
    path: '/api/case-status',
    body: CaseStatusRequest,
    response: CaseStatusAnswer,
  }),
  /**
   * Technicians only (kioskctl outbox retry): undelivered submissions —
   * waiting out their backoff, or refused by the hub — or the one with
   * `reference`, are sent to the hub now.
   */
  outboxRetry: route({
    method: 'POST',
    path: '/api/outbox/retry',
    body: OutboxRetryRequest,
    response: OutboxRetryResponse,
  }),
  /**
   * Technicians only (kioskctl content install), and the updater's entry: a
   * content release file on this machine, already verified, taken into the
   * release store as release `releaseNumber` — copied, checked, recorded as
   * active, and served from the next moment no citizen uses the kiosk.
   * Refused (409, saying why) when it is not newer than every release
   * accepted before or fails its checks.
   */
  contentInstall: route({
    method: 'POST',
    path: '/api/content/install',
    body: ContentInstallRequest,
    response: ContentInstallResponse,
  }),
  /** A usage figure from a screen (an answer opened, a template printed…): counted for today; codes only, never personal data. Submissions are counted by the service itself. */
  usage: route({ method: 'POST', path: '/api/usage', body: UsageRequest, response: Empty }),
  // 视频咨询 (common/api/calls.ts): the service relays the call over its one socket to the hub.
  /**
   * Asks for a lawyer: answered with where the call stands — in line, or
   * unavailable and why (not enrolled, the hub out of reach, no lawyer on
   * duty…), at once and never left hanging. The same callId again is the
   * same call.
   */
  callRequest: route({ method: 'POST', path: '/api/call/request', body: CallRequest, response: CallAnswer }),
  /** The citizen hangs up or leaves: a call still waiting is cancelled, an answered one ended. Idempotent. */
  callEnd: route({ method: 'POST', path: '/api/call/end', body: CallById, response: Empty }),
  /** WebRTC signaling to the lawyer's end; held while the hub is out of reach and sent once it is back. */
  callSignal: route({ method: 'POST', path: '/api/call/signal', body: CallSignalRequest, response: Empty }),
  /** Fresh TURN credentials for the call under way (before an ICE restart); 503 while the hub is out of reach. */
  callIceConfig: route({ method: 'POST', path: '/api/call/ice-config', body: CallById, response: IceConfig }),
  /** The call under way, if any, and the documents the lawyer pushed in this session: for a screen that (re)connects. */
  callCurrent: route({ method: 'GET', path: '/api/call/current', body: NoBody, response: CurrentCall }),
  /** 打印 on a document the lawyer pushed: printed once; tapped again, the same job comes back. 409 for a PDF. */
  callDocumentPrint: route({
    method: 'POST',
    path: '/api/call/document/print',
    body: CallDocumentPrintRequest,
    response: PrintJob,
  }),
  /** Demo and test terminals only (devices in "simulated" mode): change what the simulators report. */
  simulate: route({
    method: 'POST',
    path: '/api/simulate',
    body: z.strictObject({
      idcard: z.enum(SIMULATED_CARDS).nullable().optional(),
      printer: z
        .strictObject({ paper: z.enum(['ok', 'near-end', 'out']).optional(), coverOpen: z.boolean().optional() })
        .optional(),
    }),
    response: Empty,
  }),
};

export type Api = typeof api;
export type RouteName = keyof Api;
export type RequestBody<R extends RouteName> = z.input<Api[R]['body']>;
/** A request body after validation (defaults filled in), as handlers receive it. */
export type ParsedBody<R extends RouteName> = z.output<Api[R]['body']>;
export type ResponseBody<R extends RouteName> = z.output<Api[R]['response']>;

/** Path of the WebSocket on which the service pushes {@link ServiceEvent}s. */
export const EVENTS_PATH = '/api/events';

/** Fragment key carrying the per-boot secret in the URL that opens the UI (headless starts, technicians, tests). */
export const SECRET_FRAGMENT_KEY = 'secret';

/**
 * The cookie by which a shell hands the per-boot secret to its window
 * without putting it in any URL, argv or file: set by the shell itself
 * (Chromium: `Storage.setCookies` over the DevTools pipe, which needs no
 * DevTools on the page; Electron: its session's cookie store) as HttpOnly,
 * SameSite=Strict and without an expiry, so it lives in the browser's
 * memory only and the page's scripts never see it.
 */
export const SECRET_COOKIE = 'kiosk-secret';
