/**
 * The search as the address keeps it (`/?q=jazz&city=Berlin`), so a search can be shared and Back undoes a step:
 * `q` is what was typed; the filters are `category`, `city`, `from` and `to` (the fan's own days, YYYY-MM-DD), `max`
 * (a price in `currency`, in major units as typed) and `near` ("latitude,longitude").
 */
import type { EventCategory, EventSearchFilter } from '../generated/graphql';

const FILTER_KEYS = ['category', 'city', 'from', 'to', 'max', 'currency', 'near'] as const;

/** How far "Near me" looks. */
export const NEAR_RADIUS_KM = 50;

/** Whether the address asks for a search; without one, the home page lists upcoming events. */
export function isSearch(params: URLSearchParams): boolean {
  return params.has('q') || FILTER_KEYS.some((key) => params.has(key));
}

/** `params` with `key` set to `value`, or without it when `value` is empty. */
export function withParam(params: URLSearchParams, key: string, value: string | null | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/** The same search without any filter. */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) next.delete(key);
  return next;
}

export function hasFilters(params: URLSearchParams): boolean {
  return FILTER_KEYS.some((key) => params.has(key));
}

/** `searchEvents`' query and filter for the address's search; a malformed value is left out rather than refused. */
export function searchVariables(params: URLSearchParams): { query: string | null; filter: EventSearchFilter } {
  const filter: EventSearchFilter = {};
  const category = params.get('category');
  if (category) filter.category = category as EventCategory; // the API refuses an unknown one, and the page says so
  const city = params.get('city');
  if (city) filter.city = city;
  const from = localMidnight(params.get('from'), 0);
  if (from) filter.startsAfter = from;
  // Up to the end of the `to` day: before the next day's midnight.
  const to = localMidnight(params.get('to'), 1);
  if (to) filter.startsBefore = to;
  const max = Number(params.get('max'));
  const currency = params.get('currency');
  if (params.get('max') && max >= 0 && currency) filter.price = { max: Math.round(max * 100), currency };
  const [latitude = NaN, longitude = NaN] = params.get('near')?.split(',').map(Number) ?? [];
  if (Number.isFinite(latitude) && Number.isFinite(longitude)) filter.near = { latitude, longitude, radiusKm: NEAR_RADIUS_KM };
  return { query: params.get('q'), filter };
}

/** The fan's midnight starting the day `days` after `day` (YYYY-MM-DD), as an instant; undefined for no or a bad day. */
function localMidnight(day: string | null, days: number): string | undefined {
  const date = day ? new Date(`${day}T00:00`) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  date.setDate(date.getDate() + days);
  return date.toISOString();
}
