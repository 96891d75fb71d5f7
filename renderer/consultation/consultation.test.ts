import { describe, expect, it } from 'vitest';
import { situationScreen } from './consultation';

describe('situationScreen', () => {
  it('skips the list when the situation has exactly one question', () => {
    expect(situationScreen('traffic/hit-and-run', [{ id: 'hit-and-run-who-pays' }])).toEqual({
      name: 'answer',
      faqId: 'hit-and-run-who-pays',
    });
  });

  it('shows the list for several questions, none, or when the list could not be read', () => {
    const list = { name: 'questions', situationId: 'labour-wages/unpaid-wages' };
    expect(situationScreen('labour-wages/unpaid-wages', [{ id: 'a' }, { id: 'b' }])).toEqual(list);
    expect(situationScreen('labour-wages/unpaid-wages', [])).toEqual(list);
    expect(situationScreen('labour-wages/unpaid-wages', null)).toEqual(list);
  });
});
