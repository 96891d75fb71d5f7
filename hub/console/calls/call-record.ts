import type { ConsultationRecord, Referral } from '../../../common/hub/api/call-records';
import type { CallTopic } from '../../../common/hub/api/calls';
import type { HubClient } from '../data/hub-client';

/**
 * The consultation record a lawyer writes during a call and finishes in
 * the wrap-up (or later, from their history): topic, facts, advice, and
 * what the citizen is referred to. The hub keeps it: drafts as they are
 * typed, then the finished record. The draft of each call also lives here,
 * in the tab's memory only (it names people and their troubles: nothing of
 * it goes to the browser's storage), so the call view and the wrap-up edit
 * the same one.
 */

export interface CallRecordDraft {
  callId: string;
  topic: CallTopic | null;
  facts: string;
  advice: string;
  referral: Referral | null;
}

const drafts = new Map<string, CallRecordDraft>();

/** The call's draft in this tab, if one was begun here. */
export function heldDraft(callId: string): CallRecordDraft | undefined {
  return drafts.get(callId);
}

/** The call's draft, begun with the topic the citizen chose (or the hub's record of it, when given). */
export function recordDraft(
  callId: string,
  topic: CallTopic | null,
  kept: ConsultationRecord | null = null,
): CallRecordDraft {
  let draft = drafts.get(callId);
  if (draft === undefined) {
    draft =
      kept === null
        ? { callId, topic, facts: '', advice: '', referral: null }
        : { callId, topic: kept.topic, facts: kept.facts, advice: kept.advice, referral: kept.referral };
    drafts.set(callId, draft);
  }
  return draft;
}

export function updateRecordDraft(callId: string, change: Partial<Omit<CallRecordDraft, 'callId'>>): void {
  const draft = drafts.get(callId);
  if (draft !== undefined) drafts.set(callId, { ...draft, ...change });
}

/** Forgets a call's draft (saved, or the lawyer left the wrap-up). */
export function dropRecordDraft(callId: string): void {
  drafts.delete(callId);
}

/**
 * Keeps the record at the hub: a draft, or (`finish`) the finished record.
 * Answers the hub's answer: the record as kept, or the fields finishing
 * still needs.
 */
export function saveRecord(client: HubClient, record: CallRecordDraft, finish: boolean) {
  return client.call('consultationRecordSave', {
    callId: record.callId,
    topic: record.topic,
    facts: record.facts,
    advice: record.advice,
    referral: record.referral,
    finish,
  });
}

/** Whether the record may still be changed at `now` (a draft always; a finished one within its grace). */
export function recordEditable(record: ConsultationRecord | null, now: number): boolean {
  const until = record?.editableUntil ?? null;
  return until === null || Date.parse(until) > now;
}
