/**
 * The rules an event's settings follow, as createEvent and updateEvent check
 * them before anything is written. Each check answers the failure of the
 * first rule broken, naming the input field at fault, or undefined. What only
 * the database knows (a venue's sections, which performers exist) is given to
 * them.
 */
import { type UserFailure, userFailure } from '../user-error.js';

export const HOLD_TTL_SECONDS = { min: 60, max: 3_600, default: 600 };
export const TICKET_LIMIT = { min: 1, max: 50, default: 8 };
/** The highest price of a ticket, in minor units (a million dollars). */
export const MAX_PRICE = 100_000_000;
/**
 * ISO 4217's code for "no currency": a draft's until it has a price
 * (events.currency is NOT NULL). Publishing needs every section priced, so
 * no published event has it.
 */
export const NO_CURRENCY = 'XXX';
/** The ISO 4217 codes of real currencies (XXX is not among them). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** A price as given: a section of the event's venue, in minor units of `currency` (an ISO 4217 code, in capitals). */
export interface PriceInput {
  sectionId: number;
  amount: number;
  currency: string;
}

export interface EventTimes {
  startsAt: Date;
  endsAt: Date;
  onSaleAt: Date;
}

export const EVERY_TIME: ReadonlySet<keyof EventTimes> = new Set(['startsAt', 'endsAt', 'onSaleAt']);

type Check = UserFailure | undefined;

const field = (...path: (string | number)[]) => ['input', ...path.map(String)];

export function checkTitle(title: string): Check {
  return title === '' ? userFailure('INVALID_TITLE', 'A title is required: the one given is blank.', field('title')) : undefined;
}

export function checkSettings(settings: { holdTtlSeconds?: number | null; ticketLimitPerUser?: number | null }): Check {
  const { holdTtlSeconds, ticketLimitPerUser } = settings;
  if (holdTtlSeconds != null && !within(holdTtlSeconds, HOLD_TTL_SECONDS)) {
    return userFailure('INVALID_EVENT', `holdTtlSeconds is ${HOLD_TTL_SECONDS.min} to ${HOLD_TTL_SECONDS.max}.`, field('holdTtlSeconds'));
  }
  if (ticketLimitPerUser != null && !within(ticketLimitPerUser, TICKET_LIMIT)) {
    return userFailure('INVALID_EVENT', `ticketLimitPerUser is ${TICKET_LIMIT.min} to ${TICKET_LIMIT.max}.`, field('ticketLimitPerUser'));
  }
  return undefined;
}

/**
 * Times in order (onSaleAt < startsAt < endsAt), and a start that `changed`
 * sets in the future: an event under way may still be renamed. A pair out of
 * order blames the time that changed, the later of the two when both did.
 */
export function checkTimes(times: EventTimes, changed: ReadonlySet<keyof EventTimes>, now: Date): Check {
  const { startsAt, endsAt, onSaleAt } = times;
  if (changed.has('startsAt') && startsAt <= now) return userFailure('INVALID_DATES', 'startsAt must be in the future.', field('startsAt'));
  if (onSaleAt >= startsAt) {
    return userFailure('INVALID_DATES', 'onSaleAt must be before startsAt.', field(changed.has('onSaleAt') ? 'onSaleAt' : 'startsAt'));
  }
  if (endsAt <= startsAt) {
    return userFailure('INVALID_DATES', 'endsAt must be after startsAt.', field(changed.has('endsAt') ? 'endsAt' : 'startsAt'));
  }
  return undefined;
}

/** A bill names each performer once. */
export function checkPerformerList(performerIds: readonly number[]): Check {
  const repeated = performerIds.findIndex((id, i) => performerIds.indexOf(id) < i);
  return repeated < 0 ? undefined : userFailure('INVALID_EVENT', 'A performer is listed twice.', field('performerIds', repeated));
}

/** Every performer of the bill exists (`found`). */
export function checkPerformersFound(performerIds: readonly number[], found: ReadonlySet<number>): Check {
  const missing = performerIds.findIndex((id) => !found.has(id));
  return missing < 0 ? undefined : userFailure('PERFORMER_NOT_FOUND', 'No performer has this ID.', field('performerIds', missing));
}

/** Each price in range and in a real currency, all in one, each section once. */
export function checkPriceList(prices: readonly PriceInput[]): Check {
  for (const [i, price] of prices.entries()) {
    if (!within(price.amount, { min: 0, max: MAX_PRICE })) {
      return userFailure('INVALID_PRICE', `A price is 0 to ${MAX_PRICE.toLocaleString('en')} minor units.`, field('prices', i, 'amount'));
    }
    if (!CURRENCIES.has(price.currency)) {
      return userFailure('INVALID_PRICE', `${price.currency} is not an ISO 4217 currency code.`, field('prices', i, 'currency'));
    }
    if (price.currency !== prices[0]!.currency) {
      return userFailure('INVALID_PRICE', `Every price of an event is in one currency, here ${prices[0]!.currency}.`, field('prices', i, 'currency'));
    }
    if (prices.findIndex((other) => other.sectionId === price.sectionId) < i) {
      return userFailure('INVALID_PRICE', 'A section is priced twice.', field('prices', i, 'sectionId'));
    }
  }
  return undefined;
}

/** Every price is of a section among `sectionIds` (the venue's). */
export function checkPriceSections(prices: readonly PriceInput[], sectionIds: ReadonlySet<number>): Check {
  const stranger = prices.findIndex((price) => !sectionIds.has(price.sectionId));
  return stranger < 0 ? undefined : userFailure('INVALID_PRICE', 'This section is not one of the venue’s.', field('prices', stranger, 'sectionId'));
}

function within(value: number, range: { min: number; max: number }): boolean {
  return value >= range.min && value <= range.max;
}
