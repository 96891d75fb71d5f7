import { LONG_TERM, sexCode, type IdCard } from '../../common/idcard/card';
import {
  CARD_TYPE_MARK,
  CARD_TYPE_SLOT,
  FOREIGN_2017_LAYOUT,
  FOREIGN_2023_LAYOUT,
  MAINLAND_LAYOUT,
  PERMIT_LAYOUT,
  TEXT_BLOCK_BYTES,
  type Slot,
} from './layout';

/**
 * Builds the 256-byte text block a card chip holds, for the simulator and for
 * tests. Real text blocks come only from a reader; nothing in the kiosk writes
 * cards.
 */
export function encodeCardText(card: IdCard): Buffer {
  const out = Buffer.from(' '.repeat(TEXT_BLOCK_BYTES / 2), 'utf16le');
  const put = (slot: Slot, value: string, field: string) => {
    const bytes = Buffer.from(value, 'utf16le');
    if (bytes.length > slot.bytes)
      throw new RangeError(`${field} is ${bytes.length} bytes; its slot holds ${slot.bytes}`);
    bytes.copy(out, slot.offset);
  };
  const compact = (iso: string) => iso.replaceAll('-', '');
  const to = card.validTo === LONG_TERM ? LONG_TERM : compact(card.validTo);
  const pad2 = (n: number | null) => (n === null ? '' : String(n).padStart(2, '0'));

  switch (card.cardType) {
    case 'mainland': {
      const L = MAINLAND_LAYOUT;
      put(L.name, card.name, 'name');
      put(L.sex, sexCode(card.sex), 'sex');
      put(L.nation, card.nationCode, 'nation');
      put(L.birthDate, compact(card.birthDate), 'birthDate');
      put(L.address, card.address ?? '', 'address');
      put(L.idNumber, card.idNumber, 'idNumber');
      put(L.issuer, card.issuer ?? '', 'issuer');
      put(L.validFrom, compact(card.validFrom), 'validFrom');
      put(L.validTo, to, 'validTo');
      break;
    }
    case 'hk-macau-taiwan-permit': {
      const L = PERMIT_LAYOUT;
      put(L.name, card.name, 'name');
      put(L.sex, sexCode(card.sex), 'sex');
      put(L.birthDate, compact(card.birthDate), 'birthDate');
      put(L.address, card.address ?? '', 'address');
      put(L.idNumber, card.idNumber, 'idNumber');
      put(L.issuer, card.issuer ?? '', 'issuer');
      put(L.validFrom, compact(card.validFrom), 'validFrom');
      put(L.validTo, to, 'validTo');
      put(L.permitNumber, card.permitNumber, 'permitNumber');
      put(L.issueCount, pad2(card.issueCount), 'issueCount');
      break;
    }
    case 'foreign-permanent': {
      const L = FOREIGN_2017_LAYOUT;
      put(L.englishName, card.englishName, 'englishName');
      put(L.sex, sexCode(card.sex), 'sex');
      put(L.idNumber, card.idNumber, 'idNumber');
      put(L.nationality, card.nationality, 'nationality');
      put(L.name, card.name, 'name');
      put(L.validFrom, compact(card.validFrom), 'validFrom');
      put(L.validTo, to, 'validTo');
      put(L.birthDate, compact(card.birthDate), 'birthDate');
      put(L.cardVersion, card.cardVersion, 'cardVersion');
      put(L.issuerCode, card.issuerCode, 'issuerCode');
      break;
    }
    case 'foreign-permanent-2023': {
      const L = FOREIGN_2023_LAYOUT;
      const firstPart = L.englishName.bytes / 2;
      put(L.name, card.name, 'name');
      put(L.sex, sexCode(card.sex), 'sex');
      put(L.renewalCount, pad2(card.renewalCount), 'renewalCount');
      put(L.birthDate, compact(card.birthDate), 'birthDate');
      put(L.englishName, card.englishName.slice(0, firstPart), 'englishName');
      put(L.englishNameMore, card.englishName.slice(firstPart), 'englishName');
      put(L.idNumber, card.idNumber, 'idNumber');
      put(L.validFrom, compact(card.validFrom), 'validFrom');
      put(L.validTo, to, 'validTo');
      put(L.nationality, card.nationality, 'nationality');
      put(L.previousCardLink, card.previousCardLink ?? '', 'previousCardLink');
      break;
    }
  }
  put(CARD_TYPE_SLOT, CARD_TYPE_MARK[card.cardType], 'cardType');
  return out;
}
