/**
 * Turns searchEvents and suggestEvents arguments into what backends take:
 * validated (BAD_USER_INPUT naming the argument for anything a person can
 * fix), with defaults applied and text normalised, so that equal requests are
 * equal (the cache keys on them).
 */
import { PUBLIC_STATUSES, UPCOMING_STATUSES } from '../catalog/visibility.js';
import { badUserInput } from '../errors.js';
import { pageSize } from '../relay/connection.js';
import type { EventCategory, EventStatus } from './documents.js';
import type { SearchFilter, SearchRequest, SearchSort } from './search-index.js';
import { queryWords } from './text.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 16;
export const MAX_PREFIX_LENGTH = 100;
export const MAX_SUGGESTIONS = 20;
/** Half the Earth's circumference: every point is within it. */
const MAX_RADIUS_KM = 20_038;

export interface SearchArguments {
  query?: string | null;
  filter?: {
    startsAfter?: Date | null;
    startsBefore?: Date | null;
    city?: string | null;
    country?: string | null;
    category?: EventCategory | null;
    venueId?: number | null;
    performerId?: number | null;
    price?: { min?: number | null; max?: number | null; currency: string } | null;
    onlyAvailable?: boolean | null;
    near?: { latitude: number; longitude: number; radiusKm: number } | null;
    status?: readonly EventStatus[] | null;
  } | null;
  sort?: SearchSort | null;
  first?: number | null;
  after?: string | null;
}

export function searchRequest(args: SearchArguments, now: Date): SearchRequest {
  const query = normalizeQuery(args.query, 'query', MAX_QUERY_LENGTH);
  if (query && queryWords(query).length > MAX_QUERY_WORDS) {
    throw badUserInput(`query has more than ${MAX_QUERY_WORDS} words; fewer, more telling words find more.`, 'query');
  }
  const sort = args.sort && !(args.sort === 'RELEVANCE' && !query) ? args.sort : query ? 'RELEVANCE' : 'DATE';
  return { query, filter: searchFilter(args.filter ?? {}, now), sort, first: pageSize(args.first), after: args.after ?? null };
}

/** Null for an empty or blank prefix, which suggests nothing. */
export function suggestionRequest(prefix: string, first: number | null | undefined): { prefix: string | null; limit: number } {
  const limit = first ?? 8;
  if (limit < 1 || limit > MAX_SUGGESTIONS) throw badUserInput(`first must be between 1 and ${MAX_SUGGESTIONS}, got ${limit}.`, 'first');
  return { prefix: normalizeQuery(prefix, 'prefix', MAX_PREFIX_LENGTH), limit };
}

function normalizeQuery(text: string | null | undefined, argument: string, maxLength: number): string | null {
  const trimmed = (text ?? '').trim().replace(/\s+/g, ' ');
  if (trimmed.length > maxLength) throw badUserInput(`${argument} is ${trimmed.length} characters long; at most ${maxLength} are allowed.`, argument);
  return trimmed === '' ? null : trimmed.toLowerCase();
}

function searchFilter(filter: NonNullable<SearchArguments['filter']>, now: Date): SearchFilter {
  // "Upcoming" starts at the current minute, so that requests within a minute are equal and share a cache entry.
  const startsAfter = filter.startsAfter ?? new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const startsBefore = filter.startsBefore ?? null;
  if (startsBefore && startsAfter >= startsBefore) {
    throw badUserInput('filter.startsAfter must be earlier than filter.startsBefore (startsAfter defaults to now).', 'filter.startsBefore');
  }
  const city = filter.city == null ? null : filter.city.trim().replace(/\s+/g, ' ');
  if (city === '' || (city && city.length > 100)) throw badUserInput('filter.city must have 1 to 100 characters.', 'filter.city');
  if (filter.country != null && !/^[A-Za-z]{2}$/.test(filter.country.trim())) {
    throw badUserInput(`filter.country must be an ISO 3166-1 alpha-2 code such as GB, got ${JSON.stringify(filter.country)}.`, 'filter.country');
  }
  return {
    startsAfter,
    startsBefore,
    city,
    country: filter.country?.trim().toUpperCase() ?? null,
    category: filter.category ?? null,
    venueId: filter.venueId ?? null,
    performerId: filter.performerId ?? null,
    price: filter.price ? priceFilter(filter.price) : null,
    onlyAvailable: filter.onlyAvailable ?? false,
    near: filter.near ? nearFilter(filter.near) : null,
    // Drafts are never searchable, even when asked for.
    statuses: (filter.status ?? UPCOMING_STATUSES).filter((status) => PUBLIC_STATUSES.includes(status)),
  };
}

function priceFilter({ min, max, currency }: NonNullable<NonNullable<SearchArguments['filter']>['price']>): NonNullable<SearchFilter['price']> {
  const low = min ?? 0;
  const high = max ?? 2_147_483_647;
  if (low < 0 || high < low) throw badUserInput(`filter.price needs 0 <= min <= max, got min ${low} and max ${high}.`, 'filter.price');
  if (!/^[A-Za-z]{3}$/.test(currency.trim())) {
    throw badUserInput(`filter.price.currency must be an ISO 4217 code such as USD, got ${JSON.stringify(currency)}.`, 'filter.price.currency');
  }
  return { min: low, max: high, currency: currency.trim().toUpperCase() };
}

function nearFilter(near: NonNullable<SearchFilter['near']>): NonNullable<SearchFilter['near']> {
  const { latitude, longitude, radiusKm } = near;
  if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
    throw badUserInput(`filter.near needs a latitude from -90 to 90 and a longitude from -180 to 180, got ${latitude}, ${longitude}.`, 'filter.near');
  }
  if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
    throw badUserInput(`filter.near.radiusKm must be above 0 and at most ${MAX_RADIUS_KM}, got ${radiusKm}.`, 'filter.near.radiusKm');
  }
  return { latitude, longitude, radiusKm };
}
