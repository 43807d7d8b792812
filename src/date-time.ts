/**
 * The instants the API takes in: DateTime arguments (src/resolvers/base/scalars.ts)
 * and the times inside cursors (src/relay/connection.ts). Only real ones:
 * `new Date('2027-02-30T00:00:00Z')` rolls over to March 2nd, and
 * `0000-01-01` is a year PostgreSQL does not have (an internal error deep in
 * a query), so the text is read field by field and the calendar checked.
 *
 * Accepted: an RFC 3339 date-time (ISO-8601's usual profile) with a zone,
 * `YYYY-MM-DDThh:mm[:ss[.fraction]]` then `Z` or `±hh:mm`, seconds optional,
 * fractions kept to the millisecond, from 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z (the events of a ticketing platform, and well
 * within what PostgreSQL's timestamptz and JavaScript's Date both hold).
 * Refused: a date alone (which midnight?), a time without a zone (whose
 * clock?), a day the calendar does not have, hour 24, a leap second (Date
 * cannot hold one), and anything outside the range.
 */

export const EARLIEST_INSTANT = new Date('1970-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The instant `text` names. Throws a RangeError saying what is wrong with it,
 * in words for the person who sent it.
 */
export function parseInstant(text: string): Date {
  const match = DATE_TIME.exec(text);
  if (!match) {
    if (DATE_ONLY.test(text)) throw new RangeError(`${text} is a date without a time; give the instant, e.g. ${text}T00:00:00Z`);
    if (WITHOUT_ZONE.test(text)) throw new RangeError(`${text} has no time zone; add Z (UTC) or an offset such as +01:00`);
    throw new RangeError('expected an ISO-8601 date-time with a time zone, such as 2026-12-31T20:00:00Z');
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '', utc, sign, offsetHours, offsetMinutes] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) throw new RangeError(`${year}-${month}-${day} is not a day of the calendar`);
  if (h > 23 || mi > 59 || s > 59)
    throw new RangeError(`${hour}:${minute}:${second.padStart(2, '0')} is not a time of day (00:00:00 to 23:59:59; no leap seconds)`);
  const offset = utc ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  if (!utc && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59))
    throw new RangeError(`${sign}${offsetHours}:${offsetMinutes} is not a time zone offset`);
  const instant = new Date(0);
  instant.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years 0-99 as 1900-1999
  instant.setUTCHours(h, mi - offset, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  if (instant < EARLIEST_INSTANT || instant > LATEST_INSTANT) {
    throw new RangeError(`${text} is outside ${EARLIEST_INSTANT.toISOString()} to ${LATEST_INSTANT.toISOString()}`);
  }
  return instant;
}
