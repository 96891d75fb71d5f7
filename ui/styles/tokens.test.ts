import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Colours declared in the default `:root` block of tokens.css. */
function rootColours(): Map<string, string> {
  const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return new Map(
    [...root.matchAll(/--(color-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1] ?? '', (m[2] ?? '').toLowerCase()]),
  );
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The default colours with the `:root[data-mode='elderly']` block's overrides applied. */
function elderlyColours(): Map<string, string> {
  const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
  const block = /:root\[data-mode='elderly'\]\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const merged = new Map(rootColours());
  for (const m of block.matchAll(/--(color-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi))
    merged.set(m[1] ?? '', (m[2] ?? '').toLowerCase());
  return merged;
}

/** Pixel sizes declared in a block of tokens.css. */
function sizes(selector: RegExp): Map<string, number> {
  const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
  const block = selector.exec(css)?.[1] ?? '';
  return new Map([...block.matchAll(/--([\w-]+):\s*(\d+)px\s*;/g)].map((m) => [m[1] ?? '', Number(m[2])]));
}

const colours = rootColours();

// [foreground, background, minimum]: 7:1 for body text, 4.5:1 for other text, 3:1 for icons and borders.
const PAIRS: [string, string, number][] = [
  ['color-text', 'color-bg', 7],
  ['color-text', 'color-surface', 7],
  ['color-text', 'color-primary-soft', 7],
  ['color-text', 'color-info-bg', 7],
  ['color-text-muted', 'color-bg', 7],
  ['color-text-muted', 'color-surface', 7],
  ['color-text-muted', 'color-primary-soft', 4.5],
  ['color-primary', 'color-surface', 7],
  ['color-primary', 'color-bg', 7],
  ['color-primary', 'color-primary-soft', 7],
  ['color-on-primary', 'color-primary', 7],
  ['color-on-primary', 'color-primary-pressed', 7],
  ['color-unavailable-text', 'color-unavailable-bg', 7],
  ['color-unavailable-text', 'color-surface', 7],
  ['color-warning-text', 'color-warning-bg', 7],
  ['color-warning-accent', 'color-warning-bg', 3],
  ['color-info-accent', 'color-info-bg', 3],
  ['color-ok', 'color-surface', 3],
  ['color-border', 'color-surface', 3],
  ['color-border', 'color-bg', 3],
  ['color-focus', 'color-bg', 3],
  ['color-focus', 'color-surface', 3],
  ['color-paper-ink', 'color-paper', 7],
];

describe('design token colours', () => {
  it('declares every colour the checks name', () => {
    for (const [fg, bg] of PAIRS) {
      expect(colours.get(fg), fg).toMatch(/^#[0-9a-f]{6}$/);
      expect(colours.get(bg), bg).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it.each(PAIRS)('%s on %s reaches %d:1', (fg, bg, min) => {
    expect(contrast(colours.get(fg) ?? '#000000', colours.get(bg) ?? '#000000')).toBeGreaterThanOrEqual(min);
  });

  it('computes contrast like WCAG', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe('elderly mode tokens (长辈模式)', () => {
  const elderly = elderlyColours();
  // Every pair that carries text reaches 7:1 in this mode; icons and borders 3:1.
  const TEXT_PAIRS = PAIRS.filter(([, , min]) => min > 3);
  it.each(TEXT_PAIRS)('%s on %s reaches 7:1', (fg, bg) => {
    expect(contrast(elderly.get(fg) ?? '#000000', elderly.get(bg) ?? '#000000')).toBeGreaterThanOrEqual(7);
  });
  it.each(PAIRS.filter(([, , min]) => min === 3))('%s on %s reaches 3:1', (fg, bg) => {
    expect(contrast(elderly.get(fg) ?? '#000000', elderly.get(bg) ?? '#000000')).toBeGreaterThanOrEqual(3);
  });

  it('sets text ≥ 32 px and targets ≥ 80 px; standard mode text ≥ 24 px and targets ≥ 64 px', () => {
    const standard = sizes(/:root\s*\{([^}]*)\}/);
    const big = sizes(/:root\[data-mode='elderly'\]\s*\{([^}]*)\}/);
    for (const name of ['text-small', 'text-body', 'text-lead', 'text-title', 'text-display']) {
      expect(standard.get(name), name).toBeGreaterThanOrEqual(24);
      expect(big.get(name), name).toBeGreaterThanOrEqual(32);
    }
    expect(standard.get('target-min')).toBeGreaterThanOrEqual(64);
    expect(big.get('target-min')).toBeGreaterThanOrEqual(80);
    expect(big.get('target-large')).toBeGreaterThanOrEqual(80);
  });
});
