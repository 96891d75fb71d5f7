import type { Catalogue } from '../catalogue';

/**
 * Reading an ID card, or typing the details in instead (renderer/flow/id-card):
 * shared by every form that needs who the citizen is.
 */
export const idCardZhCN = {
  insert: '请把身份证放在读卡区',
  insertHint: '把身份证平放在读卡区上，先不要拿开。',
  illustration: '示意图：身份证平放在读卡区上',
  waiting: '正在等您放身份证',
  errorAgain: '没有读出来。请把身份证拿起来，再平放一次。',
  errorReader: '读卡器出了问题，请手动输入。',
  invalidCard: '这张证件读出来的号码不对，请再放一次，或者手动输入。',
  timeout: '一直没有读到身份证',
  timeoutHint: '请把身份证平放在读卡区，再试一次；也可以手动输入。',
  tryAgain: '再试一次',
  noReader: '这台机器没有读卡器，请手动输入。',
  readerDown: '读卡器暂时不能用，请手动输入。',
  manual: '没有带身份证，手动输入',
  useCard: '改用身份证读取',
  manualTitle: '手动输入身份信息',
  name: '姓名',
  namePlaceholder: '用拼音打字，如 zhangsan',
  idNumber: '身份证号码',
  idNumberPlaceholder: '18位号码',
  idNumberKeyboardHint: '输入18位身份证号码，最后一位可能是X',
  confirm: '确定',
  problems: {
    'name-empty': '请输入姓名。',
    'id-empty': '请输入身份证号码。',
    format: '身份证号码是18位：前17位是数字，最后一位是数字或X。',
    'check-character': '号码里有一位不对（最后一位校验码对不上）。请对照身份证，一位一位再看一遍。',
    'birth-date': '号码中间的出生日期不对，请对照身份证再看一遍。',
    region: '号码开头的地区代码不对，请对照身份证再看一遍。',
    'birth-date-mismatch': '号码里的出生日期和证件上的不一样。',
    'sex-mismatch': '号码和证件上的性别对不上。',
  },
};

export const idCardEn: Catalogue<typeof idCardZhCN> = {
  insert: 'Place your ID card on the reader',
  insertHint: 'Lay it flat on the reader and leave it there for now.',
  illustration: 'Picture: an ID card lying flat on the reader',
  waiting: 'Waiting for your ID card',
  errorAgain: 'The card could not be read. Lift it and lay it down again.',
  errorReader: 'The card reader has a problem. Please type your details in.',
  invalidCard: 'The number read from this card is not right. Place it again, or type your details in.',
  timeout: 'No ID card was read',
  timeoutHint: 'Lay your ID card flat on the reader and try again, or type your details in.',
  tryAgain: 'Try again',
  noReader: 'This kiosk has no card reader. Please type your details in.',
  readerDown: 'The card reader is not working right now. Please type your details in.',
  manual: 'No ID card with me: type it in',
  useCard: 'Read my ID card instead',
  manualTitle: 'Type in your details',
  name: 'Name',
  namePlaceholder: 'Type in pinyin, e.g. zhangsan',
  idNumber: 'ID number',
  idNumberPlaceholder: '18 characters',
  idNumberKeyboardHint: 'Type the 18-character ID number; the last may be X',
  confirm: 'OK',
  problems: {
    'name-empty': 'Please enter your name.',
    'id-empty': 'Please enter your ID number.',
    format: 'An ID number has 18 characters: 17 digits, then a digit or X.',
    'check-character':
      'One character is wrong (the check character at the end does not match). Compare it with your card, one by one.',
    'birth-date': 'The date of birth inside the number is not right. Compare it with your card.',
    region: 'The region code at the start is not right. Compare it with your card.',
    'birth-date-mismatch': 'The date of birth in the number differs from the card.',
    'sex-mismatch': 'The number does not match the sex on the card.',
  },
};
