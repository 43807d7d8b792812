/**
 * Plans a catalog without touching the database: the venues, performers and
 * events to store, with every date, price and bill. Everything random comes
 * from one generator seeded with `seed`, and every time from `anchor`.
 */
// prettier-ignore
import { sectionCapacity } from '../../catalog/seat-layout.js';
import {
  arenaSections,
  CITIES,
  COMEDY_SHOW_NAMES,
  COUNTRIES,
  DEMO_VENUES,
  FAMILY_SHOWS,
  FESTIVAL_NAMES,
  NAME_WORDS,
  ORCHESTRAL_PROGRAMMES,
  type PerformerDefinition,
  PERFORMERS,
  PLAY_TITLES,
  RECITAL_PROGRAMMES,
  type TieredSection,
  TOUR_NAMES,
  type VenueDefinition,
  type VenueKind,
} from './demo-data.js';
import { Random } from './random.js';

/** The catalog size the fixed demo venues and performers are made for. */
export const DEMO_EVENTS = 300;

export interface PlanOptions {
  seed: number;
  events: number;
  /** "Now" for the catalog: events start in the year after it, sales opened before it. */
  anchor: Date;
}

export interface CatalogPlan {
  venues: VenueDefinition[];
  performers: PerformerDefinition[];
  events: EventPlan[];
}

type Category = 'CONCERT' | 'SPORTS' | 'THEATRE' | 'COMEDY' | 'FAMILY' | 'FESTIVAL';
type Status = 'ON_SALE' | 'CANCELLED' | 'DRAFT';

/** Beyond the demo size, one generated venue per this many events keeps venues from being booked every night. */
const EVENTS_PER_EXTRA_VENUE = 250;
const EVENTS_PER_EXTRA_PERFORMER = 100;
export const DAY = 86_400_000;

/** What happens where: arenas host concerts and games, comedy clubs only comedy, and so on. */
// prettier-ignore
const CATEGORIES: Record<VenueKind, [Category, number][]> = {
  ARENA: [['CONCERT', 55], ['SPORTS', 30], ['FAMILY', 10], ['COMEDY', 5]],
  AMPHITHEATER: [['CONCERT', 60], ['FESTIVAL', 40]],
  THEATRE: [['THEATRE', 70], ['FAMILY', 15], ['COMEDY', 10], ['CONCERT', 5]],
  CONCERT_HALL: [['CONCERT', 85], ['COMEDY', 10], ['FAMILY', 5]],
  CLUB: [['CONCERT', 100]],
  COMEDY_CLUB: [['COMEDY', 100]],
};

type GeneratedKind = Exclude<VenueKind, 'AMPHITHEATER'>;

/** Generated venues are mostly small rooms, so a large catalog averages a few hundred tickets per event. */
// prettier-ignore
const GENERATED_KINDS: [GeneratedKind, number][] = [['CLUB', 81.5], ['THEATRE', 6], ['COMEDY_CLUB', 10], ['CONCERT_HALL', 2], ['ARENA', 0.5]];

/** The share of events in each state; nothing is sold in the seed, so none is SOLD_OUT or COMPLETED. */
// prettier-ignore
const STATUS_SHARES: [Status | 'ANNOUNCED', number][] = [['ON_SALE', 0.85], ['ANNOUNCED', 0.09], ['CANCELLED', 0.04], ['DRAFT', 0.02]];

/** Price of the best section, in US dollars, before the venue's factor and the local currency. */
// prettier-ignore
const TOP_PRICE_USD: Record<Category, [number, number]> = {
  CONCERT: [60, 140], SPORTS: [60, 140], THEATRE: [70, 160], COMEDY: [45, 90], FAMILY: [35, 80], FESTIVAL: [110, 220],
};
// prettier-ignore
const VENUE_PRICE_FACTOR: Record<VenueKind, number> = {
  ARENA: 1.6, AMPHITHEATER: 1.2, THEATRE: 1, CONCERT_HALL: 1, CLUB: 0.4, COMEDY_CLUB: 0.5,
};
/** Each tier further from the stage costs this fraction of the best seats. */
const TIER_PRICE = [1, 0.72, 0.52, 0.38, 0.28];

/** Sunday first, as Date.getUTCDay counts; Fridays and Saturdays fill first. */
const WEEKDAY_APPEAL = [0.7, 0.35, 0.5, 0.6, 0.8, 1, 1];

export function planCatalog(options: PlanOptions): CatalogPlan {
  const rng = new Random(options.seed);
  const extra = Math.max(0, options.events - DEMO_EVENTS);
  const venues = [...DEMO_VENUES, ...generateVenues(rng, Math.round(extra / EVENTS_PER_EXTRA_VENUE))];
  const performers = [...PERFORMERS, ...generatePerformers(rng, Math.round(extra / EVENTS_PER_EXTRA_PERFORMER))];
  return { venues, performers, events: planEvents(rng, venues, performers, options) };
}

export interface EventPlan {
  /** Index into the venue list. */
  venue: number;
  category: Category;
  status: Status;
  title: string;
  description: string;
  /** Indexes into the performer list, headliner first. */
  performers: number[];
  startsAt: Date;
  endsAt: Date;
  onSaleAt: Date;
  createdAt: Date;
  updatedAt: Date;
  currency: string;
  ticketLimit: number;
  /** Minor units, one per section of the venue in definition order. */
  prices: number[];
  tickets: number;
}

/** What is on: the bill and when it runs, before a date is chosen. */
interface Show {
  category: Category;
  title: string;
  description: string;
  performers: number[];
  /** Local start times to choose from, "HH:MM"; see startTimes. */
  times: string[];
  minutes: number;
  /** Festivals run over several days; everything else one. */
  days: number;
}

/** Indexes into the performer list by role, so each kind of show draws from the right acts. */
interface Pools {
  musicians: number[];
  classical: number[];
  djs: number[];
  comedians: number[];
  drama: number[];
  family: number[];
  teams: Map<string, number[]>;
}

function planEvents(rng: Random, venues: VenueDefinition[], performers: PerformerDefinition[], options: PlanOptions): EventPlan[] {
  const pools = performerPools(performers);
  const statuses = rng.shuffle(quota(options.events, STATUS_SHARES));
  const busyDays = venues.map(() => new Set<number>());
  const plans: EventPlan[] = [];
  for (const status of statuses) {
    const v = rng.int(0, venues.length - 1);
    const venue = venues[v]!;
    const show = planShow(rng, venue, performers, pools);
    const day = pickDay(rng, venue, busyDays[v]!, options.anchor, show.days);
    const [hours, minutes] = rng
      .pick(startTimes(show, calendarDate(options.anchor, day)))
      .split(':')
      .map(Number) as [number, number];
    const startsAt = localTime(venue.timezone, options.anchor, day, hours, minutes);
    const year = calendarDate(options.anchor, day).getUTCFullYear();
    const sale = planSale(rng, venue, status, day, options.anchor);
    const top = rng.int(...TOP_PRICE_USD[show.category]) * VENUE_PRICE_FACTOR[venue.kind] * (1 + 0.6 * (show.days - 1));
    const country = COUNTRIES[venue.country]!;
    plans.push({
      venue: v,
      ...show,
      title: show.category === 'FESTIVAL' ? `${show.title} ${year}` : show.title,
      ...sale,
      startsAt,
      endsAt: new Date(startsAt.getTime() + show.minutes * 60_000),
      currency: country.currency,
      ticketLimit: rng.int(6, 8),
      prices: venue.sections.map((section) => price(top * (TIER_PRICE[section.tier] ?? 0.25) * country.perUsd, country.priceStep)),
      tickets: venue.sections.reduce((sum, section) => sum + sectionCapacity(section), 0),
    });
  }
  // Ids in date order read naturally in listings; the sort is stable, so ties keep their planned order.
  plans.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  openFirstSale(plans, options.anchor);
  return plans;
}

/**
 * Makes the first event (id 1 in a fresh database) one whose sale is open,
 * whatever the anchor: the README's booking walk-through reserves it as
 * pasted. When it is not, it trades sales (status and sale dates) with the
 * next event at its venue whose sale is open, so both keep sales at 10:00 at
 * the venue, each sale still opens before its event, and the shares of
 * statuses stay as planned. It uses no random numbers: nothing else changes.
 */
function openFirstSale(plans: EventPlan[], anchor: Date): void {
  const open = (plan: EventPlan) => plan.status === 'ON_SALE' && plan.onSaleAt <= anchor;
  const first = plans[0];
  const other = first && !open(first) ? plans.find((plan) => plan.venue === first.venue && open(plan)) : undefined;
  if (!first || !other) return;
  const sale = ({ status, onSaleAt, createdAt, updatedAt }: EventPlan) => ({ status, onSaleAt, createdAt, updatedAt });
  const [firstSale, otherSale] = [sale(first), sale(other)];
  Object.assign(first, otherSale);
  Object.assign(other, firstSale);
}

function planShow(rng: Random, venue: VenueDefinition, performers: PerformerDefinition[], pools: Pools): Show {
  const name = (i: number) => performers[i]!.name;
  const at = `${venue.name} in ${venue.city}`;
  const category = rng.weighted(CATEGORIES[venue.kind]);
  switch (category) {
    case 'CONCERT': {
      const seated = venue.kind === 'CONCERT_HALL' || venue.kind === 'THEATRE';
      if (seated && rng.chance(0.5)) {
        const player = rng.pick(pools.classical);
        const programme = rng.pick(performers[player]!.kind === 'COMPANY' ? ORCHESTRAL_PROGRAMMES : RECITAL_PROGRAMMES);
        return show('CONCERT', `${name(player)}: ${programme}`, `${name(player)} performs ${programme} at ${at}.`, [player], ['19:30', '20:00'], 120);
      }
      const club = venue.kind === 'CLUB';
      if (club && rng.chance(0.3)) {
        const [dj, ...support] = rng.sample(pools.djs, rng.int(1, 2)) as [number, ...number[]];
        const night = rng.pick(TOUR_NAMES);
        return show(
          'CONCERT',
          `${name(dj)}: ${night} Tour`,
          `${name(dj)} brings the ${night} Tour to ${at}${guests(support.map(name))}. Late night, 18+.`,
          [dj, ...support],
          ['22:00', '23:00'],
          300,
        );
      }
      const big = venue.kind === 'ARENA' || venue.kind === 'AMPHITHEATER';
      const headliner = rng.pick(pools.musicians);
      const support = supportActs(rng, pools.musicians, performers, headliner, big ? rng.int(1, 2) : rng.int(0, 1));
      const tour = rng.pick(TOUR_NAMES);
      return show(
        'CONCERT',
        `${name(headliner)}: ${tour} Tour`,
        `${name(headliner)} brings the ${tour} Tour to ${at}${guests(support.map(name))}. Doors open one hour before the show.`,
        [headliner, ...support],
        club ? ['20:00', '20:30', '21:00'] : ['19:00', '19:30', '20:00'],
        club ? 180 : 195,
      );
    }
    case 'SPORTS': {
      const sport = rng.pick([...pools.teams.keys()]);
      const [home, away] = rng.sample(pools.teams.get(sport)!, 2) as [number, number];
      return show(
        'SPORTS',
        `${name(home)} vs ${name(away)}`,
        `${name(home)} host ${name(away)} in a regular-season ${sport.toLowerCase()} game at ${at}.`,
        [home, away],
        ['13:00', '15:00', '19:00', '19:30'],
        165,
      );
    }
    case 'THEATRE': {
      const company = rng.pick(pools.drama);
      const play = rng.pick(PLAY_TITLES);
      return show(
        'THEATRE',
        play,
        `${name(company)} presents ${play} at ${at}. Running time about two and a half hours, including one interval.`,
        [company],
        ['14:30', '19:30', '19:30'],
        160,
      );
    }
    case 'COMEDY': {
      const comedian = rng.pick(pools.comedians);
      const openers = venue.kind === 'COMEDY_CLUB' ? rng.int(1, 2) : rng.int(0, 1);
      const support = rng.sample(
        pools.comedians.filter((c) => c !== comedian),
        openers,
      );
      const act = rng.pick(COMEDY_SHOW_NAMES);
      return show(
        'COMEDY',
        `${name(comedian)}: ${act}`,
        `${name(comedian)} brings ${act} to ${at}${guests(support.map(name))}. Strong language; 16+.`,
        [comedian, ...support],
        ['19:00', '20:00', '21:30'],
        110,
      );
    }
    case 'FAMILY': {
      const company = rng.pick(pools.family);
      const title = rng.pick(FAMILY_SHOWS);
      return show('FAMILY', title, `${name(company)} presents ${title}, live at ${at}. Fun for all ages.`, [company], ['11:00', '14:00', '18:00'], 100);
    }
    case 'FESTIVAL': {
      const acts = rng.sample([...pools.musicians, ...pools.djs], rng.int(5, 8));
      const days = rng.int(1, 3);
      const headliners = acts.slice(0, 3).map(name);
      const description = `${days === 1 ? 'A day' : `${days} days`} of live music at ${at}, headlined by ${list(headliners)}, with ${acts.length - 3} more acts.`;
      // planEvents adds the year to the title once the date is known.
      return { ...show('FESTIVAL', rng.pick(FESTIVAL_NAMES), description, acts, ['12:00'], (days - 1) * 1440 + 660), days };
    }
  }
}

/** Afternoon starts (matinees, day games) are for weekends, unless a show has no evening start. */
function startTimes(show: Show, date: Date): string[] {
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const evenings = show.times.filter((time) => time >= '17:00');
  return weekend || evenings.length === 0 ? show.times : evenings;
}

function show(category: Category, title: string, description: string, performers: number[], times: string[], minutes: number): Show {
  return { category, title, description, performers, times, minutes, days: 1 };
}

/** Openers, preferably of the headliner's genre. */
function supportActs(rng: Random, musicians: number[], performers: PerformerDefinition[], headliner: number, count: number): number[] {
  const genre = performers[headliner]!.genre;
  const others = musicians.filter((m) => m !== headliner);
  const sameGenre = others.filter((m) => performers[m]!.genre === genre);
  return rng.sample(sameGenre.length >= count ? sameGenre : others, count);
}

function guests(names: string[]): string {
  return names.length === 0 ? '' : `, with special guest${names.length > 1 ? 's' : ''} ${list(names)}`;
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function performerPools(performers: PerformerDefinition[]): Pools {
  const pools: Pools = { musicians: [], classical: [], djs: [], comedians: [], drama: [], family: [], teams: new Map() };
  performers.forEach(({ kind, genre }, i) => {
    if (genre === 'Classical') pools.classical.push(i);
    else if (kind === 'BAND' || kind === 'ARTIST') pools.musicians.push(i);
    else if (kind === 'DJ') pools.djs.push(i);
    else if (kind === 'COMEDIAN') pools.comedians.push(i);
    else if (kind === 'COMPANY') (genre === 'Family' ? pools.family : pools.drama).push(i);
    else if (kind === 'TEAM') pools.teams.set(genre, [...(pools.teams.get(genre) ?? []), i]);
  });
  return pools;
}

/**
 * A day (counted from the anchor's UTC date) on which the venue is free,
 * favouring weekends and, outdoors, the warm months. Events start on day 2
 * at the earliest, so even 11:00 in UTC+14 is after any anchor time of day 0.
 * A venue booked solid doubles up rather than loop forever.
 */
function pickDay(rng: Random, venue: VenueDefinition, busy: Set<number>, anchor: Date, days: number): number {
  for (let attempt = 0; ; attempt++) {
    const day = rng.int(2, 366);
    const free = Array.from({ length: days }, (_, i) => day + i).every((d) => !busy.has(d));
    if (attempt < 40 && !(free && rng.chance(appeal(venue, calendarDate(anchor, day))))) continue;
    for (let i = 0; i < days; i++) busy.add(day + i);
    return day;
  }
}

function appeal(venue: VenueDefinition, date: Date): number {
  const month = date.getUTCMonth(); // 0 = January
  const summer = venue.latitude >= 0 ? month >= 4 && month <= 8 : month >= 10 || month <= 2;
  const outdoors = venue.kind === 'AMPHITHEATER';
  return WEEKDAY_APPEAL[date.getUTCDay()]! * (outdoors && !summer ? 0.1 : 1);
}

/**
 * When the sale opens (10:00 at the venue) and when the event was created.
 * "Announced" events are on sale with a sale date still ahead; drafts get a
 * planned one.
 */
function planSale(rng: Random, venue: VenueDefinition, planned: Status | 'ANNOUNCED', eventDay: number, anchor: Date) {
  // A future sale day of 2+ is after the anchor in every time zone; it needs an event day after it.
  const ahead = (planned === 'ANNOUNCED' || planned === 'DRAFT') && eventDay >= 3;
  const saleDay = ahead ? rng.int(2, Math.min(eventDay - 1, 45)) : -rng.int(1, 120);
  const onSaleAt = localTime(venue.timezone, anchor, saleDay, 10, 0);
  const createdAt = new Date(Math.min(onSaleAt.getTime(), anchor.getTime()) - rng.int(3, 30) * DAY);
  const status: Status = planned === 'ANNOUNCED' ? 'ON_SALE' : planned;
  const updatedAt = status === 'CANCELLED' ? new Date(Math.max(createdAt.getTime(), anchor.getTime() - rng.int(1, 14) * DAY)) : createdAt;
  return { status, onSaleAt, createdAt, updatedAt };
}

/** `count` values in about the given shares, each present once there is room; the first share takes the rest. */
function quota<T>(count: number, [first, ...others]: [T, number][]): T[] {
  const values: T[] = [];
  for (const [value, share] of others) {
    values.push(...Array<T>(Math.min(count - values.length, Math.max(1, Math.round(count * share)))).fill(value));
  }
  return [...values, ...Array<T>(count - values.length).fill(first![0])];
}

/** A price in minor units, rounded to the currency's usual steps. */
function price(amount: number, step: number): number {
  return Math.max(step, Math.round((amount * 100) / step) * step);
}

// ---------------------------------------------------------------------------
// Time

/** The anchor's UTC calendar date plus `day` days, at 00:00 UTC. */
function calendarDate(anchor: Date, day: number): Date {
  return new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate() + day));
}

/** The instant at which clocks in `timeZone` show hours:minutes on the given day. */
function localTime(timeZone: string, anchor: Date, day: number, hours: number, minutes: number): Date {
  const date = calendarDate(anchor, day);
  const wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hours, minutes);
  // The offset found at the wall time taken as UTC is off only near a DST change; a second pass settles it.
  const first = wall - utcOffset(timeZone, wall);
  return new Date(wall - utcOffset(timeZone, first));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds that `timeZone` is ahead of UTC at `instant`. */
function utcOffset(timeZone: string, instant: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(formatter.formatToParts(instant).find((p) => p.type === type)!.value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return shown - Math.floor(instant / 60_000) * 60_000;
}

// ---------------------------------------------------------------------------
// Venues and performers beyond the demo's

function generateVenues(rng: Random, count: number): VenueDefinition[] {
  // Venue names repeat across cities, as they do in life, but not within one.
  const takenIn = new Map(CITIES.map((city) => [city.name, new Set(DEMO_VENUES.filter((v) => v.city === city.name).map((v) => v.name))]));
  return Array.from({ length: count }, () => {
    const kind = rng.weighted(GENERATED_KINDS);
    const city = rng.pick(CITIES);
    const country = COUNTRIES[city.country]!;
    const name = unique(takenIn.get(city.name)!, () => venueName(rng, kind));
    const number = rng.int(1, country.numberFirst ? 2400 : 180);
    const street = rng.pick(country.streets);
    return {
      name,
      kind,
      address: country.numberFirst ? `${number} ${street}` : `${street} ${number}`,
      city: city.name,
      region: city.region,
      country: city.country,
      latitude: Math.round((city.latitude + (rng.next() - 0.5) * 0.08) * 1e4) / 1e4,
      longitude: Math.round((city.longitude + (rng.next() - 0.5) * 0.08) * 1e4) / 1e4,
      timezone: city.timezone,
      sections: generatedSections(rng, kind),
    };
  });
}

function venueName(rng: Random, kind: GeneratedKind): string {
  const { adjectives, nouns, theatreNames, hallNames } = NAME_WORDS;
  switch (kind) {
    case 'CLUB':
      return `${rng.chance(0.5) ? 'The ' : ''}${rng.pick(adjectives)} ${rng.pick(nouns)}`;
    case 'COMEDY_CLUB':
      return `The ${rng.pick(adjectives)} ${rng.pick(nouns)} Comedy Club`;
    case 'THEATRE':
      return rng.pick([`${rng.pick(theatreNames)} Theatre`, `The ${rng.pick(theatreNames)}`, `New ${rng.pick(theatreNames)} Theatre`]);
    case 'CONCERT_HALL':
      return `${rng.pick(hallNames)} Hall`;
    case 'ARENA':
      return `${rng.pick(['Civic', 'Metro', 'Riverside', 'Union', 'Harbour'])} Arena`;
  }
}

/** Seat maps for generated venues, sized as the kind usually is. */
function generatedSections(rng: Random, kind: GeneratedKind): TieredSection[] {
  const arc = (radius: number, spread: number) => ({ shape: 'arc' as const, radius, rowGap: 0.9, from: 90 - spread, to: 90 + spread });
  switch (kind) {
    case 'CLUB': {
      // 150-600, most of them under 300 (cubing skews toward small rooms).
      const capacity = 150 + Math.round((rng.next() ** 3 * 450) / 10) * 10;
      if (capacity < 400) return [{ name: 'Floor', kind: 'GENERAL_ADMISSION', tier: 0, capacity }];
      const balcony = Math.round(capacity / 40) * 10;
      return [
        { name: 'Balcony', kind: 'GENERAL_ADMISSION', tier: 0, capacity: balcony },
        { name: 'Floor', kind: 'GENERAL_ADMISSION', tier: 1, capacity: capacity - balcony },
      ];
    }
    case 'COMEDY_CLUB': {
      const tables: TieredSection = {
        name: 'Tables',
        kind: 'RESERVED',
        tier: 0,
        rows: rng.int(6, 12),
        seatsPerRow: rng.int(12, 20),
        layout: { shape: 'grid', x: -6, y: 2.5, seatGap: 0.7, rowGap: 1.2 },
      };
      return rng.chance(0.5) ? [tables, { name: 'Standing', kind: 'GENERAL_ADMISSION', tier: 1, capacity: rng.int(3, 8) * 10 }] : [tables];
    }
    case 'THEATRE': {
      // 800-2000 seats: stalls, a circle above them, a balcony at the back.
      const width = rng.int(24, 36);
      const stalls = rng.int(18, 30);
      const circle = rng.int(6, 12);
      const balcony = rng.int(4, 10);
      return [
        { name: 'Stalls', kind: 'RESERVED', tier: 0, rows: stalls, seatsPerRow: width, layout: arc(9, 40) },
        { name: 'Circle', kind: 'RESERVED', tier: 1, rows: circle, seatsPerRow: width + 4, layout: arc(12 + stalls * 0.9, 45) },
        { name: 'Balcony', kind: 'RESERVED', tier: 2, rows: balcony, seatsPerRow: width + 6, layout: arc(15 + (stalls + circle) * 0.9, 45) },
      ];
    }
    case 'CONCERT_HALL': {
      const stalls = rng.int(20, 28);
      const circle = rng.int(10, 16);
      return [
        { name: 'Stalls', kind: 'RESERVED', tier: 0, rows: stalls, seatsPerRow: 40, layout: arc(8, 40) },
        { name: 'Circle', kind: 'RESERVED', tier: 1, rows: circle, seatsPerRow: 44, layout: arc(11 + stalls * 0.9, 45) },
      ];
    }
    case 'ARENA':
      return arenaSections();
  }
}

function generatePerformers(rng: Random, count: number): PerformerDefinition[] {
  const { adjectives, nouns, firstNames, lastNames, theatreNames, genres, djGenres, companyGenres } = NAME_WORDS;
  const taken = new Set(PERFORMERS.map((p) => p.name));
  const person = () => `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
  return Array.from({ length: count }, (): PerformerDefinition => {
    const kind = rng.weighted<PerformerDefinition['kind']>([
      ['BAND', 35],
      ['ARTIST', 30],
      ['COMEDIAN', 15],
      ['DJ', 10],
      ['COMPANY', 10],
    ]);
    switch (kind) {
      case 'BAND':
        return { kind, genre: rng.pick(genres), name: unique(taken, () => `${rng.chance(0.5) ? 'The ' : ''}${rng.pick(adjectives)} ${rng.pick(nouns)}`) };
      case 'DJ':
        return { kind, genre: rng.pick(djGenres), name: unique(taken, () => `DJ ${rng.pick(adjectives)} ${rng.pick(nouns)}`) };
      case 'COMPANY': {
        const genre = rng.pick(companyGenres);
        const names: Record<string, () => string> = {
          Drama: () => `${rng.pick(adjectives)} ${rng.pick(nouns)} Theatre Company`,
          Musical: () => `${rng.pick(theatreNames)} Musical Company`,
          Family: () => `${rng.pick(adjectives)} ${rng.pick(nouns)} Family Theatre`,
          Classical: () => `${rng.pick(lastNames)} Chamber Orchestra`,
        };
        return { kind, genre, name: unique(taken, names[genre]!) };
      }
      default:
        return { kind, genre: kind === 'COMEDIAN' ? 'Stand-Up' : rng.pick(genres), name: unique(taken, person) };
    }
  });
}

/** A name not yet in `taken` (and now in it); when the words run out (huge catalogs), a number tells names apart. */
function unique(taken: Set<string>, make: () => string): string {
  let name = make();
  for (let attempt = 0; taken.has(name) && attempt < 50; attempt++) name = make();
  const base = name;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  taken.add(name);
  return name;
}
