import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from './sample-cards';
import { groupIdNumber } from './group-id-number';

describe('groupIdNumber', () => {
  it.each([
    ['18 characters: region, birth date, sequence and check', '420111195003080241', '420111 19500308 0241'],
    ['18 characters ending in x, read as X', '11010519491231002x', '110105 19491231 002X'],
    ['the 2023 foreign card, shaped like a citizen number', SAMPLE_CARDS.foreign2023.idNumber, '911840 19880412 0013'],
    ['15 digits (first generation): region, yymmdd, sequence', '420111500308024', '420111 500308 024'],
    [
      'the 2017 foreign card: nationality, office, birth date, sequence',
      SAMPLE_CARDS.foreign2017.idNumber,
      'USA 1100 850620 21',
    ],
    ['a region being typed', '42011', '42011'],
    ['a whole region', '420111', '420111'],
    ['part of a birth date', '4201111950', '420111 1950'],
    ['a whole birth date', '42011119500308', '420111 19500308'],
    ['16 characters, on the way to 18', '4201111950030802', '420111 19500308 02'],
    ['spaces as the keyboard leaves them', ' 420111 19500308 0241 ', '420111 19500308 0241'],
    ['nothing', '', ''],
  ])('groups %s', (_what, typed, grouped) => {
    expect(groupIdNumber(typed)).toBe(grouped);
  });
});
