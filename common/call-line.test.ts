import { describe, expect, it } from 'vitest';
import { callLine, parseCallLine } from './call-line';

describe('the call line between the service and its shell', () => {
  it('reads back what the service writes', () => {
    expect(parseCallLine(callLine(true))).toBe(true);
    expect(parseCallLine(callLine(false))).toBe(false);
    expect(parseCallLine(`${callLine(true)}\r`)).toBe(true);
  });

  it('is no other line: logs, the URL line, a word it does not know', () => {
    for (const line of [
      '{"level":30,"msg":"KIOSK_CALL=active"}',
      'KIOSK_URL=http://127.0.0.1:4000/#secret=x',
      'KIOSK_CALL=yes',
      'KIOSK_CALL=',
      ' KIOSK_CALL=active',
      '',
    ])
      expect(parseCallLine(line), line).toBeNull();
  });
});
