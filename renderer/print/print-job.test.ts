import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../common/api/devices';
import { newerJob, printJobView, printReasonKey } from './print-job';

const job = (state: PrintJob['state'], updatedAt: string, reason?: string): PrintJob => ({
  id: 'j1',
  title: '劳动合同法 第三十条',
  state,
  ...(reason === undefined ? {} : { reason }),
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt,
});

describe('printJobView', () => {
  it('tells the citizen what is happening, and why when it waits', () => {
    expect(printJobView(null)).toEqual({ phase: 'sending', reasonKey: null, settled: false });
    expect(printJobView(job('queued', 't'))).toMatchObject({ phase: 'printing', settled: false });
    expect(printJobView(job('printed', 't'))).toEqual({ phase: 'printed', reasonKey: null, settled: true });
    expect(printJobView(job('waiting', 't', 'paper-out'))).toEqual({
      phase: 'waiting',
      reasonKey: 'print.reasons.paper-out',
      settled: false,
    });
    expect(printJobView(job('waiting', 't', 'cover-open')).reasonKey).toBe('print.reasons.cover-open');
    expect(printJobView(job('failed', 't', 'interrupted'))).toEqual({
      phase: 'failed',
      reasonKey: 'print.reasons.interrupted',
      settled: true,
    });
  });

  it('explains a reason this UI does not know calmly instead of showing a code', () => {
    expect(printReasonKey('printer-on-fire')).toBe('print.reasons.unknown');
    expect(printJobView(job('waiting', 't')).reasonKey).toBe('print.reasons.unknown');
    expect(printReasonKey(undefined)).toBeNull();
  });
});

describe('newerJob', () => {
  it('keeps the newest report on a job, whatever order they arrive in', () => {
    const printing = job('printing', '2025-01-01T00:00:01.000Z');
    const printed = job('printed', '2025-01-01T00:00:02.000Z');
    expect(newerJob(null, printing)).toBe(printing);
    expect(newerJob(printing, printed)).toBe(printed);
    expect(newerJob(printed, printing)).toBe(printed);
  });

  it('on a tie keeps the state further along', () => {
    const printing = job('printing', '2025-01-01T00:00:01.000Z');
    const printed = job('printed', '2025-01-01T00:00:01.000Z');
    expect(newerJob(printed, printing)).toBe(printed);
    expect(newerJob(printing, printed)).toBe(printed);
  });

  it('takes a report on another job as the new one (a retry is the same job, a new print is not)', () => {
    const other = { ...job('queued', '2025-01-01T00:00:00.000Z'), id: 'j2' };
    expect(newerJob(job('printed', '2025-01-01T00:00:05.000Z'), other)).toBe(other);
  });
});
