import { describe, expect, it } from 'vitest';
import type { ForeignPermanentCard2023 } from '../../../common/idcard/card';
import { SAMPLE_MAINLAND_LONG_TERM } from '../../../common/idcard/sample-cards';
import { sampleHealth } from '../../../common/api/sample-health';
import {
  checkTypedIdentity,
  identityFromCard,
  normaliseIdNumber,
  readErrorKind,
  readerAvailability,
  typedIdentity,
} from './identity';

/** A fictional card with a valid check character (the simulator's sample card). */
const MAINLAND = SAMPLE_MAINLAND_LONG_TERM;

describe('identity from a card', () => {
  it('takes the name, number and address of a card whose number passed its check', () => {
    expect(identityFromCard(MAINLAND)).toEqual({
      name: '李秀英',
      idNumber: '420111195003080241',
      address: '湖北省武汉市洪山区珞喻路1037号',
      source: 'card',
    });
  });

  it('refuses a card whose number failed its check', () => {
    expect(identityFromCard({ ...MAINLAND, idNumberValid: false, idNumberProblems: ['check-character'] })).toBeNull();
  });

  it('uses the English name of a foreign card issued without a Chinese one, and no address', () => {
    const foreign: ForeignPermanentCard2023 = {
      ...MAINLAND,
      cardType: 'foreign-permanent-2023',
      name: '',
      address: null,
      englishName: 'SMITH, JOHN',
      nationality: 'GBR',
      renewalCount: 0,
      previousCardLink: null,
      nation: null,
    };
    expect(identityFromCard(foreign)).toMatchObject({ name: 'SMITH, JOHN', address: null });
  });
});

describe('typed identity', () => {
  const TODAY = '2025-03-14';
  it('accepts a real number, with a lower-case x read as X', () => {
    expect(checkTypedIdentity('张三', '420111195003080241', TODAY)).toEqual({ name: null, idNumber: null });
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(checkTypedIdentity('张三', '11010519491231002x', TODAY).idNumber).toBeNull();
    expect(typedIdentity(' 张三 ', '11010519491231002x')).toEqual({
      name: '张三',
      idNumber: '11010519491231002X',
      address: null,
      source: 'typed',
    });
  });

  it('refuses a wrong number with the reason a citizen can act on', () => {
    expect(checkTypedIdentity('张三', '', TODAY).idNumber).toBe('id-empty');
    expect(checkTypedIdentity('张三', '42011119500308024', TODAY).idNumber).toBe('format');
    // One digit mistyped: the check character no longer matches.
    expect(checkTypedIdentity('张三', '420111195003080242', TODAY).idNumber).toBe('check-character');
    expect(checkTypedIdentity('', '420111195003080241', TODAY).name).toBe('name-empty');
  });
});

describe('the reader', () => {
  it('is used when it works, skipped when there is none, and typed around when it is down', () => {
    expect(readerAvailability(sampleHealth())).toBe('ready');
    const state = (s: 'ok' | 'off' | 'unavailable' | 'degraded') => {
      const h = sampleHealth();
      return readerAvailability({ ...h, subsystems: { ...h.subsystems, idCardReader: { state: s } } });
    };
    expect(state('off')).toBe('none');
    expect(state('unavailable')).toBe('unavailable');
    expect(state('degraded')).toBe('ready');
    expect(readErrorKind('corrupt-answer')).toBe('again');
    expect(readErrorKind('unavailable')).toBe('reader');
  });
});
