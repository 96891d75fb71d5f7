import { describe, expect, it } from 'vitest';
import { FeatureStateSchema, SUBSYSTEM_REASONS } from '../api/health';
import { FEATURE_IDS } from '../features';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Every leaf of a catalogue as `dotted.key → text`. */
function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      for (const [k, v] of flatten(value, prefix === '' ? key : `${prefix}.${key}`)) out.set(k, v);
    }
  } else {
    out.set(prefix, node);
  }
  return out;
}

const catalogues = { 'zh-CN': flatten(zhCN), en: flatten(en) };

const unavailableVariant = FeatureStateSchema.options.find((o) => o.shape.available.value === false);
const FEATURE_UNAVAILABLE_REASONS =
  unavailableVariant && 'reason' in unavailableVariant.shape ? unavailableVariant.shape.reason.options : [];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('translation catalogues', () => {
  it('have exactly the same keys in every language', () => {
    expect([...catalogues.en.keys()].sort()).toEqual([...catalogues['zh-CN'].keys()].sort());
  });

  it.each(Object.entries(catalogues))('%s has only non-empty strings', (_lang, entries) => {
    for (const [key, value] of entries) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('use the same {{placeholders}} in every language', () => {
    for (const [key, zh] of catalogues['zh-CN']) {
      expect(placeholders(String(catalogues.en.get(key))), key).toEqual(placeholders(String(zh)));
    }
  });

  it.each(Object.entries(catalogues))('%s names every feature', (_lang, entries) => {
    for (const id of FEATURE_IDS) {
      expect(entries.get(`features.${id}.title`), id).toBeTruthy();
      expect(entries.get(`features.${id}.description`), id).toBeTruthy();
    }
  });

  it.each(Object.entries(catalogues))('%s explains every reason a feature can be unavailable', (_lang, entries) => {
    expect(FEATURE_UNAVAILABLE_REASONS.length).toBeGreaterThan(0);
    for (const reason of FEATURE_UNAVAILABLE_REASONS) {
      expect(entries.get(`featureUnavailable.${reason}.badge`), reason).toBeTruthy();
      expect(entries.get(`featureUnavailable.${reason}.explain`), reason).toBeTruthy();
    }
  });

  it.each(Object.entries(catalogues))(
    '%s describes every subsystem and its reason codes, with a fallback',
    (_lang, entries) => {
      for (const [subsystem, reasons] of Object.entries(SUBSYSTEM_REASONS)) {
        expect(entries.get(`status.${subsystem}.notice`), subsystem).toBeTruthy();
        expect(entries.get(`status.${subsystem}.degraded`), subsystem).toBeTruthy();
        for (const reason of [...reasons, 'unknown']) {
          expect(entries.get(`status.${subsystem}.reasons.${reason}`), `${subsystem}.${reason}`).toBeTruthy();
        }
      }
    },
  );

  it('name each language in its own script for the language switch', () => {
    expect(zhCN.language.name).toBe('中文');
    expect(en.language.name).toBe('English');
  });
});
