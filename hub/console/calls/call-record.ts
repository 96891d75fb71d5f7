import type { CallTopic } from '../../../common/hub/api/calls';

/**
 * The consultation record a lawyer writes during a call and finishes in
 * the wrap-up: topic, facts, advice, and what the citizen is referred to.
 * The draft of each call lives here, in the tab's memory only (it names
 * people and their troubles: nothing of it goes to the browser's storage),
 * so the call view and the wrap-up edit the same one.
 *
 * `saveRecord` is the one way a record leaves the page. The hub has no
 * route that keeps consultation records yet, so it refuses with
 * RecordNotKeptError and the page says so: nothing pretends to be stored.
 */

export const REFERRALS = ['legal-aid', 'mediation', 'litigation', 'none'] as const;
export type Referral = (typeof REFERRALS)[number];

export const RECORD_LIMITS = { facts: 2000, advice: 2000 } as const;

export interface CallRecord {
  callId: string;
  topic: CallTopic | null;
  facts: string;
  advice: string;
  referral: Referral | null;
}

const drafts = new Map<string, CallRecord>();

/** The call's draft, begun with the topic the citizen chose. */
export function recordDraft(callId: string, topic: CallTopic | null): CallRecord {
  let draft = drafts.get(callId);
  if (draft === undefined) {
    draft = { callId, topic, facts: '', advice: '', referral: null };
    drafts.set(callId, draft);
  }
  return draft;
}

export function updateRecordDraft(callId: string, change: Partial<Omit<CallRecord, 'callId'>>): void {
  const draft = drafts.get(callId);
  if (draft !== undefined) drafts.set(callId, { ...draft, ...change });
}

/** Forgets a call's draft (saved, or the lawyer left the wrap-up). */
export function dropRecordDraft(callId: string): void {
  drafts.delete(callId);
}

export class RecordNotKeptError extends Error {
  constructor() {
    super('the hub has no route for consultation records');
  }
}

/** Keeps the record at the hub. */
export function saveRecord(_record: CallRecord): Promise<void> {
  return Promise.reject(new RecordNotKeptError());
}
