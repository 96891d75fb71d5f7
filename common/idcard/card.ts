import { z } from 'zod';
import { maskIdNumber } from '../redact';
import { ID_NUMBER_PROBLEMS } from './id-number';

/**
 * A decoded ID card as the service hands it to the UI. Holds personal data:
 * it lives in the service's memory for the session only, is never logged
 * (log `describeCardForLog(card)` instead) and never carries the photo.
 *
 * Every card type has the same core fields so the UI can show any card with
 * one layout; fields a card type does not carry are `null`, not missing.
 */

export const SEX_BY_CODE = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' } as const;
export const Sex = z.enum(['unknown', 'male', 'female', 'unspecified']);
export type Sex = z.infer<typeof Sex>;
export const SEX_LABEL_ZH: Readonly<Record<Sex, string>> = {
  unknown: '未知',
  male: '男',
  female: '女',
  unspecified: '未说明',
};

export function sexFromCode(code: string): Sex | undefined {
  return Object.hasOwn(SEX_BY_CODE, code) ? SEX_BY_CODE[code as keyof typeof SEX_BY_CODE] : undefined;
}

export function sexCode(sex: Sex): string {
  const entry = Object.entries(SEX_BY_CODE).find(([, s]) => s === sex);
  return entry![0];
}

/** GB 3304 nation codes as the card prints them (汉, not 汉族). */
export const NATION_BY_CODE: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '20': '傈僳',
  '21': '佤',
  '22': '畲',
  '23': '高山',
  '24': '拉祜',
  '25': '水',
  '26': '东乡',
  '27': '纳西',
  '28': '景颇',
  '29': '柯尔克孜',
  '30': '土',
  '31': '达斡尔',
  '32': '仫佬',
  '33': '羌',
  '34': '布朗',
  '35': '撒拉',
  '36': '毛南',
  '37': '仡佬',
  '38': '锡伯',
  '39': '阿昌',
  '40': '普米',
  '41': '塔吉克',
  '42': '怒',
  '43': '乌孜别克',
  '44': '俄罗斯',
  '45': '鄂温克',
  '46': '德昂',
  '47': '保安',
  '48': '裕固',
  '49': '京',
  '50': '塔塔尔',
  '51': '独龙',
  '52': '鄂伦春',
  '53': '赫哲',
  '54': '门巴',
  '55': '珞巴',
  '56': '基诺',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

export function nationFromCode(code: string): string | undefined {
  return Object.hasOwn(NATION_BY_CODE, code) ? NATION_BY_CODE[code] : undefined;
}

export const LONG_TERM = '长期';

export const CARD_TYPES = [
  'mainland',
  'hk-macau-taiwan-permit',
  'foreign-permanent',
  'foreign-permanent-2023',
] as const;
export type CardType = (typeof CARD_TYPES)[number];

const IsoDate = z.iso.date();

const core = {
  /** Chinese name; may be empty on a foreign card issued without one. */
  name: z.string(),
  sex: Sex,
  /** Nation name from the GB 3304 table; mainland cards only, null when the code is not in the table. */
  nation: z.string().nullable(),
  birthDate: IsoDate,
  /** Residence address; null on foreign cards, which carry none. */
  address: z.string().nullable(),
  /** ID number, or card number on the 2017 foreign card. */
  idNumber: z.string(),
  /** False when the number fails its check: show it, but do not trust it. */
  idNumberValid: z.boolean(),
  idNumberProblems: z.array(z.enum(ID_NUMBER_PROBLEMS)),
  /** Issuing authority; null when the card carries only a code (see `issuerCode`). */
  issuer: z.string().nullable(),
  validFrom: IsoDate,
  validTo: z.union([z.literal(LONG_TERM), IsoDate]),
};

export const MainlandCard = z.object({
  ...core,
  cardType: z.literal('mainland'),
  /** The two-digit GB 3304 code as read, kept for codes the table lacks. */
  nationCode: z.string(),
});

export const HkMacauTaiwanPermit = z.object({
  ...core,
  cardType: z.literal('hk-macau-taiwan-permit'),
  /** 港澳台居民来往内地通行证 number. */
  permitNumber: z.string(),
  /** How many times the permit was issued; null when the field is not a number. */
  issueCount: z.number().int().nullable(),
});

export const ForeignPermanentCard = z.object({
  ...core,
  cardType: z.literal('foreign-permanent'),
  englishName: z.string(),
  /** Nationality code as the card stores it (3 letters). */
  nationality: z.string(),
  cardVersion: z.string(),
  issuerCode: z.string(),
});

/** The 2023 layout ('Y'); its field table comes from a single source, so treat it as provisional. */
export const ForeignPermanentCard2023 = z.object({
  ...core,
  cardType: z.literal('foreign-permanent-2023'),
  englishName: z.string(),
  nationality: z.string(),
  renewalCount: z.number().int().nullable(),
  /** The field linking to an earlier card; null when blank. */
  previousCardLink: z.string().nullable(),
});

export const IdCard = z.discriminatedUnion('cardType', [
  MainlandCard,
  HkMacauTaiwanPermit,
  ForeignPermanentCard,
  ForeignPermanentCard2023,
]);
export type IdCard = z.infer<typeof IdCard>;
export type MainlandCard = z.infer<typeof MainlandCard>;
export type HkMacauTaiwanPermit = z.infer<typeof HkMacauTaiwanPermit>;
export type ForeignPermanentCard = z.infer<typeof ForeignPermanentCard>;
export type ForeignPermanentCard2023 = z.infer<typeof ForeignPermanentCard2023>;

/** What may be written to a log about a card: no name, no address, the number masked. */
export function describeCardForLog(card: IdCard): { cardType: CardType; idNumber: string; idNumberValid: boolean } {
  return { cardType: card.cardType, idNumber: maskIdNumber(card.idNumber), idNumberValid: card.idNumberValid };
}
