import { describe, expect, it } from 'vitest';
import { lawyerAddress, UNNAMED_LAWYER } from './lawyer-name';

describe('how a kiosk names the lawyer', () => {
  it('family name and 律师, compound family names whole, nothing else of the name', () => {
    expect(lawyerAddress('王芳')).toBe('王律师');
    expect(lawyerAddress(' 李明华 ')).toBe('李律师');
    expect(lawyerAddress('欧阳娜娜')).toBe('欧阳律师');
    // Two characters: a family name and a given name, even if they would make a compound one.
    expect(lawyerAddress('司马')).toBe('司律师');
  });

  it('值班律师 without a name to take one from', () => {
    expect(lawyerAddress(null)).toBe(UNNAMED_LAWYER);
    expect(lawyerAddress('  ')).toBe(UNNAMED_LAWYER);
    expect(lawyerAddress('Li Wei')).toBe(UNNAMED_LAWYER);
  });
});
