/**
 * A venue's name, address, place on the map and time zone, checked against
 * the rules of schema/organizer.graphql: each fault an INVALID_VENUE naming
 * its field.
 */
import type { NewVenue } from '../catalog/venues.js';
import type { InputErrors } from './input-errors.js';

/** A venue's fields other than its plan, as stored. */
export type VenueDetails = Omit<NewVenue, 'sections'>;

/** Those fields as given: null or left out, not given; an empty region removes it. */
export type VenueDetailsInput = { [Field in keyof VenueDetails]?: VenueDetails[Field] | null };

const INVALID = 'INVALID_VENUE';

/** Region codes CLDR names that ISO 3166-1 assigns to no country: reserved or user-assigned codes (AC, EU, UN, XK, ...) and the unknown region. */
const NOT_COUNTRIES = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** IANA zone names in their usual spelling, by the name in lower case. */
const ZONE_NAMES = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));

/** Checks the fields given; returns them as they are to be stored (those at fault are left out, their faults recorded in `errors`). */
export function checkVenueDetails(input: VenueDetailsInput, errors: InputErrors): Partial<VenueDetails> {
  const details: Partial<VenueDetails> = {};
  const field = (name: keyof VenueDetails) => ['input', name];
  if (input.name != null) details.name = errors.text(INVALID, input.name, 200, field('name'), 'A venue name');
  if (input.address != null) details.address = errors.text(INVALID, input.address, 300, field('address'), 'An address');
  if (input.city != null) details.city = errors.text(INVALID, input.city, 100, field('city'), 'A city');
  if (input.region != null) details.region = errors.optionalText(INVALID, input.region, 100, field('region'), 'A region');
  if (input.country != null) {
    details.country = countryCode(input.country);
    if (!details.country)
      errors.add(INVALID, `${JSON.stringify(input.country)} is not an ISO 3166-1 alpha-2 country code, such as US or DE.`, field('country'));
  }
  if (input.latitude != null && errors.inRange(INVALID, input.latitude, -90, 90, field('latitude'), 'A latitude')) details.latitude = input.latitude;
  if (input.longitude != null && errors.inRange(INVALID, input.longitude, -180, 180, field('longitude'), 'A longitude')) details.longitude = input.longitude;
  if (input.timezone != null) {
    details.timezone = timeZone(input.timezone);
    if (!details.timezone) errors.add(INVALID, `${JSON.stringify(input.timezone)} is not an IANA time zone, such as America/Chicago.`, field('timezone'));
  }
  return details;
}

/** The code in capitals, if it is a country's; deprecated codes (UK, SU, YU) are not: Intl.Locale turns them into the current ones. */
function countryCode(code: string): string | undefined {
  if (!/^[a-z]{2}$/i.test(code)) return undefined; // before upper-casing, which makes "ß" "SS"
  const upper = code.toUpperCase();
  const known = regionNames.of(upper) !== undefined && new Intl.Locale(`und-${upper}`).region === upper && !NOT_COUNTRIES.has(upper);
  return known ? upper : undefined;
}

/**
 * The zone a name stands for, in any case, stored in its usual spelling
 * (america/chicago: America/Chicago); an alias the zone list lacks (US/Eastern,
 * Europe/Kyiv in older ICU data), as the zone ICU resolves it to. An offset
 * (+01:00) is no place's zone: it knows no daylight saving time.
 */
function timeZone(name: string): string | undefined {
  if (!/^[a-z]/i.test(name)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return ZONE_NAMES.get(name.toLowerCase()) ?? resolved;
  } catch {
    return undefined; // RangeError: no such zone
  }
}
