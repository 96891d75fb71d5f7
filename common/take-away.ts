/**
 * "Take it with you": what the QR code on an answer or an article screen
 * holds. A citizen scans it with their phone and keeps the answer.
 *
 * - With a hub configured, a link to the hub's public page for the same
 *   content, which a phone opens in full.
 * - Without one (the kiosk works offline), the text itself when it fits in a
 *   code a phone reads from the screen in one go — most phone scanners show
 *   scanned text and let it be copied or shared.
 * - Otherwise the citation: the law's name, version and article number, or the
 *   question with the articles it cites, enough to find it again.
 *
 * Public page addresses name content by what stays the same across content
 * releases (an answer's id; a law's title, version date and article number),
 * never by database row ids, so a code printed today still opens next year.
 */
import { utf8Length } from './receipt/receipt';

/** What one screen shows. Text stays as written (the law texts and answers are Chinese). */
export type TakeAwaySubject =
  | {
      kind: 'answer';
      id: string;
      question: string;
      answer: string;
      cites: readonly { lawShort: string; article: string }[];
    }
  | {
      kind: 'guide';
      id: string;
      title: string;
      summary: string;
      steps: readonly { title: string; body: string; timeLimit?: string | undefined }[];
      cites: readonly { lawShort: string; article: string }[];
    }
  | {
      kind: 'article';
      lawTitle: string;
      lawShort: string;
      versionDate: string;
      number: string;
      text: string;
    };

export type TakeAwayCode = { kind: 'link' | 'text' | 'citation'; data: string };

/**
 * Largest text put in a code shown on screen, in UTF-8 bytes. At error
 * correction M this is a version-22 code (105 modules): about 3 px a module at
 * the 320 px the screen draws it, which phones read at arm's length. Longer
 * text would make a code too dense to scan from a screen.
 */
export const SCREEN_QR_MAX_BYTES = 600;

// Built by hand: common/ has neither the DOM's nor Node's URL type. The hub URL is validated by the configuration schema.
const pagesOf = (hubUrl: string) => `${hubUrl.replace(/\/+$/, '')}/p/`;

/** The hub's public page for a subject, under `<hub>/p/`. */
export function publicPageUrl(hubUrl: string, subject: TakeAwaySubject): string {
  const base = pagesOf(hubUrl);
  if (subject.kind === 'answer') return `${base}answer/${encodeURIComponent(subject.id)}`;
  if (subject.kind === 'guide') return `${base}guide/${encodeURIComponent(subject.id)}`;
  const query = [
    ['title', subject.lawTitle],
    ['version', subject.versionDate],
    ['article', subject.number],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
    .join('&');
  return `${base}law?${query}`;
}

/** The hub's public page for a directory entry (an office), by its id in the content release. */
export function officePageUrl(hubUrl: string, officeId: string): string {
  return `${pagesOf(hubUrl)}office/${encodeURIComponent(officeId)}`;
}

function fullText(subject: TakeAwaySubject): string {
  if (subject.kind === 'article')
    return `${subject.lawTitle}（${subject.versionDate}）\n${subject.number} ${subject.text}`;
  const cites = subject.cites.map((c) => `${c.lawShort}${c.article}`).join('、');
  if (subject.kind === 'guide') {
    const steps = subject.steps
      .map((s, i) => `${i + 1}. ${s.title}：${s.body}${s.timeLimit === undefined ? '' : `（时限：${s.timeLimit}）`}`)
      .join('\n');
    return `${subject.title}\n${subject.summary}\n${steps}${cites === '' ? '' : `\n依据：${cites}`}`;
  }
  return `问：${subject.question}\n答：${subject.answer}${cites === '' ? '' : `\n依据：${cites}`}`;
}

/** Cuts text to at most `max` UTF-8 bytes, ending with "…" when cut, never inside a character. */
function fitBytes(text: string, max: number): string {
  if (utf8Length(text) <= max) return text;
  let out = '';
  let used = utf8Length('…');
  for (const ch of text) {
    const size = utf8Length(ch);
    if (used + size > max) break;
    out += ch;
    used += size;
  }
  return `${out}…`;
}

function citation(subject: TakeAwaySubject): string {
  if (subject.kind === 'article') return `${subject.lawTitle}（${subject.versionDate}）${subject.number}`;
  // The question (or the guide's title and its steps' names) always fits first; the articles follow as far as they fit.
  const question =
    subject.kind === 'guide'
      ? fitBytes(
          `${subject.title}\n${subject.steps.map((s, i) => `${i + 1}. ${s.title}`).join('\n')}`,
          SCREEN_QR_MAX_BYTES / 2,
        )
      : fitBytes(`问：${subject.question}`, SCREEN_QR_MAX_BYTES / 2);
  const cites = subject.cites.map((c) => `${c.lawShort}${c.article}`).join('、');
  return cites === '' ? question : fitBytes(`${question}\n依据：${cites}`, SCREEN_QR_MAX_BYTES);
}

export function takeAwayCode(subject: TakeAwaySubject, hubUrl: string | null): TakeAwayCode {
  if (hubUrl !== null) return { kind: 'link', data: publicPageUrl(hubUrl, subject) };
  const text = fullText(subject);
  if (utf8Length(text) <= SCREEN_QR_MAX_BYTES) return { kind: 'text', data: text };
  return { kind: 'citation', data: citation(subject) };
}
