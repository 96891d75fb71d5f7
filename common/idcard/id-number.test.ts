import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkForeignCard2017Number, checkIdNumber, idNumberCheckChar, isRealDate } from './id-number';

const TODAY = { today: '2026-01-01' };

describe('GB 11643 check character', () => {
  it('matches the standard’s worked example and numbers computed by hand', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('42011119500308024')).toBe('1');
    expect(idNumberCheckChar('44030420000229003')).toBe('0');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idNumberCheckChar('1101051949123100A')).toThrow(RangeError);
  });

  it('catches every single-digit change and every swap of two different neighbours', () => {
    // The reason the standard uses MOD 11-2: both kinds of typing error change the check.
    const seventeen = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 });
    fc.assert(
      fc.property(seventeen, fc.nat(16), fc.integer({ min: 1, max: 9 }), (digits, pos, delta) => {
        const changed = [...digits];
        changed[pos] = (changed[pos]! + delta) % 10;
        return idNumberCheckChar(digits.join('')) !== idNumberCheckChar(changed.join(''));
      }),
    );
    fc.assert(
      fc.property(seventeen, fc.nat(15), (digits, pos) => {
        fc.pre(digits[pos] !== digits[pos + 1]);
        const swapped = [...digits];
        [swapped[pos], swapped[pos + 1]] = [swapped[pos + 1]!, swapped[pos]!];
        return idNumberCheckChar(digits.join('')) !== idNumberCheckChar(swapped.join(''));
      }),
    );
  });
});

describe('checkIdNumber', () => {
  it('accepts valid numbers, including X and a 29 February', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({ valid: true, problems: [] });
    expect(checkIdNumber('11010519491231002x', TODAY).valid).toBe(true);
    expect(checkIdNumber('440304200002290030', TODAY).valid).toBe(true);
    expect(checkIdNumber('810000199511020022', TODAY).valid).toBe(true); // HK permit
    expect(checkIdNumber('911840198804120013', TODAY).valid).toBe(true); // 2023 foreign card
  });

  it('reports a wrong check character instead of fixing it', () => {
    expect(checkIdNumber('110105194912310021', TODAY)).toEqual({ valid: false, problems: ['check-character'] });
  });

  it('reports the format for wrong lengths and characters', () => {
    for (const bad of [
      '',
      '11010519491231002',
      '11010519491231002XX',
      '1101051949123100X2',
      '11010519491231002Y',
      '１１０１０５１９４９１２３１００２X',
    ]) {
      expect(checkIdNumber(bad, TODAY), bad).toEqual({ valid: false, problems: ['format'] });
    }
  });

  it('reports impossible birth dates, future ones included', () => {
    const withCheck = (first17: string) => {
      let sum = 0;
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
      return first17 + '10X98765432'[sum % 11];
    };
    expect(checkIdNumber(withCheck('11010519490230002'), TODAY).problems).toEqual(['birth-date']); // 30 Feb
    expect(checkIdNumber(withCheck('11010519000229002'), TODAY).problems).toEqual(['birth-date']); // 1900 not leap
    expect(checkIdNumber(withCheck('11010520300101002'), TODAY).problems).toEqual(['birth-date']);
    expect(checkIdNumber(withCheck('11010520251231002'), TODAY).problems).toEqual([]);
    expect(checkIdNumber(withCheck('99010519491231002'), TODAY).problems).toEqual(['region']);
    expect(checkIdNumber(withCheck('01010519491231002'), TODAY).problems).toEqual(['region']);
  });

  it('compares the number with the card’s birth date and sex', () => {
    expect(checkIdNumber('420111195003080241', { ...TODAY, birthDate: '1950-03-08', sex: 'female' }).valid).toBe(true);
    expect(checkIdNumber('420111195003080241', { ...TODAY, birthDate: '1950-03-09', sex: 'male' }).problems).toEqual([
      'birth-date-mismatch',
      'sex-mismatch',
    ]);
    // 未说明 says nothing about the sequence number.
    expect(checkIdNumber('420111195003080241', { ...TODAY, sex: 'unspecified' }).valid).toBe(true);
  });
});

describe('isRealDate', () => {
  it('knows month lengths and leap years', () => {
    expect(isRealDate('20000229')).toBe(true);
    expect(isRealDate('21000229')).toBe(false);
    expect(isRealDate('20240431')).toBe(false);
    expect(isRealDate('20241301')).toBe(false);
    expect(isRealDate('20240100')).toBe(false);
    expect(isRealDate('17991231')).toBe(false);
    expect(isRealDate('2024011')).toBe(false);
  });
});

describe('2017 foreign permanent residence card number', () => {
  it('checks the shape: three letters, twelve digits', () => {
    expect(checkForeignCard2017Number('USA110085062021').valid).toBe(true);
    expect(checkForeignCard2017Number('usa110085062021').problems).toEqual(['format']);
    expect(checkForeignCard2017Number('USA11008506202').valid).toBe(false);
    expect(checkForeignCard2017Number('911840198804120013').valid).toBe(false);
  });
});
