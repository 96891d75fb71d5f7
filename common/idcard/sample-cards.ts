import type { SimulatedCard } from '../api/devices';
import type { ForeignPermanentCard, ForeignPermanentCard2023, HkMacauTaiwanPermit, IdCard, MainlandCard } from './card';

/**
 * Fictional people for the simulator, tests and demos. Their numbers carry
 * valid check characters (native/idcard/sample-cards.test.ts proves it); addresses are
 * public landmarks, not homes.
 */

export const SAMPLE_MAINLAND_LONG_TERM: MainlandCard = {
  cardType: 'mainland',
  name: '李秀英',
  sex: 'female',
  nation: '汉',
  nationCode: '01',
  birthDate: '1950-03-08',
  address: '湖北省武汉市洪山区珞喻路1037号',
  idNumber: '420111195003080241',
  idNumberValid: true,
  idNumberProblems: [],
  issuer: '武汉市公安局洪山分局',
  validFrom: '2010-05-20',
  validTo: '长期',
};

export const SAMPLE_MAINLAND_DATED: MainlandCard = {
  cardType: 'mainland',
  name: '王小明',
  sex: 'male',
  nation: '回',
  nationCode: '03',
  // 35 characters: the address slot's full width, so tests see no truncation.
  address: '北京市东城区和平里街道和平里社区第九居民委员会三号楼二单元五〇一号房间',
  birthDate: '1990-07-15',
  idNumber: '110101199007151353',
  idNumberValid: true,
  idNumberProblems: [],
  issuer: '北京市公安局东城分局',
  validFrom: '2015-09-01',
  validTo: '2035-09-01',
};

export const SAMPLE_HK_PERMIT: HkMacauTaiwanPermit = {
  cardType: 'hk-macau-taiwan-permit',
  name: '陈嘉欣',
  sex: 'female',
  nation: null,
  birthDate: '1995-11-02',
  address: '广东省深圳市福田区福华三路100号',
  idNumber: '810000199511020022',
  idNumberValid: true,
  idNumberProblems: [],
  issuer: '深圳市公安局',
  validFrom: '2024-01-10',
  validTo: '2029-01-10',
  permitNumber: 'H60123456',
  issueCount: 1,
};

export const SAMPLE_FOREIGN_2017: ForeignPermanentCard = {
  cardType: 'foreign-permanent',
  name: '米安娜',
  englishName: 'MILLER, ANNA MARIE',
  sex: 'female',
  nation: null,
  nationality: 'USA',
  birthDate: '1985-06-20',
  address: null,
  idNumber: 'USA110085062021',
  idNumberValid: true,
  idNumberProblems: [],
  issuer: null,
  issuerCode: '1500',
  cardVersion: '01',
  validFrom: '2018-03-01',
  validTo: '2028-03-01',
};

export const SAMPLE_FOREIGN_2023: ForeignPermanentCard2023 = {
  cardType: 'foreign-permanent-2023',
  name: '乔大卫',
  // Longer than 35 characters, so it spills into the second English-name slot.
  englishName: 'JOHNSON-WILLIAMS, DAVID ALEXANDER CHRISTOPHER',
  sex: 'male',
  nation: null,
  nationality: 'USA',
  birthDate: '1988-04-12',
  address: null,
  idNumber: '911840198804120013',
  idNumberValid: true,
  idNumberProblems: [],
  issuer: null,
  validFrom: '2024-02-01',
  validTo: '2034-02-01',
  renewalCount: 0,
  previousCardLink: null,
};

export const SAMPLE_CARDS = {
  mainlandLongTerm: SAMPLE_MAINLAND_LONG_TERM,
  mainlandDated: SAMPLE_MAINLAND_DATED,
  hkPermit: SAMPLE_HK_PERMIT,
  foreign2017: SAMPLE_FOREIGN_2017,
  foreign2023: SAMPLE_FOREIGN_2023,
} as const satisfies Record<SimulatedCard, IdCard>;
