import { describe, expect, it } from 'vitest';
import { checkOpeningHours } from '../../../common/hub/opening-hours';
import { timeOptions } from './time-options';

describe('opening hours’ time choices', () => {
  it('offers every quarter hour the hub takes, 24:00 only to close, and keeps a time set otherwise', () => {
    const opens = timeOptions('08:30', 'opens').map((o) => o.value);
    const closes = timeOptions('17:30', 'closes').map((o) => o.value);
    expect([opens[0], opens.at(-1), opens.length]).toEqual(['00:00', '23:45', 96]);
    expect([closes[0], closes.at(-1), closes.length]).toEqual(['00:15', '24:00', 96]);
    // Every pair the choices make that closes after it opens is hours the hub accepts.
    for (const o of opens.filter((_v, i) => i % 7 === 0))
      for (const c of closes.filter((v) => v > o)) {
        const hours = { mon: [`${o}-${c}`], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
        expect(checkOpeningHours(hours).ok, `${o}-${c}`).toBe(true);
      }
    expect(timeOptions('08:10', 'opens').map((o) => o.value)).toContain('08:10');
    expect(timeOptions('08:10', 'opens')).toHaveLength(97);
  });
});
