/**
 * An organizer types an event's times as the venue's clocks will show them (a `datetime-local` value such as
 * "2030-03-01T20:00"); the API takes instants. The venue's offset comes from its IANA time zone, on that date.
 */
export function venueTimeToInstant(local: string, timeZone: string): string {
  const wallClock = Date.parse(`${local}:00Z`);
  // The offset at a first guess, then again at the instant found: right across a change to or from summer time.
  const guess = wallClock - offsetAt(wallClock, timeZone);
  return new Date(wallClock - offsetAt(guess, timeZone)).toISOString();
}

/** How far ahead of UTC the zone's clocks are at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return shown - Math.floor(instant / 1000) * 1000;
}
