import type { z } from 'zod';
import { PHONE_NUMBER, type LegalAidApplicationPayload, type SubmitRequest } from '../../common/api/submissions';
import { zhCN } from '../../common/i18n/zh-CN';
import type { LegalAidResult } from '../../common/legal-aid/check';
import type { Identity } from '../flow/id-card/identity';
import type { ApplicationCategory } from './questions';

/**
 * The legal-aid application as the service takes it (common/api/submissions.ts):
 * what the citizen agreed to, who they are, how to reach them, what it is
 * about and what the kiosk's check said. Pure; the screen keeps the pieces in
 * its state only until the session ends.
 */

/**
 * The version of the notice on the consent screen (common/i18n/sections/
 * legal-aid-screens.ts `apply.consent`). Change it whenever those words
 * change, so the office can tell which text a citizen agreed to.
 */
export const NOTICE_VERSION = 'legal-aid-notice-2025-1';

/** Longest description of the matter the screen takes (the contract allows 2000 with the category in front). */
export const MAX_DESCRIPTION = 300;
export const MAX_OPPOSING_PARTY = 100;
export const MAX_ADDRESS = 200;

export type PhoneProblem = 'empty' | 'mobile-length' | 'landline' | 'format';

/** A typed phone number without spaces; a leading +86 / 86 before a mobile is dropped. */
export function normalisePhone(text: string): string {
  const compact = text.replace(/[\s()]/g, '');
  const m = /^\+?86-?(1\d{10})$/.exec(compact);
  return m ? m[1]! : compact;
}

/** What is wrong with a typed phone number, in an order the citizen can act on; null when it is a number the office can call. */
export function checkPhone(text: string): PhoneProblem | null {
  const phone = normalisePhone(text);
  if (phone === '') return 'empty';
  if (PHONE_NUMBER.test(phone)) return null;
  if (/^1\d*$/.test(phone) && phone.length !== 11) return 'mobile-length';
  if (/^\d{7,8}$/.test(phone)) return 'landline';
  if (/^0/.test(phone)) return 'landline';
  return 'format';
}

/**
 * The summary the office reads: the category in Chinese (the office's
 * language, whatever language the screen was in) and the citizen's words.
 */
export function matterSummary(category: ApplicationCategory, description: string): string {
  const label = zhCN.legalAid.category[category];
  const words = description.trim();
  return words === '' ? label : `${label}：${words}`;
}

export interface ApplicationParts {
  identity: Identity;
  address: string;
  phone: string;
  category: ApplicationCategory;
  description: string;
  opposingParty: string;
  /** The check's result when the citizen came through it. */
  precheck: Pick<LegalAidResult, 'outcome' | 'reasons'> | null;
  /** ISO time the citizen tapped 同意. */
  consentAt: string;
}

export type LegalAidApplication = z.input<typeof LegalAidApplicationPayload>;

export function applicationPayload(parts: ApplicationParts): LegalAidApplication {
  const address = parts.address.trim().slice(0, MAX_ADDRESS);
  const opposing = parts.opposingParty.trim().slice(0, MAX_OPPOSING_PARTY);
  return {
    applicant: {
      name: parts.identity.name.trim(),
      idNumber: parts.identity.idNumber,
      phone: normalisePhone(parts.phone),
      ...(address === '' ? {} : { address }),
      idSource: parts.identity.source,
    },
    matter: {
      category: parts.category,
      summary: matterSummary(parts.category, parts.description.slice(0, MAX_DESCRIPTION)),
      ...(opposing === '' ? {} : { opposingParty: opposing }),
    },
    ...(parts.precheck === null
      ? {}
      : { precheck: { outcome: parts.precheck.outcome, reasons: parts.precheck.reasons.slice(0, 20) } }),
    consent: { agreed: true, noticeVersion: NOTICE_VERSION, at: parts.consentAt },
  };
}

export function submitRequest(
  payload: LegalAidApplication,
  receipt: Extract<SubmitRequest, { kind: 'legal-aid-application' }>['receipt'],
  idempotencyKey: string,
): SubmitRequest {
  return { kind: 'legal-aid-application', payload, idempotencyKey, ...(receipt === undefined ? {} : { receipt }) };
}
