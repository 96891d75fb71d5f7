import { describe, expect, it } from 'vitest';
import { RatingPayload } from '../api/submissions';
import { ratingEn, ratingZhCN } from '../i18n/sections/rating';
import { RATING_REASONS, RATING_SCORES, keepReasons, reasonsForScore } from './rating';

describe('ratings', () => {
  it('every score has words in both languages: stars are never alone', () => {
    for (const s of RATING_SCORES) {
      expect(ratingZhCN.scores[String(s) as keyof typeof ratingZhCN.scores]).toBeTruthy();
      expect(ratingEn.scores[String(s) as keyof typeof ratingEn.scores]).toBeTruthy();
    }
    expect(ratingZhCN.scores['1']).toBe('很不满意');
    expect(ratingZhCN.scores['5']).toBe('很满意');
  });
  it('offers what went well for a good score and what did not for a poor one', () => {
    expect(reasonsForScore(null)).toEqual([]);
    expect(reasonsForScore(5)).toContain('clear-answer');
    expect(reasonsForScore(5)).not.toContain('waited-too-long');
    expect(reasonsForScore(1)).toContain('no-answer-found');
    expect(reasonsForScore(1)).not.toContain('clear-answer');
    expect(reasonsForScore(3)).toEqual(expect.arrayContaining(['clear-answer', 'text-too-small']));
    for (const s of RATING_SCORES) for (const r of reasonsForScore(s)) expect(RATING_REASONS).toContain(r);
  });
  it('keeps only the chosen reasons the new score still offers', () => {
    expect(keepReasons(['waited-too-long', 'clear-answer'], 5)).toEqual(['clear-answer']);
    expect(keepReasons(['text-too-small'], 4)).toEqual([]);
  });
  it('the payload takes the reason codes and nothing free-form about the citizen', () => {
    expect(RatingPayload.parse({ subject: 'mediation', score: 4, reasons: ['clear-answer'] })).toEqual({
      subject: 'mediation',
      score: 4,
      reasons: ['clear-answer'],
    });
    expect(RatingPayload.safeParse({ subject: 'mediation', score: 4, reasons: ['张三 13812345678'] }).success).toBe(
      false,
    );
    expect(RatingPayload.safeParse({ subject: 'mediation', score: 6 }).success).toBe(false);
  });
});
