/**
 * Where each field sits in the 256-byte UTF-16LE text block, per card type
 * (reference: idcard-reader.md, "The 256-byte text block"). The decoder and
 * the simulator's encoder share this table, so decode tests build their
 * fixtures from raw offsets instead, to catch a mistake here.
 */

export interface Slot {
  offset: number;
  bytes: number;
}

export const TEXT_BLOCK_BYTES = 256;
export const CARD_TYPE_SLOT: Slot = { offset: 248, bytes: 2 };

export const MAINLAND_LAYOUT = {
  name: { offset: 0, bytes: 30 },
  sex: { offset: 30, bytes: 2 },
  nation: { offset: 32, bytes: 4 },
  birthDate: { offset: 36, bytes: 16 },
  address: { offset: 52, bytes: 70 },
  idNumber: { offset: 122, bytes: 36 },
  issuer: { offset: 158, bytes: 30 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
} as const satisfies Record<string, Slot>;

export const PERMIT_LAYOUT = {
  name: MAINLAND_LAYOUT.name,
  sex: MAINLAND_LAYOUT.sex,
  birthDate: MAINLAND_LAYOUT.birthDate,
  address: MAINLAND_LAYOUT.address,
  idNumber: MAINLAND_LAYOUT.idNumber,
  issuer: MAINLAND_LAYOUT.issuer,
  validFrom: MAINLAND_LAYOUT.validFrom,
  validTo: MAINLAND_LAYOUT.validTo,
  permitNumber: { offset: 220, bytes: 18 },
  issueCount: { offset: 238, bytes: 4 },
} as const satisfies Record<string, Slot>;

export const FOREIGN_2017_LAYOUT = {
  englishName: { offset: 0, bytes: 120 },
  sex: { offset: 120, bytes: 2 },
  idNumber: { offset: 122, bytes: 30 },
  nationality: { offset: 152, bytes: 6 },
  name: { offset: 158, bytes: 30 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
  birthDate: { offset: 220, bytes: 16 },
  cardVersion: { offset: 236, bytes: 4 },
  issuerCode: { offset: 240, bytes: 8 },
} as const satisfies Record<string, Slot>;

export const FOREIGN_2023_LAYOUT = {
  name: { offset: 0, bytes: 30 },
  sex: { offset: 30, bytes: 2 },
  renewalCount: { offset: 32, bytes: 4 },
  birthDate: { offset: 36, bytes: 16 },
  englishName: { offset: 52, bytes: 70 },
  idNumber: { offset: 122, bytes: 36 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
  englishNameMore: { offset: 220, bytes: 22 },
  nationality: { offset: 242, bytes: 6 },
  previousCardLink: { offset: 250, bytes: 6 },
} as const satisfies Record<string, Slot>;

/** The character at offset 248 that names the layout; mainland cards leave it blank. */
export const CARD_TYPE_MARK = {
  mainland: ' ',
  'hk-macau-taiwan-permit': 'J',
  'foreign-permanent': 'I',
  'foreign-permanent-2023': 'Y',
} as const;
