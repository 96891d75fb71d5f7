import { addDays, chinaDay, monthSoFar } from '../../../common/hub/china-days';

/** A range of China days, both ends counted. */
export interface DayRange {
  from: string;
  to: string;
}

/** The ranges one click away on the figures page, as of `now`: this month and this year so far, and last month whole. */
export function figurePresets(now: Date): { thisMonth: DayRange; lastMonth: DayRange; thisYear: DayRange } {
  const thisMonth = monthSoFar(now);
  const lastDay = addDays(thisMonth.from, -1);
  return {
    thisMonth,
    lastMonth: { from: `${lastDay.slice(0, 7)}-01`, to: lastDay },
    thisYear: { from: `${chinaDay(now).slice(0, 4)}-01-01`, to: thisMonth.to },
  };
}
