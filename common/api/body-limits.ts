import { z } from 'zod';
import { utf8Length } from '../receipt/receipt';

/**
 * How large a request body may be, per route, and the caps in the schemas
 * that keep the largest valid body inside it. The two are kept in step by
 * `body-limits.test.ts`, which builds the largest body each schema accepts:
 * a request the contract calls valid is never refused as too large.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * A receipt, as JSON, at most this large: about 30,000 Chinese characters,
 * metres of paper — far above any document the kiosk prints, well below
 * what a schema of 300 blocks of 4,000 characters would otherwise allow.
 */
export const RECEIPT_MAX_BYTES = 96 * 1024;

/** Answers in one filled template (a template has at most 80 fields). */
export const TEMPLATE_MAX_FIELDS = 100;
/** All answers of a filled template, together: the longest shipped template needs a fraction. */
export const TEMPLATE_HANDOFF_MAX_CHARS = 20_000;

/** Bodies that carry a receipt, or a template's answers (at up to 3 bytes a character), plus the rest of the request. */
export const RECEIPT_ROUTE_BODY_LIMIT = 128 * 1024;
/** A submission: a receipt, plus a hand-off's answers at up to 3 bytes a character, plus field names. */
export const SUBMIT_BODY_LIMIT = 256 * 1024;

export function receiptBytes(receipt: unknown): number {
  return utf8Length(JSON.stringify(receipt));
}

/** Refuses a receipt larger than RECEIPT_MAX_BYTES, naming the size. */
export function checkReceiptSize(receipt: unknown, ctx: z.RefinementCtx): void {
  const bytes = receiptBytes(receipt);
  if (bytes > RECEIPT_MAX_BYTES) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a receipt of at most ${RECEIPT_MAX_BYTES} bytes as JSON, got ${bytes}`,
    });
  }
}
