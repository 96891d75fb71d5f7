import type { AlertKind } from '../../hub/api/alert-kinds';
import type { OpeningHoursProblemCode, Weekday } from '../../hub/opening-hours';
import type { Catalogue } from '../catalogue';

/**
 * Texts about the fleet's health: the alerts (each with what to do, or the
 * value its detail holds), the weekdays of opening hours and what is wrong
 * with hours as typed. Shown by hubctl and the hub's console to staff who
 * go and fix the kiosk, so they say what is wrong in the words of the
 * service hall, not the software's.
 */
export const hubFleetZhCN = {
  weekdays: {
    mon: '周一',
    tue: '周二',
    wed: '周三',
    thu: '周四',
    fri: '周五',
    sat: '周六',
    sun: '周日',
  } satisfies Record<Weekday, string>,
  closed: '休息',
  alertKinds: {
    offline: '终端离线',
    'printer-paper-out': '打印机缺纸',
    'printer-cover-open': '打印机盖未合上',
    'reader-missing': '身份证读卡器未连接',
    'clock-off': '终端时钟不准',
    'disk-low': '终端存储空间不足',
  } satisfies Record<AlertKind, string>,
  /** With the alert's detail: {{at}} a time, {{seconds}} a clock's offset, {{free}} the space left. */
  alertDetails: {
    offline: '营业时间内没有收到心跳，最后一次在 {{at}}。请确认终端已开机并已联网。',
    'printer-paper-out': '请放入新的热敏打印纸。',
    'printer-cover-open': '请合上打印机盖。',
    'reader-missing': '读卡器已断开或没有响应，请检查连接线，必要时重启终端。',
    'clock-off': '终端时钟与服务器相差 {{seconds}} 秒，请校准时间（开启自动对时）。',
    'disk-low': '只剩 {{free}} 可用空间，请清理或联系运维人员。',
  } satisfies Record<AlertKind, string>,
  openingHoursProblems: {
    'range-invalid': '{{day}}的“{{range}}”写法不对：请写成 08:30-17:30 这样的时段。',
    'closes-before-opens': '{{day}}的“{{range}}”结束时间要晚于开始时间，且不能跨过午夜。',
    overlap: '{{day}}的“{{range}}”与前一个时段重叠。',
    'too-many-ranges': '{{day}}最多可以填 {{max}} 个时段。',
  } satisfies Record<OpeningHoursProblemCode, string>,
};

export const hubFleetEn: Catalogue<typeof hubFleetZhCN> = {
  weekdays: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
  closed: 'closed',
  alertKinds: {
    offline: 'Kiosk offline',
    'printer-paper-out': 'Printer out of paper',
    'printer-cover-open': 'Printer cover open',
    'reader-missing': 'ID card reader not connected',
    'clock-off': 'Kiosk clock wrong',
    'disk-low': 'Kiosk storage low',
  },
  alertDetails: {
    offline: 'No heartbeat during opening hours; the last came at {{at}}. Check that the kiosk is on and online.',
    'printer-paper-out': 'Load a new roll of thermal paper.',
    'printer-cover-open': 'Close the printer cover.',
    'reader-missing': 'The reader is unplugged or not answering: check its cable, and restart the kiosk if needed.',
    'clock-off': 'The kiosk’s clock is {{seconds}} seconds off the hub’s: set its time (turn on automatic time).',
    'disk-low': 'Only {{free}} left: free some space or call the technicians.',
  },
  openingHoursProblems: {
    'range-invalid': '{{day}}: “{{range}}” is not a time range: write it like 08:30-17:30.',
    'closes-before-opens': '{{day}}: “{{range}}” must close after it opens, and not past midnight.',
    overlap: '{{day}}: “{{range}}” overlaps the range before it.',
    'too-many-ranges': '{{day}}: at most {{max}} ranges a day.',
  },
};
