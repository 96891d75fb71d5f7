import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  const last = (): Record<string, unknown> => JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  return { logger, last };
}

describe('service logger', () => {
  it('keeps an error’s type, message and stack, with personal data masked', () => {
    const { logger, last } = capture();
    logger.error({ err: new TypeError('no card for 11010519491231002X, call 13812345678') }, 'reader failed');
    const err = last()['err'] as Record<string, unknown>;
    expect(err['type']).toBe('TypeError');
    expect(err['message']).toBe('no card for 110***********002X, call 138****5678');
    expect(err['stack']).toMatch(/^TypeError: no card for 110\*+002X/);
    expect(err['stack']).toMatch(/logger\.test\.ts/);
    expect(JSON.stringify(last())).not.toContain('11010519491231002X');
  });

  it('keeps an error’s own fields and its cause, masked the same way', () => {
    const { logger, last } = capture();
    const cause = Object.assign(new Error('EACCES: open /data/records.db'), { code: 'EACCES' });
    const error = Object.assign(new Error('records unavailable', { cause }), {
      code: 'E_RECORDS',
      idNumber: '11010519491231002X',
    });
    logger.error({ err: error }, 'start failed');
    const err = last()['err'] as Record<string, unknown>;
    expect(err['message']).toBe('records unavailable');
    expect(err['code']).toBe('E_RECORDS');
    expect(err['idNumber']).toBe('[redacted]');
    expect(err['cause']).toMatchObject({ type: 'Error', message: 'EACCES: open /data/records.db', code: 'EACCES' });
  });

  it('serialises errors anywhere in the logged object, and errors that are not Error instances as they are', () => {
    const { logger, last } = capture();
    logger.warn({ detail: { attempts: [new RangeError('too far')] }, reason: 'string thrown' }, 'retrying');
    expect(last()['detail']).toEqual({
      attempts: [expect.objectContaining({ type: 'RangeError', message: 'too far' })],
    });
    expect(last()['reason']).toBe('string thrown');
  });

  it('survives an error that refers to itself', () => {
    const { logger, last } = capture();
    const error = new Error('loop') as Error & { self?: unknown };
    error.self = error;
    logger.error({ err: error }, 'odd');
    expect((last()['err'] as Record<string, unknown>)['message']).toBe('loop');
  });
});
