import { describe, expect, it } from 'vitest';
import type { Health } from '../../../common/api/health';
import { sampleHealth } from '../../../common/api/sample-health';
import {
  NATIONAL_HOTLINE,
  availableFeatureCount,
  faultNotices,
  featureState,
  hotlineNumber,
  printerAvailability,
  subsystemNotices,
  subsystemReasonKey,
} from './health-view';

function health(subsystems: Partial<Health['subsystems']> = {}): Health {
  return sampleHealth({
    terminal: { languages: ['zh-CN'], hotlines: { publicLegalService: '027-12348', local: [] } },
    subsystems,
    features: [
      { id: 'consultation', available: true },
      { id: 'lawLookup', available: false, reason: 'not-in-this-version' },
    ],
  });
}

describe('subsystemNotices', () => {
  it('says nothing when everything works', () => {
    expect(subsystemNotices(health())).toEqual([]);
  });

  it('lists what is not working, most important first, with the reason', () => {
    const notices = subsystemNotices(
      health({
        hub: { state: 'off', reason: 'not-configured' },
        receiptPrinter: { state: 'unavailable', reason: 'paper-out', detail: 'tech only' },
        storage: { state: 'degraded' },
      }),
    );
    expect(notices).toEqual([
      { subsystem: 'storage', state: 'degraded', textKey: 'status.storage.degraded', reasonKey: null },
      {
        subsystem: 'receiptPrinter',
        state: 'unavailable',
        textKey: 'status.receiptPrinter.notice',
        reasonKey: 'status.receiptPrinter.reasons.paper-out',
      },
      { subsystem: 'hub', state: 'off', textKey: 'status.hub.notice', reasonKey: 'status.hub.reasons.not-configured' },
    ]);
  });
});

describe('subsystemReasonKey', () => {
  it('translates known codes per subsystem and falls back for unknown ones', () => {
    expect(subsystemReasonKey('storage', 'data-dir-not-writable')).toBe('status.storage.reasons.data-dir-not-writable');
    expect(subsystemReasonKey('hub', 'refused')).toBe('status.hub.reasons.refused');
    expect(subsystemReasonKey('storage', 'not-configured')).toBe('status.storage.reasons.unknown');
    expect(subsystemReasonKey('idCardReader', 'toString')).toBe('status.idCardReader.reasons.unknown');
    expect(subsystemReasonKey('hub', undefined)).toBeNull();
  });
});

describe('hotlineNumber / availableFeatureCount', () => {
  it("uses the terminal's hotline, or the national one before health is known", () => {
    expect(hotlineNumber(health())).toBe('027-12348');
    expect(hotlineNumber(null)).toBe(NATIONAL_HOTLINE);
  });

  it('counts available features', () => {
    expect(availableFeatureCount(health())).toBe(1);
  });
});

describe('featureState', () => {
  it('gives the word of the service on a feature, and "not in this version" for one it does not list', () => {
    expect(featureState(health(), 'consultation')).toEqual({ id: 'consultation', available: true });
    expect(featureState(health(), 'videoCall')).toEqual({
      id: 'videoCall',
      available: false,
      reason: 'not-in-this-version',
    });
  });
});

describe('printerAvailability', () => {
  it('prints when the printer is ready or only low on paper', () => {
    expect(printerAvailability(health())).toEqual({ state: 'ready' });
    expect(printerAvailability(health({ receiptPrinter: { state: 'degraded', reason: 'paper-near-end' } }))).toEqual({
      state: 'ready',
    });
  });

  it('offers nothing on a terminal without a printer', () => {
    expect(printerAvailability(health({ receiptPrinter: { state: 'off', reason: 'not-configured' } }))).toEqual({
      state: 'none',
    });
  });

  it('says why a printer cannot print now (a job would wait)', () => {
    expect(printerAvailability(health({ receiptPrinter: { state: 'unavailable', reason: 'paper-out' } }))).toEqual({
      state: 'waiting',
      reasonKey: 'status.receiptPrinter.reasons.paper-out',
    });
  });
});

describe('faultNotices', () => {
  it('leaves out parts the terminal does not have, keeps what is broken', () => {
    const h = health({
      hub: { state: 'off', reason: 'not-configured' },
      receiptPrinter: { state: 'unavailable', reason: 'paper-out' },
    });
    expect(faultNotices(h).map((n) => n.subsystem)).toEqual(['receiptPrinter']);
    expect(faultNotices(health({ hub: { state: 'off', reason: 'not-configured' } }))).toEqual([]);
  });
});
