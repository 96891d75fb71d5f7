import { IdCard, LONG_TERM, nationFromCode, sexFromCode, type CardType, type Sex } from '../../common/idcard/card';
import {
  checkForeignCard2017Number,
  checkIdNumber,
  isRealDate,
  type IdNumberCheck,
} from '../../common/idcard/id-number';
import { CardDecodeError } from './errors';
import {
  CARD_TYPE_SLOT,
  FOREIGN_2017_LAYOUT,
  FOREIGN_2023_LAYOUT,
  MAINLAND_LAYOUT,
  PERMIT_LAYOUT,
  TEXT_BLOCK_BYTES,
  type Slot,
} from './layout';

export interface DecodeOptions {
  /** YYYY-MM-DD, for the "born in the future" check; defaults to the current date. */
  today?: string;
}

// Cards pad with spaces; some readers leave NULs instead.
const PADDING = /^[\s\0]+|[\s\0]+$/g;

function read(text: Buffer, slot: Slot): string {
  return text.toString('utf16le', slot.offset, slot.offset + slot.bytes).replace(PADDING, '');
}

function date(value: string, field: string): string {
  if (!isRealDate(value)) throw new CardDecodeError(field, 'not a YYYYMMDD date');
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

function validTo(value: string): string {
  return value === LONG_TERM ? LONG_TERM : date(value, 'validTo');
}

function sex(value: string): Sex {
  const s = sexFromCode(value);
  if (s === undefined) throw new CardDecodeError('sex', 'not a sex code (0, 1, 2 or 9)');
  return s;
}

function count(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

function numberFields(check: IdNumberCheck): { idNumberValid: boolean; idNumberProblems: IdNumberCheck['problems'] } {
  return { idNumberValid: check.valid, idNumberProblems: check.problems };
}

/** The layout mark at offset 248. */
export function cardTypeOf(text: Buffer): CardType {
  const mark = text.toString('utf16le', CARD_TYPE_SLOT.offset, CARD_TYPE_SLOT.offset + CARD_TYPE_SLOT.bytes);
  switch (mark) {
    case ' ':
    case '\0':
      return 'mainland';
    case 'J':
      return 'hk-macau-taiwan-permit';
    case 'I':
      return 'foreign-permanent';
    case 'Y':
      return 'foreign-permanent-2023';
    default:
      throw new CardDecodeError('cardType', 'unknown card layout mark');
  }
}

/** Decodes the 256-byte text block of a read answer. Throws `CardDecodeError`; never returns a half-read card. */
export function decodeCardText(text: Buffer, options: DecodeOptions = {}): IdCard {
  if (text.length !== TEXT_BLOCK_BYTES)
    throw new CardDecodeError('text', `expected ${TEXT_BLOCK_BYTES} bytes, got ${text.length}`);
  const today = options.today;
  const card = decodeLayout(text, cardTypeOf(text), today);
  // The schema is the contract the UI relies on; a card that does not fit it must not leave the driver.
  const parsed = IdCard.safeParse(card);
  if (!parsed.success)
    throw new CardDecodeError(parsed.error.issues[0]?.path.join('.') ?? 'card', 'does not fit the card schema');
  return parsed.data;
}

function decodeLayout(text: Buffer, cardType: CardType, today: string | undefined): IdCard {
  switch (cardType) {
    case 'mainland': {
      const L = MAINLAND_LAYOUT;
      const birthDate = date(read(text, L.birthDate), 'birthDate');
      const s = sex(read(text, L.sex));
      const idNumber = read(text, L.idNumber);
      const nationCode = read(text, L.nation);
      return {
        cardType,
        name: read(text, L.name),
        sex: s,
        nation: nationFromCode(nationCode) ?? null,
        nationCode,
        birthDate,
        address: read(text, L.address),
        idNumber,
        ...numberFields(checkIdNumber(idNumber, { birthDate, sex: s, today })),
        issuer: read(text, L.issuer),
        validFrom: date(read(text, L.validFrom), 'validFrom'),
        validTo: validTo(read(text, L.validTo)),
      };
    }
    case 'hk-macau-taiwan-permit': {
      const L = PERMIT_LAYOUT;
      const birthDate = date(read(text, L.birthDate), 'birthDate');
      const s = sex(read(text, L.sex));
      const idNumber = read(text, L.idNumber);
      return {
        cardType,
        name: read(text, L.name),
        sex: s,
        nation: null,
        birthDate,
        address: read(text, L.address),
        idNumber,
        ...numberFields(checkIdNumber(idNumber, { birthDate, sex: s, today })),
        issuer: read(text, L.issuer),
        validFrom: date(read(text, L.validFrom), 'validFrom'),
        validTo: validTo(read(text, L.validTo)),
        permitNumber: read(text, L.permitNumber),
        issueCount: count(read(text, L.issueCount)),
      };
    }
    case 'foreign-permanent': {
      const L = FOREIGN_2017_LAYOUT;
      const idNumber = read(text, L.idNumber);
      return {
        cardType,
        name: read(text, L.name),
        englishName: read(text, L.englishName),
        sex: sex(read(text, L.sex)),
        nation: null,
        nationality: read(text, L.nationality),
        birthDate: date(read(text, L.birthDate), 'birthDate'),
        address: null,
        idNumber,
        ...numberFields(checkForeignCard2017Number(idNumber)),
        issuer: null,
        issuerCode: read(text, L.issuerCode),
        cardVersion: read(text, L.cardVersion),
        validFrom: date(read(text, L.validFrom), 'validFrom'),
        validTo: validTo(read(text, L.validTo)),
      };
    }
    case 'foreign-permanent-2023': {
      const L = FOREIGN_2023_LAYOUT;
      const birthDate = date(read(text, L.birthDate), 'birthDate');
      const idNumber = read(text, L.idNumber);
      // The English name runs on into a second slot when it is longer than 35 characters.
      const englishName = text
        .toString('utf16le', L.englishName.offset, L.englishName.offset + L.englishName.bytes)
        .concat(text.toString('utf16le', L.englishNameMore.offset, L.englishNameMore.offset + L.englishNameMore.bytes))
        .replace(PADDING, '');
      const link = read(text, L.previousCardLink);
      return {
        cardType,
        name: read(text, L.name),
        englishName,
        sex: sex(read(text, L.sex)),
        nation: null,
        nationality: read(text, L.nationality),
        birthDate,
        address: null,
        idNumber,
        // Sex parity is a GB 11643 rule for citizens; whether the 2023 card follows it is unconfirmed.
        ...numberFields(checkIdNumber(idNumber, { birthDate, today })),
        issuer: null,
        validFrom: date(read(text, L.validFrom), 'validFrom'),
        validTo: validTo(read(text, L.validTo)),
        renewalCount: count(read(text, L.renewalCount)),
        previousCardLink: link === '' ? null : link,
      };
    }
  }
}

/** The latest-address answer (30 03): 70 bytes of UTF-16LE. */
export function decodeLatestAddress(data: Buffer): string {
  return data.toString('utf16le', 0, Math.min(data.length, 70) & ~1).replace(PADDING, '');
}
