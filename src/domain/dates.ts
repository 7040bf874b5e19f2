// Dates, in one import: calendar-day arithmetic in UTC (calendar-days.ts), reading HubSpot's
// date / datetime / epoch-ms values (date-values.ts), and days in the portal's time zone
// (time-zones.ts). Each rule lives in its module; this file only gathers them.

export { addMonths, dayOfInstant, formatDay, formatInstant, lastDay, type Day } from './calendar-days.ts';
export { addDays, asOfDay, parseDay, parseInstant, parseIsoDate } from './date-values.ts';
export { dayZone, isTimeZone, parseZonedDay, todayIn, type DayZone } from './time-zones.ts';
