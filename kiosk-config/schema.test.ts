import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TerminalConfig } from './schema';

describe('terminal-config.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate with `npm run kioskctl -- config schema`)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, 'terminal-config.schema.json'), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(z.toJSONSchema(TerminalConfig, { io: 'input' }));
  });
});

describe('video consultation settings', () => {
  const demo = JSON.parse(readFileSync(join(import.meta.dirname, 'demo.json'), 'utf8')) as Record<string, unknown>;

  it('default to a ten-minute wait, no recording and no duty hours', () => {
    const { videoCall: _, ...withoutVideoCall } = demo;
    expect(TerminalConfig.parse(withoutVideoCall).videoCall).toEqual({ maxWaitMinutes: 10, recording: false });
  });

  it('refuse duty hours that do not read as ranges, naming the day and the range', () => {
    const result = TerminalConfig.safeParse({
      ...demo,
      videoCall: { dutyHours: { mon: ['09:00-12:00', '11:00-13:00'], tue: ['9-5'], wed: ['17:00-09:00'] } },
    });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      'videoCall.dutyHours.mon: "11:00-13:00": overlaps another range of the same day',
      'videoCall.dutyHours.tue: "9-5": expected a range such as "09:00-12:00"',
      'videoCall.dutyHours.wed: "17:00-09:00": the range ends before it starts',
    ]);
  });

  it('refuse a wait longer than the hub takes (an hour)', () => {
    expect(TerminalConfig.safeParse({ ...demo, videoCall: { maxWaitMinutes: 61 } }).success).toBe(false);
  });
});
