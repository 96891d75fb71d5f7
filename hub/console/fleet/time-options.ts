/** Every quarter hour of a day, as opening hours write it (`HH:MM`): 00:00 to 23:45 opens, 00:15 to 24:00 closes. */
const QUARTERS = Array.from({ length: 97 }, (_v, i) => {
  const minutes = i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

/**
 * The choices for one end of a range; a time set otherwise (`hubctl kiosk
 * hours` takes any minute) is kept among them, so showing the hours never
 * changes them.
 */
export function timeOptions(current: string, end: 'opens' | 'closes'): { value: string; label: string }[] {
  const times = end === 'opens' ? QUARTERS.slice(0, -1) : QUARTERS.slice(1);
  const all = times.includes(current) || current === '' ? times : [...times, current].sort();
  return all.map((value) => ({ value, label: value }));
}
