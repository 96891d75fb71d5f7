/**
 * Read-aloud (朗读) helpers, kept free of the DOM so they can be unit-tested
 * in node: what text to speak for a screen or a button, and in which voice.
 */

/** Long enough that a normal tap (even a slow, shaky one) is never taken for it. */
export const LONG_PRESS_MS = 600;

/** Spoken text is capped so one tap never reads a whole law aloud. */
export const MAX_SPOKEN_CHARS = 400;

/** Collapses runs of whitespace; screens lay text out in many small elements. */
export function normaliseSpeech(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts at the last sentence end (or space) before `max` characters. */
export function capSpeech(text: string, max = MAX_SPOKEN_CHARS): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const cut = Math.max(...['。', '！', '？', '. ', '! ', '? '].map((end) => head.lastIndexOf(end)));
  return cut > max / 2 ? head.slice(0, cut + 1).trim() : head.trim();
}

/** The part of a screen read aloud: its heading, then its first paragraph of text. */
export interface ScreenText {
  heading: string | null | undefined;
  paragraphs: readonly (string | null | undefined)[];
}

/** Heading + the first non-empty paragraph, normalised and capped; '' when the screen has neither. */
export function pickScreenText({ heading, paragraphs }: ScreenText): string {
  const parts: string[] = [];
  const h = normaliseSpeech(heading ?? '');
  if (h) parts.push(h);
  const first = paragraphs.map((p) => normaliseSpeech(p ?? '')).find((p) => p.length > 0 && p !== h);
  if (first) parts.push(first);
  const joined = parts
    .map((p) => (/[。！？.!?:：]$/.test(p) ? p : `${p}${/[\u3400-\u9fff]/.test(p) ? '。' : '.'}`))
    .join(' ');
  return capSpeech(joined);
}

/** What a button says when long-pressed: its aria-label if it has one, else its visible words. */
export function buttonSpeech(ariaLabel: string | null | undefined, textContent: string | null | undefined): string {
  return capSpeech(normaliseSpeech(ariaLabel ?? '') || normaliseSpeech(textContent ?? ''));
}

/** The speechSynthesis voice language for the UI language. */
export function speechLang(uiLanguage: string): 'zh-CN' | 'en-US' {
  return uiLanguage.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}
