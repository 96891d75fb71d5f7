import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from './sample-cards';
import { groupIdNumber } from './group-id-number';

describe('groupIdNumber', () => {
  it('groups 18 characters as region, birth date, sequence and check character', () => {
    expect(groupIdNumber('420111195003080241')).toBe('420111 19500308 0241');
    expect(groupIdNumber('11010519491231002x')).toBe('110105 19491231 002X');
    expect(groupIdNumber(SAMPLE_CARDS.foreign2023.idNumber)).toBe('911840 19880412 0013');
  });

  it('groups a 15-digit first-generation number as region, yymmdd, sequence', () => {
    expect(groupIdNumber('420111500308024')).toBe('420111 500308 024');
  });

  it('keeps the birth date of a 2017 foreign card number in one group', () => {
    expect(SAMPLE_CARDS.foreign2017.idNumber).toBe('USA110085062021');
    expect(groupIdNumber(SAMPLE_CARDS.foreign2017.idNumber)).toBe('USA 1100 850620 21');
  });

  it('groups a number being typed as far as it goes', () => {
    expect(groupIdNumber('42011')).toBe('42011');
    expect(groupIdNumber('420111')).toBe('420111');
    expect(groupIdNumber('4201111950')).toBe('420111 1950');
    expect(groupIdNumber('42011119500308')).toBe('420111 19500308');
    expect(groupIdNumber('4201111950030802')).toBe('420111 19500308 02');
  });

  it('reads the number as the keyboard leaves it', () => {
    expect(groupIdNumber(' 420111 19500308 0241 ')).toBe('420111 19500308 0241');
    expect(groupIdNumber('')).toBe('');
  });
});
