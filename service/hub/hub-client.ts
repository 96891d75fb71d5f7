import { hubApi, HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { ApiErrorBody } from '../../common/api/errors';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { RegisterKioskResponse, KioskStatusResponse, HeartbeatResponse } from '../../common/hub/api/kiosks';
import { CALL_DOCUMENT_MAX_BYTES, CallDocument } from '../../common/hub/api/calls';
import { KioskCommandResultResponse, type KioskCommandResultRequest } from '../../common/hub/api/fleet-commands';
import {
  KioskSubmitResponse,
  type KioskSealedSubmitRequest,
  type KioskSubmitRequest,
} from '../../common/hub/api/submissions';
import { KioskCaseStatusResponse, type KioskCaseStatusRequest } from '../../common/hub/cases';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import type { KioskIdentity } from './hub-identity';
import type { z } from 'zod';

/**
 * The kiosk's calls to the hub's kiosk routes: registration with a code,
 * then every request signed with the kiosk's key. Answers are checked
 * against the shared contract; a refusal is a HubRefusedError with the
 * hub's own message.
 */

const TIMEOUT_MS = 15_000;

/**
 * The largest answer the kiosk reads from its hub. The hub's answers to a
 * kiosk are a few hundred bytes; a hub that sends more (one taken over, or
 * a wrong URL) is not heard out, so it cannot fill the service's memory.
 */
export const MAX_HUB_ANSWER_BYTES = 64 * 1024;

export class HubRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The hub did not answer (network, TLS, timeout); the message says which. */
export class HubUnreachableError extends Error {}

async function send<S extends z.ZodType>(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  schema: S,
  maxBytes = MAX_HUB_ANSWER_BYTES,
  timeoutMs = TIMEOUT_MS,
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { ...init.headers, [HUB_REQUEST_HEADER]: '1', accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new HubUnreachableError(
      `the hub at ${new URL(url).origin} does not answer: ${cause ?? (error as Error).message}`,
    );
  }
  const body = await readAnswer(res, maxBytes);
  if (!res.ok) {
    const parsed = ApiErrorBody.safeParse(body);
    throw new HubRefusedError(res.status, parsed.success ? parsed.data.error.message : `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new HubRefusedError(res.status, 'the hub answered something this kiosk does not understand');
  return parsed.data;
}

/** The answer's JSON (undefined when it is not JSON), read up to `maxBytes`; past that, refused. */
async function readAnswer(res: Response, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HubRefusedError(res.status, `the hub's answer is larger than ${maxBytes} bytes: not read`);
  if (Number(res.headers.get('content-length')) > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (res.body === null) return undefined;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HubRefusedError) throw error;
    // Cut off mid-answer (the timeout, the network): as if it had not answered.
    return undefined;
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export function registerWithHub(
  hubUrl: string,
  body: { code: string; publicKey: string; terminalId: string; displayName: string },
): Promise<RegisterKioskResponse> {
  const route = hubApi.kioskRegister;
  return send(
    `${hubUrl}${route.path}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    RegisterKioskResponse,
  );
}

function signed(identity: KioskIdentity, method: 'GET' | 'POST', path: string, body: string): Record<string, string> {
  return signRequest(identity.privateKey, {
    method,
    path,
    kioskId: identity.enrollment.kioskId,
    time: Date.now(),
    body,
  });
}

export function kioskStatusAtHub(identity: KioskIdentity) {
  const { path } = hubApi.kioskStatus;
  return send(
    `${identity.enrollment.hubUrl}${path}`,
    { method: 'GET', headers: signed(identity, 'GET', path, '') },
    KioskStatusResponse,
  );
}

export function sendHeartbeat(identity: KioskIdentity, report: KioskHeartbeat) {
  const { path } = hubApi.kioskHeartbeat;
  const body = JSON.stringify(report);
  return send(
    `${identity.enrollment.hubUrl}${path}`,
    { method: 'POST', headers: { ...signed(identity, 'POST', path, body), 'content-type': 'application/json' }, body },
    HeartbeatResponse,
  );
}

/** Delivers one submission of the outbox; answered once the hub has committed it (or had, under the same key). */
export function deliverSubmission(identity: KioskIdentity, submission: KioskSubmitRequest | KioskSealedSubmitRequest) {
  const { path } = hubApi.kioskSubmit;
  const body = JSON.stringify(submission);
  return send(
    `${identity.enrollment.hubUrl}${path}`,
    { method: 'POST', headers: { ...signed(identity, 'POST', path, body), 'content-type': 'application/json' }, body },
    KioskSubmitResponse,
  );
}

/**
 * 查询进度: where a case stands, asked for a citizen waiting at the screen —
 * so within `timeoutMs`, after which the kiosk answers from what it knows.
 */
export function askCaseStatus(identity: KioskIdentity, request: KioskCaseStatusRequest, timeoutMs: number) {
  const { path } = hubApi.kioskCaseStatus;
  const body = JSON.stringify(request);
  return send(
    `${identity.enrollment.hubUrl}${path}`,
    { method: 'POST', headers: { ...signed(identity, 'POST', path, body), 'content-type': 'application/json' }, body },
    KioskCaseStatusResponse,
    MAX_HUB_ANSWER_BYTES,
    timeoutMs,
  );
}

/**
 * Where a kiosk fetches a document the lawyer of its call pushed (signed,
 * the call's own kiosk only): the hub's `kioskCallDocument` route, POST with
 * `{ documentId }`, answered with a CallDocument. That route comes with the
 * hub's call desk; until its contract entry is in this build, its path is
 * named here, in this one function.
 */
export const CALL_DOCUMENT_PATH = hubApi.kioskCallDocument.path;

/** The largest answer a document comes in: a PDF at its limit in base64, and the JSON around it. */
export const MAX_CALL_DOCUMENT_ANSWER_BYTES = Math.ceil(CALL_DOCUMENT_MAX_BYTES / 3) * 4 + 16 * 1024;

export function fetchCallDocument(identity: KioskIdentity, documentId: string): Promise<CallDocument> {
  const body = JSON.stringify({ documentId });
  return send(
    `${identity.enrollment.hubUrl}${CALL_DOCUMENT_PATH}`,
    {
      method: 'POST',
      headers: { ...signed(identity, 'POST', CALL_DOCUMENT_PATH, body), 'content-type': 'application/json' },
      body,
    },
    CallDocument,
    MAX_CALL_DOCUMENT_ANSWER_BYTES,
  );
}

/** Reports the result of a command the hub sent; answered once committed (or had already). */
export function reportCommandResult(identity: KioskIdentity, result: KioskCommandResultRequest) {
  const { path } = hubApi.kioskCommandResult;
  const body = JSON.stringify(result);
  return send(
    `${identity.enrollment.hubUrl}${path}`,
    { method: 'POST', headers: { ...signed(identity, 'POST', path, body), 'content-type': 'application/json' }, body },
    KioskCommandResultResponse,
  );
}
