import type { CallerRole } from '../http/request-guard';

/**
 * The reference numbers handed out in the citizen's session now under way,
 * in memory only: the end of the session (or a restart) forgets them.
 *
 * A reference is no secret — it is printed on a slip that may be left
 * behind, and it is made of the terminal, the day and a serial — so holding
 * one proves nothing. A reprint hands over the receipt (a masked name and
 * phone, and what the matter is), so the touchscreen may reprint only what
 * was submitted in this same session; a technician (kioskctl) may reprint
 * any receipt.
 */
export class SessionReferences {
  private readonly references = new Set<string>();

  remember(reference: string): void {
    this.references.add(reference);
  }

  has(reference: string): boolean {
    return this.references.has(reference);
  }

  /** The session ended. */
  forget(): void {
    this.references.clear();
  }
}

/** Whether `role` may reprint the receipt of `reference` now. */
export function mayReprint(role: CallerRole, reference: string, session: SessionReferences): boolean {
  return role === 'technician' || (role === 'ui' && session.has(reference));
}
