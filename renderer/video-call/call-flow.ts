import type { KioskCallStatus, KioskCallUnavailableReason } from '../../common/api/calls';
import { PHONE_NUMBER } from '../../common/api/submissions';
import type { CallEndReason, CallTopic, IceConfig } from '../../common/hub/api/calls';
import { CHINA_UTC_OFFSET_MS, WEEKDAYS, type Weekday } from '../../common/hub/opening-hours';
import type { LanguageTag } from '../../common/i18n/catalogue';

/**
 * 视频咨询 as steps of one screen, and the pure rules between them. The
 * screen (VideoCallScreen) keeps the step in its state; what the service
 * says about the call (common/api/calls.ts) moves it on.
 *
 *   notice → topic → identity (optional card) → waiting ──answered──▶ call ──ended──▶ after (rating) → home
 *                                                  │                      │
 *                                                  └── unavailable ◀──────┘ (media failed)
 *                                                          │
 *                                                          └── callback (phone → consent → receipt)
 */
export type CallStep =
  | { kind: 'notice' }
  | { kind: 'topic' }
  | { kind: 'identity'; topic: CallTopic }
  | {
      kind: 'waiting';
      topic: CallTopic;
      callId: string;
      /** Null until the service says where the call stands (a moment). */
      queued: { position: number; estimatedWaitSeconds: number } | null;
    }
  | { kind: 'call'; topic: CallTopic; callId: string; lawyerName: string; ice: IceConfig }
  | { kind: 'after'; topic: CallTopic; reason: CallEndReason }
  | { kind: 'unavailable'; topic: CallTopic; reason: KioskCallUnavailableReason; nextDutyAt: string | null }
  | { kind: 'callback'; topic: CallTopic; reason: KioskCallUnavailableReason; nextDutyAt: string | null };

/** Steps during which the call is the service's: the idle reset is held off, and leaving cancels it. */
export function callUnderWay(step: CallStep): step is Extract<CallStep, { kind: 'waiting' | 'call' }> {
  return step.kind === 'waiting' || step.kind === 'call';
}

/**
 * Where a status of the call under way leads. A wait that ends unanswered
 * becomes the unavailable step with the reason a citizen can act on; a
 * call that ends goes to the rating. A status for another call, or for no
 * call under way, changes nothing.
 */
export function stepAfterStatus(step: CallStep, callId: string, status: KioskCallStatus): CallStep {
  if (!callUnderWay(step) || step.callId !== callId) return step;
  const { topic } = step;
  if (step.kind === 'call') {
    if (status.state === 'ended') return { kind: 'after', topic, reason: status.reason };
    if (status.state === 'unavailable') return { kind: 'after', topic, reason: 'dropped' };
    return step;
  }
  switch (status.state) {
    case 'queued':
      return { ...step, queued: { position: status.position, estimatedWaitSeconds: status.estimatedWaitSeconds } };
    case 'answered':
      return { kind: 'call', topic, callId, lawyerName: status.lawyerName, ice: status.ice };
    case 'unavailable':
      return { kind: 'unavailable', topic, reason: status.reason, nextDutyAt: status.nextDutyAt };
    case 'ended':
      if (status.reason === 'completed') return { kind: 'after', topic, reason: 'completed' };
      return {
        kind: 'unavailable',
        topic,
        // Missed: past the longest wait, or the last lawyer went off duty. Dropped or abandoned by the hub: its link was lost.
        reason: status.reason === 'missed' ? 'waited-too-long' : 'hub-unreachable',
        nextDutyAt: null,
      };
  }
}

/** What the wait screen says: how many are ahead, and the estimate in whole minutes (none under a minute). */
export function waitView(queued: { position: number; estimatedWaitSeconds: number }): {
  ahead: number;
  minutes: number | null;
} {
  const minutes = Math.ceil(queued.estimatedWaitSeconds / 60);
  return { ahead: Math.max(0, queued.position - 1), minutes: minutes <= 1 ? null : minutes };
}

/** The digits of a typed phone number: what the number pad gives, spaces and a +86 dropped. */
export function phoneDigits(text: string): string {
  const plain = text.replace(/[\s-]/g, '');
  return plain.startsWith('+86') ? plain.slice(3) : plain;
}

/** What is wrong with a phone number for a callback, or null: the submission's own rule. */
export function phoneProblem(text: string): 'empty' | 'invalid' | null {
  const digits = phoneDigits(text);
  if (digits === '') return 'empty';
  return PHONE_NUMBER.test(digits) ? null : 'invalid';
}

export type DutyHours = Partial<Record<Weekday, readonly string[]>>;

/**
 * The terminal's duty hours as lines a citizen reads: days in a row with the
 * same hours together (周一至周五 09:00–12:00、14:00–17:30), days without
 * duty left out. Empty when no day has any.
 */
export function dutyHoursLines(
  hours: DutyHours,
  words: {
    day: (d: Weekday) => string;
    dayRange: (from: string, to: string) => string;
    rangeSeparator: string;
  },
): string[] {
  const key = (d: Weekday): string => (hours[d] ?? []).join(',');
  const lines: string[] = [];
  let start = 0;
  while (start < WEEKDAYS.length) {
    let end = start;
    while (end + 1 < WEEKDAYS.length && key(WEEKDAYS[end + 1]!) === key(WEEKDAYS[start]!)) end += 1;
    const first = WEEKDAYS[start]!;
    const ranges = hours[first] ?? [];
    if (ranges.length > 0) {
      const days = start === end ? words.day(first) : words.dayRange(words.day(first), words.day(WEEKDAYS[end]!));
      lines.push(`${days} ${ranges.map((r) => r.replace('-', '–')).join(words.rangeSeparator)}`);
    }
    start = end + 1;
  }
  return lines;
}

/**
 * When duty next starts by the terminal's hours (China time), after `now`;
 * null when the hours name no day. A range under way now counts as starting
 * now: the citizen is told duty is on.
 */
export function nextDutyStart(hours: DutyHours, now: Date): Date | null {
  const local = new Date(now.getTime() + CHINA_UTC_OFFSET_MS);
  const todayIndex = (local.getUTCDay() + 6) % 7;
  const minuteNow = local.getUTCHours() * 60 + local.getUTCMinutes();
  const midnightUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - CHINA_UTC_OFFSET_MS;
  for (let offset = 0; offset <= 7; offset++) {
    const day = WEEKDAYS[(todayIndex + offset) % 7]!;
    const starts = (hours[day] ?? [])
      .map((r) => /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(r.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ opens: Number(m[1]) * 60 + Number(m[2]), closes: Number(m[3]) * 60 + Number(m[4]) }))
      .sort((a, b) => a.opens - b.opens);
    for (const { opens, closes } of starts) {
      if (offset === 0 && closes <= minuteNow) continue;
      const at = offset === 0 && opens <= minuteNow ? minuteNow : opens;
      return new Date(midnightUtc + offset * 86_400_000 + at * 60_000);
    }
  }
  return null;
}

const WEEKDAY_NAMES = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A duty start as a citizen reads it, in China time: 12月8日（周二）09:00, or Tuesday 8 Dec, 09:00. */
export function formatDutyStart(at: Date, language: LanguageTag): string {
  const local = new Date(at.getTime() + CHINA_UTC_OFFSET_MS);
  const weekday = WEEKDAY_NAMES[language][(local.getUTCDay() + 6) % 7]!;
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const month = local.getUTCMonth();
  const day = local.getUTCDate();
  return language === 'zh-CN'
    ? `${month + 1}月${day}日（${weekday}）${time}`
    : `${weekday} ${day} ${MONTHS_EN[month]}, ${time}`;
}
