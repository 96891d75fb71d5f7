/**
 * How a submission's payload (names, ID and phone numbers) is kept in the
 * `submissions.payload` column and read back: every write and every read
 * of that column goes through a vault, so what the database holds is the
 * vault's business alone. A payload is bound to its submission (its kiosk
 * and idempotency key): a stored payload copied onto another row does not
 * open there.
 */
export interface PayloadContext {
  kioskId: number;
  idempotencyKey: string;
}

export interface PayloadVault {
  /** The text to store for a payload's JSON. */
  seal(json: string, context: PayloadContext): string;
  /** The payload's JSON from the stored text; throws if it was tampered with or belongs to another row. */
  open(stored: string, context: PayloadContext): string;
}

/** Keeps payloads as they are: for tests of other parts, and a hub that has no payload key yet. */
export const CLEAR_PAYLOADS: PayloadVault = {
  seal: (json) => json,
  open: (stored) => stored,
};

/**
 * A stored payload that does not open or does not read as JSON, said by
 * its row and the kind of failure only: a parser's message quotes the text
 * it choked on, and that text is a citizen's name and numbers.
 */
export class UnreadablePayloadError extends Error {
  override name = 'UnreadablePayloadError';
}

/** The payload of the row `target` (e.g. case:12) as JSON; an UnreadablePayloadError that quotes none of it otherwise. */
export function openPayloadJson(vault: PayloadVault, stored: string, context: PayloadContext, target: string): unknown {
  try {
    return JSON.parse(vault.open(stored, context)) as unknown;
  } catch (error) {
    const kind = error instanceof Error ? error.name : typeof error;
    throw new UnreadablePayloadError(`${target}: the stored payload does not open (${kind})`);
  }
}
