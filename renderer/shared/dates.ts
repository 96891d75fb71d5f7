// Dates as people read them are shared with the hub's console: see ui/dates/dates.ts.
export { formatLegalDate, formatPrintedAt } from '../../ui/dates/dates';
