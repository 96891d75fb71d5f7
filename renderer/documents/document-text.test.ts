import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../common/templates/fill';
import { utf8Length } from '../../common/receipt/receipt';
import { SCREEN_QR_MAX_BYTES } from '../../common/take-away';
import { documentCode, documentText } from './document-text';
import { previewValues } from './form-model';
import { IOU, IOU_ANSWERS } from './test-template';

describe('the filled document as text for a phone', () => {
  const receipt = fillTemplate(IOU, previewValues(IOU, IOU_ANSWERS), { today: '2025-06-01' });
  const text = documentText(receipt);

  it('holds the title, the filled body with the amount in capitals, the signature line and the law', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('借条');
    expect(text).toContain(
      '今借到出借人李四（身份证号码：420111195003080241）借款¥12,345.60（人民币壹万贰仟叁佰肆拾伍元陆角）。',
    );
    expect(text).toContain('借款人（签名并按手印）：');
    expect(text).toContain('法律依据：《中华人民共和国民法典》第六百六十八条。');
    // No paper indents, no blank lines.
    expect(lines.every((l) => l === l.trim() && !l.startsWith('\u3000') && l !== '')).toBe(true);
  });

  it('goes into a code when it fits a code read from the screen, and is never cut short', () => {
    expect(documentCode('借条\n今借到…')).toEqual({ kind: 'text', data: '借条\n今借到…' });
    const exact = '借'.repeat(SCREEN_QR_MAX_BYTES / 3);
    expect(documentCode(exact).kind).toBe('text');
    expect(documentCode(`${exact}a`)).toEqual({ kind: 'too-long', bytes: SCREEN_QR_MAX_BYTES + 1 });
    // A whole 借条 is longer than that: the screen asks to print it instead.
    expect(utf8Length(text)).toBeGreaterThan(SCREEN_QR_MAX_BYTES);
    expect(documentCode(text).kind).toBe('too-long');
  });
});
