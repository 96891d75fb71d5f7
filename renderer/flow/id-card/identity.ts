import type { Health } from '../../../common/api/health';
import type { IdCard } from '../../../common/idcard/card';
import { checkIdNumber, type IdNumberProblem } from '../../../common/idcard/id-number';

/**
 * Who the citizen is, for a form that needs it: read from the ID card (its
 * number signed by the reader's SAM) or typed in on the on-screen keyboard.
 * Pure; the screens keep an identity in component state only, so it goes
 * with the session.
 */
export interface Identity {
  name: string;
  idNumber: string;
  /** The card's address; null when typed in or the card carries none. */
  address: string | null;
  source: 'card' | 'typed';
}

/** Longest name accepted (the submission contract's limit). */
export const MAX_NAME_LENGTH = 50;

/**
 * The identity on a card, or null when the card's own number failed its
 * check (a reader fault or a forged answer: the card is refused, the citizen
 * may try again or type it in). A foreign card without a Chinese name gives
 * its English name.
 */
export function identityFromCard(card: IdCard): Identity | null {
  if (!card.idNumberValid) return null;
  const english =
    card.cardType === 'foreign-permanent' || card.cardType === 'foreign-permanent-2023' ? card.englishName : '';
  const name = (card.name.trim() || english.trim()).slice(0, MAX_NAME_LENGTH);
  if (name === '') return null;
  return { name, idNumber: card.idNumber.toUpperCase(), address: card.address?.trim() || null, source: 'card' };
}

/** Problems with typed identity fields, as codes the screen translates. */
export type TypedIdentityProblem = 'name-empty' | 'id-empty' | IdNumberProblem;

/** A typed ID number as the keyboard leaves it: spaces dropped, x read as X. */
export function normaliseIdNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks a typed name and 18-character ID number (GB 11643: region, birth
 * date, check character). The first problem of each field is reported, the
 * name's first. `today` (YYYY-MM-DD) is for tests.
 */
export function checkTypedIdentity(
  name: string,
  idNumber: string,
  today?: string,
): { name: TypedIdentityProblem | null; idNumber: TypedIdentityProblem | null } {
  const n = name.trim();
  const id = normaliseIdNumber(idNumber);
  return { name: n === '' ? 'name-empty' : null, idNumber: id === '' ? 'id-empty' : idNumberProblem(id, today) };
}

/** The order a citizen can act on: the length first, then the check character (a typo), then the rest. */
const PROBLEM_ORDER: readonly IdNumberProblem[] = ['format', 'check-character', 'birth-date', 'region'];

function idNumberProblem(id: string, today: string | undefined): IdNumberProblem | null {
  const checked = checkIdNumber(id, today === undefined ? {} : { today });
  return PROBLEM_ORDER.find((p) => checked.problems.includes(p)) ?? null;
}

export function typedIdentity(name: string, idNumber: string): Identity {
  return {
    name: name.trim().slice(0, MAX_NAME_LENGTH),
    idNumber: normaliseIdNumber(idNumber),
    address: null,
    source: 'typed',
  };
}

/**
 * What the reader can do for the screen: read a card, nothing (this terminal
 * has none: go straight to typing), or not now (say so, and offer typing).
 */
export type ReaderAvailability = 'ready' | 'none' | 'unavailable';

export function readerAvailability(health: Health): ReaderAvailability {
  const { state } = health.subsystems.idCardReader;
  if (state === 'ok' || state === 'degraded') return 'ready';
  return state === 'off' ? 'none' : 'unavailable';
}

/**
 * The reader's error codes (native/idcard/errors.ts) as what the citizen can
 * do: put the card on again, or type it in because the reader is not working.
 */
export function readErrorKind(code: string): 'again' | 'reader' {
  return code === 'closed' || code === 'unavailable' ? 'reader' : 'again';
}
