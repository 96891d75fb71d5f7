import {
  CALL_DOCUMENT_MAX_BYTES,
  PushCallDocumentRequest,
  type CallDocumentNotice,
} from '../../../common/hub/api/calls';
import type { HubClient } from '../data/hub-client';

/**
 * A document the lawyer sends to the kiosk's printer during a call: a
 * template with its answers, a note, or a PDF. The request is built and
 * checked here before anything is sent (a PDF over CALL_DOCUMENT_MAX_BYTES
 * or not a PDF at all is refused on the page, not after an upload).
 */

export type PdfProblem = 'too-large' | 'not-pdf';

/** What is wrong with a chosen file, or null. A PDF starts with `%PDF-`. */
export function pdfProblem(bytes: Uint8Array): PdfProblem | null {
  if (bytes.byteLength > CALL_DOCUMENT_MAX_BYTES) return 'too-large';
  const head = String.fromCharCode(...bytes.subarray(0, 5));
  return head === '%PDF-' ? null : 'not-pdf';
}

/** Base64 of bytes, in slices (a spread of megabytes would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The request for a PDF, or the reason it cannot be sent. */
export function pdfRequest(
  callId: string,
  title: string,
  bytes: Uint8Array,
): { ok: true; request: PushCallDocumentRequest } | { ok: false; problem: PdfProblem } {
  const problem = pdfProblem(bytes);
  if (problem !== null) return { ok: false, problem };
  return { ok: true, request: PushCallDocumentRequest.parse({ callId, kind: 'pdf', title, base64: toBase64(bytes) }) };
}

/**
 * Sends the document through the hub (`callDocumentPush`): the hub keeps
 * it and tells the kiosk, which fetches, checks and prints it. Answers the
 * hub's notice of it (its id, size and SHA-256). The hub refuses it with
 * 404 once the call is over (DocumentPush says so in words).
 */
export function pushCallDocument(client: HubClient, request: PushCallDocumentRequest): Promise<CallDocumentNotice> {
  return client.call('callDocumentPush', PushCallDocumentRequest.parse(request));
}
