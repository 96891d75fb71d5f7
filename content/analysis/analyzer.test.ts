import { describe, expect, it } from 'vitest';
import { wordPinyin } from './analyzer';

describe('wordPinyin', () => {
  it('reads 还 as huán in the words for paying a debt back, as people type them', () => {
    expect(wordPinyin('还款').full).toBe('huankuan');
    expect(wordPinyin('欠款不还')).toEqual({ full: 'qiankuanbuhuan', initials: 'qkbh' });
    expect(wordPinyin('借钱不还钱').full).toBe('jieqianbuhuanqian');
  });

  it('keeps hái where 还 means still', () => {
    expect(wordPinyin('还有').full).toBe('haiyou');
  });
});
