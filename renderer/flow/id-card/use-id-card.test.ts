import { describe, expect, it } from 'vitest';
import type { IdCard } from '../../../common/idcard/card';
import { SAMPLE_MAINLAND_LONG_TERM } from '../../../common/idcard/sample-cards';
import { identityFromCard } from './identity';
import { cardRead } from './use-id-card';

/** A fictional card with a valid check character (the simulator's sample card). */
const CARD = SAMPLE_MAINLAND_LONG_TERM;
const FAILED_CHECK: IdCard = { ...CARD, idNumberValid: false, idNumberProblems: ['check-character'] };

describe('what a card read gives the screen', () => {
  it('carries what the screen took from the card, not the card', () => {
    const read = cardRead(CARD, (card) => ({ 'borrower.name': card.name }));
    expect(read).toEqual({ phase: 'read', value: { 'borrower.name': '李秀英' } });
  });

  it('carries the identity when the screen takes that', () => {
    expect(cardRead(CARD, identityFromCard)).toEqual({ phase: 'read', value: identityFromCard(CARD) });
  });

  it('refuses a card whose number failed its check before the screen sees it', () => {
    const seen: IdCard[] = [];
    const read = cardRead(FAILED_CHECK, (card) => {
      seen.push(card);
      return card.name;
    });
    expect(read).toEqual({ phase: 'invalid-card' });
    expect(seen).toEqual([]);
  });

  it('says a card the screen cannot use is invalid', () => {
    expect(cardRead(CARD, () => null)).toEqual({ phase: 'invalid-card' });
  });

  it('keeps an empty answer: a good card with nothing to fill is still a card read', () => {
    expect(cardRead(CARD, () => ({}))).toEqual({ phase: 'read', value: {} });
  });
});
