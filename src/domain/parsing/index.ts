// The domain's parsing, tuned for speed (a sync parses every value of thousands of companies; see
// bench/sections/20-domain.ts), behind one API. Everything outside this folder imports it from here:
//   - calendar-days.ts    calendar-day arithmetic in UTC (a Day is a day number since 1970-01-01);
//   - date-values.ts      HubSpot's date, datetime and epoch-ms values read as days and instants;
//   - time-zones.ts       days in the portal's time zone ("today" there, a datetime's day there);
//   - property-values.ts  HubSpot property values (every one a string or null, any of them garbage)
//                         read as numbers, days, instants or text — null instead of NaN or a throw;
//   - value-sets.ts       configured value lists (deal types, stages, survey types) matched
//                         case-insensitively, built once per configuration;
//   - durations.ts        durations users write ("30m", "60s", a rate limit's interval): one unit table;
//   - prefetch.ts         touching a page of companies' records before they are scored, so a sync
//                         reads them from cache.
// Their unit tests sit beside them (dates.test.ts, calendar-days.test.ts, value-sets.test.ts).
export * from './calendar-days.ts';
export * from './date-values.ts';
export * from './time-zones.ts';
export * from './property-values.ts';
export * from './value-sets.ts';
export * from './durations.ts';
export * from './prefetch.ts';
