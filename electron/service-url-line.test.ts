import { describe, expect, it } from 'vitest';
import { MAX_PENDING_LINE_CHARS, parseKioskUrlLine, takeLines } from './service-url-line';

const LINE = 'KIOSK_URL=http://127.0.0.1:43117/#secret=Zm9vYmFyYmF6cXV4MTIzNA';

/** Feeds chunks one by one, as the stdout pipe would. */
function feed(chunks: string[]): { lines: string[]; pending: string } {
  let pending = '';
  const lines: string[] = [];
  for (const chunk of chunks) {
    const r = takeLines(pending, chunk);
    lines.push(...r.lines);
    pending = r.pending;
  }
  return { lines, pending };
}

describe('takeLines', () => {
  it('keeps an unterminated tail pending', () => {
    expect(takeLines('', '{"msg":"a"}\nKIOSK_')).toEqual({ lines: ['{"msg":"a"}'], pending: 'KIOSK_' });
  });

  it('reassembles the same lines wherever the stream is cut', () => {
    const stream = `{"level":30,"msg":"启动"}\r\n${LINE}\r\n{"level":30,"msg":"ready"}\n`;
    const expected = ['{"level":30,"msg":"启动"}', LINE, '{"level":30,"msg":"ready"}'];
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(feed([stream.slice(0, cut), stream.slice(cut)])).toEqual({ lines: expected, pending: '' });
    }
    expect(feed([...stream])).toEqual({ lines: expected, pending: '' });
  });

  it('strips CR only when it ends up at the end of a line, even if CR and LF arrive apart', () => {
    expect(feed(['a\r', '\nb\rc\n'])).toEqual({ lines: ['a', 'b\rc'], pending: '' });
  });

  it('keeps empty lines so line numbering is not shifted', () => {
    expect(takeLines('', '\n\nx\n').lines).toEqual(['', '', 'x']);
  });

  it('flushes an overlong unterminated line instead of buffering forever', () => {
    const huge = 'x'.repeat(MAX_PENDING_LINE_CHARS + 1);
    expect(takeLines('', huge)).toEqual({ lines: [huge], pending: '' });
    expect(takeLines('', 'x'.repeat(MAX_PENDING_LINE_CHARS)).pending).toHaveLength(MAX_PENDING_LINE_CHARS);
  });
});

describe('parseKioskUrlLine', () => {
  it('returns the URL with its secret and the bare origin', () => {
    expect(parseKioskUrlLine(LINE)).toEqual({
      url: 'http://127.0.0.1:43117/#secret=Zm9vYmFyYmF6cXV4MTIzNA',
      origin: 'http://127.0.0.1:43117',
      secret: 'Zm9vYmFyYmF6cXV4MTIzNA',
    });
  });

  it('accepts IPv6 loopback', () => {
    expect(parseKioskUrlLine('KIOSK_URL=http://[::1]:8080/#secret=abc')?.origin).toBe('http://[::1]:8080');
  });

  it('ignores log lines, including ones that mention KIOSK_URL', () => {
    expect(parseKioskUrlLine('{"level":30,"msg":"KIOSK_URL=http://127.0.0.1:1/#secret=a"}')).toBeNull();
    expect(parseKioskUrlLine('')).toBeNull();
  });

  it.each([
    ['a non-loopback host', 'KIOSK_URL=http://192.168.1.5:8080/#secret=abc'],
    ['a DNS name, even localhost', 'KIOSK_URL=http://localhost:8080/#secret=abc'],
    ['https or another scheme', 'KIOSK_URL=https://127.0.0.1:8080/#secret=abc'],
    ['file URLs', 'KIOSK_URL=file:///etc/passwd#secret=abc'],
    ['no explicit port', 'KIOSK_URL=http://127.0.0.1/#secret=abc'],
    ['credentials in the URL', 'KIOSK_URL=http://u:p@127.0.0.1:8080/#secret=abc'],
    ['a missing secret', 'KIOSK_URL=http://127.0.0.1:8080/'],
    ['an empty secret', 'KIOSK_URL=http://127.0.0.1:8080/#secret='],
    ['garbage', 'KIOSK_URL=not a url'],
  ])('refuses %s', (_what, line) => {
    expect(parseKioskUrlLine(line)).toBeNull();
  });
});
