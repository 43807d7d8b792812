/**
 * One simulated sale of bench:pricing: an event at the bench's playhouse
 * (three sections, best first) goes on sale with a pricing policy in FIXED or
 * DEMAND mode, and the seeded fans (pricing-fans.ts) buy through the API of a
 * server whose clock the sale moves by hand.
 *
 * The sale is a timeline in simulated time: every fan's three moments
 * (arrive and read the prices, reserve, pay) and a repricing round every
 * review interval, run one at a time in time order, the clock set to each
 * moment first. So a review that falls between a fan's reading and their
 * reservation, or during their hold, changes the price inside their
 * purchase, as it would on a real sale; and the run is the same every time.
 *
 * A fan reads the sections (prices, bounds, availability), takes the best
 * one that has their quantity of seats at a price within their willingness,
 * and reserves there (bestAvailable, with maxPrice = willingness: the price
 * may have risen meanwhile). Refused, they read again and try the next
 * section that fits; with none left they leave, priced out or without seats.
 * A hold is paid for at the fan's pay moment.
 *
 * Checked along the way and after the sale (each failure is listed in
 * `problems`): no fan charged more than the hold's price; every booking's
 * total equals its tickets' prices and its card charge; the tickets sold
 * match the fans' bookings and the API's availability; the public price
 * history moves only at reviews, one step of at most maxStepPercent at a
 * time, within the bounds (and not at all in FIXED mode).
 */
import { performance } from 'node:perf_hooks';

import type postgres from 'postgres';

import { sectionCapacity, type SectionDefinition } from '../../src/catalog/seat-layout.js';
import { storeVenues } from '../../src/catalog/venues.js';
import { demandPrice, formatMoney } from '../../src/pricing/demand.js';
import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { CREATE_EVENT, mutate, PUBLISH_EVENT } from '../../test/organizer/events-support.js';
import type { Buyer } from '../../test/support/booking.js';
import { CONFIRM, RESERVE } from '../../test/support/booking-operations.js';
import type { GraphQLResponse, manualClock, TestServer } from '../../test/support/server.js';
import type { SimFan } from './pricing-fans.js';
import { percentile, round } from './stats.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The playhouse's sections, best first (the order fans prefer them in), with their prices before any policy moves them, in cents. */
export const PLAYHOUSE: readonly (SectionDefinition & { basePrice: number })[] = [
  { name: 'Front', kind: 'RESERVED', rows: 5, seatsPerRow: 20, layout: { shape: 'grid', x: 0, y: 0, seatGap: 0.5, rowGap: 1 }, basePrice: 13_000 },
  { name: 'Stalls', kind: 'RESERVED', rows: 15, seatsPerRow: 20, layout: { shape: 'grid', x: 0, y: 10, seatGap: 0.5, rowGap: 1 }, basePrice: 8_000 },
  { name: 'Lawn', kind: 'GENERAL_ADMISSION', capacity: 600, basePrice: 4_500 },
];

/** The playhouse as stored: its global ID and its sections', in PLAYHOUSE's order, with capacity and base price. */
export interface Playhouse {
  id: string;
  sections: { id: string; name: string; capacity: number; basePrice: number }[];
}

/** Stores the playhouse, owned by the organizer, with catalog's storeVenues. */
export async function storePlayhouse(sql: postgres.Sql, organizerId: number, createdAt: Date): Promise<Playhouse> {
  const stored = await sql.begin((tx) =>
    storeVenues(
      tx,
      [
        {
          name: 'Bench Playhouse',
          address: '1 Curtain Lane',
          city: 'Chicago',
          region: 'IL',
          country: 'US',
          latitude: 41.88,
          longitude: -87.63,
          timezone: 'America/Chicago',
          sections: PLAYHOUSE.map(({ basePrice: _, ...section }) => section),
        },
      ],
      { organizerId, createdAt },
    ),
  );
  return {
    id: toGlobalId('Venue', stored.venueIds[0]!),
    sections: PLAYHOUSE.map((section, s) => ({
      id: toGlobalId('Section', stored.sectionIds[0]![s]!),
      name: section.name,
      capacity: sectionCapacity(section),
      basePrice: section.basePrice,
    })),
  };
}

export type PricingMode = 'FIXED' | 'DEMAND';

/** The policy both sales set on every section; only the mode differs. */
export interface PolicyShape {
  /** Bounds as multiples of the section's base price. */
  floorShare: number;
  ceilingShare: number;
  maxStepPercent: number;
  minIntervalSeconds: number;
  targetSellThrough: number;
}

export const SET_PRICING_POLICY = `mutation ($input: SetPricingPolicyInput!) {
  setPricingPolicy(input: $input) { policy { mode effectiveAt floor { amount } ceiling { amount } } userErrors { code message field } }
}`;

/** What a fan reads before choosing: the public prices, bounds and availability of each section. */
const EVENT_SECTIONS = `query ($id: ID!) {
  event(id: $id) {
    sections { section { id name } price { amount } priceBounds { floor { amount } ceiling { amount } mode } availability { available total } }
  }
}`;

/** What anyone may read of the sale's pricing afterwards: the mode and a page of the public price history. */
const PRICE_HISTORY = `query ($id: ID!, $after: String) {
  event(id: $id) {
    pricing { mode nextReviewAt lastChangedAt }
    priceHistory(first: 100, after: $after) {
      edges { node { section { id } oldPrice { amount } newPrice { amount } reason changedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface SectionReading {
  section: { id: string; name: string };
  price: { amount: number };
  priceBounds: { floor: { amount: number }; ceiling: { amount: number }; mode: PricingMode } | null;
  availability: { available: number; total: number };
}

interface PriceChange {
  section: { id: string };
  oldPrice: { amount: number };
  newPrice: { amount: number };
  reason: string;
  changedAt: string;
}

/** Why a fan left without tickets: nothing with their quantity of seats was within their willingness, or nothing had the seats at all. */
type LostReason = 'priced out' | 'no seats';

/** A fan's purchase as it went: prices per ticket, in cents. */
interface Purchase {
  fan: SimFan;
  buyer: Buyer;
  /** The section chosen, and its price at the reading that chose it. */
  sectionId?: string;
  readPrice?: number;
  /** Sections where a reservation was refused: not tried again. */
  refusedIn: Set<string>;
  holdId?: string;
  heldPrice?: number;
  chargedPrice?: number;
  lost?: LostReason;
  /** A section fitted at the first reading, but none did by the reservation. */
  lostMidPurchase?: boolean;
}

export interface SaleOptions {
  server: TestServer;
  clock: ReturnType<typeof manualClock>;
  sql: postgres.Sql;
  organizer: Buyer;
  /** Fan i buys as buyers[i]. */
  buyers: readonly Buyer[];
  fans: readonly SimFan[];
  playhouse: Playhouse;
  mode: PricingMode;
  policy: PolicyShape;
  opensAt: Date;
  periodMs: number;
}

/** Per-ticket prices paid in a section, in cents. */
export interface PaidSpread {
  tickets: number;
  mean: number;
  min: number;
  max: number;
  sd: number;
  p10: number;
  p90: number;
}

export interface SectionFigures {
  name: string;
  capacity: number;
  basePrice: number;
  sold: number;
  revenue: number;
  /** Simulated time from the opening to its last ticket sold; null if some were left. */
  soldOutAfterMs: number | null;
  paid: PaidSpread | null;
  /** The section's price on sale: lowest, highest, and when the show started. */
  price: { min: number; max: number; final: number };
  priceChanges: number;
  /** Each change of the price: simulated hours after the opening, and the new price. */
  pricePath: [hours: number, price: number][];
}

export interface SaleFigures {
  mode: PricingMode;
  eventId: string;
  capacity: number;
  ticketsSold: number;
  /** Sum of the bookings' totals, in cents. */
  revenue: number;
  soldOutAfterMs: number | null;
  fans: {
    total: number;
    served: number;
    lostPricedOut: number;
    lostNoSeats: number;
    /** Of the lost: a section fitted when they read the prices, none by the time they reserved. */
    lostMidPurchase: number;
    /** Reservations refused (the price had risen past the fan's maxPrice, or the seats were gone), retries included. */
    refusedReservations: number;
  };
  /** Fans served whose price per ticket moved inside their purchase. */
  priceMoves: {
    /** Read ≠ held or held ≠ charged. */
    sawChange: number;
    readToHeldUp: number;
    readToHeldDown: number;
    /** The price fell while they held: charged the lower price. */
    chargedLessThanHeld: number;
    /** Must be 0: a hold fixes its price. */
    chargedMoreThanHeld: number;
    /** The price rose above the hold's while they held: charged the hold's. */
    heldThroughRise: number;
    /** Slow payers (10–50 min) among the fans served, and of them those charged less. */
    slowPayers: number;
  };
  sections: SectionFigures[];
  /** The public history's changes, and the reviews run. */
  priceChanges: number;
  reviews: number;
  /** Broken invariants and unexpected answers; must be empty. */
  problems: string[];
  wallSeconds: number;
}

/** Simulated time as a person reads it: "3 d 4 h", "5 h 20 min". */
export function simulatedTime(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${minutes} min`;
}

/** Dollars as the tables show them: "$1,234". */
export const dollars = (cents: number) => formatMoney(Math.round(cents), 'USD').replace(/\.00$/, '');

/** The spread of per-ticket prices `prices` (one entry per ticket). */
function paidSpread(prices: number[]): PaidSpread | null {
  if (prices.length === 0) return null;
  const sorted = [...prices].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, price) => sum + price, 0) / sorted.length;
  const sd = Math.sqrt(sorted.reduce((sum, price) => sum + (price - mean) ** 2, 0) / sorted.length);
  return {
    tickets: sorted.length,
    mean: round(mean, 0),
    min: sorted[0]!,
    max: sorted.at(-1)!,
    sd: round(sd, 0),
    p10: percentile(sorted, 10),
    p90: percentile(sorted, 90),
  };
}

/** Answers the payload of a GraphQL mutation, throwing on a GraphQL error (the bench's requests are all well formed). */
async function send(server: TestServer, query: string, input: Record<string, unknown>, token: string) {
  const { payload, errors } = await mutate(server, query, input, token);
  if (errors) throw new Error(`the API answered errors: ${JSON.stringify(errors)}`);
  return payload;
}

/**
 * Creates, prices and publishes the sale's event the day before it opens,
 * and sets every section's policy (applied at once: the sale has not opened).
 */
async function openEvent(options: SaleOptions): Promise<string> {
  const { server, clock, organizer, playhouse, mode, policy, opensAt, periodMs } = options;
  clock.set(new Date(opensAt.getTime() - DAY));
  const startsAt = new Date(opensAt.getTime() + periodMs);
  const draft = await send(
    server,
    CREATE_EVENT,
    {
      title: `Pricing bench, ${mode}`,
      category: 'THEATRE',
      venueId: playhouse.id,
      onSaleAt: opensAt.toISOString(),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
      // Slow payers hold for up to 50 minutes; the ticket limit lets any fan buy their 4.
      holdTtlSeconds: 3_600,
      ticketLimitPerUser: 8,
      prices: playhouse.sections.map((section) => ({ sectionId: section.id, amount: section.basePrice, currency: 'USD' })),
    },
    organizer.token,
  );
  if (!draft.event) throw new Error(`createEvent refused: ${JSON.stringify(draft.userErrors)}`);
  const eventId: string = draft.event.id;
  const published = await send(server, PUBLISH_EVENT, { eventId }, organizer.token);
  if (!published.event) throw new Error(`publishEvent refused: ${JSON.stringify(published.userErrors)}`);
  for (const section of playhouse.sections) {
    const set = await send(
      server,
      SET_PRICING_POLICY,
      {
        eventId,
        sectionId: section.id,
        mode,
        floor: Math.round(section.basePrice * policy.floorShare),
        ceiling: Math.round(section.basePrice * policy.ceilingShare),
        currency: 'USD',
        maxStepPercent: policy.maxStepPercent,
        minIntervalSeconds: policy.minIntervalSeconds,
        targetSellThrough: policy.targetSellThrough,
      },
      organizer.token,
    );
    if (!set.policy) throw new Error(`setPricingPolicy refused: ${JSON.stringify(set.userErrors)}`);
    if (new Date(set.policy.effectiveAt).getTime() !== clock().getTime()) throw new Error(`the ${section.name} policy was announced, not applied at once`);
  }
  return eventId;
}

/** A moment of the timeline: a review, or one of a fan's steps. Same time: reviews first, then by fan. */
interface Moment {
  at: number;
  step: 'review' | 'arrive' | 'reserve' | 'pay';
  purchase?: Purchase;
}

const STEP_ORDER = { review: 0, arrive: 1, reserve: 2, pay: 3 };

/** Runs the sale (see the top of this file) and answers its figures. */
export async function runSale(options: SaleOptions): Promise<SaleFigures> {
  const { server, clock, sql, playhouse, mode, policy, opensAt, periodMs } = options;
  const started = performance.now();
  const eventId = await openEvent(options);
  const problems: string[] = [];
  const sectionOrder = playhouse.sections.map((section) => section.id);
  const capacity = playhouse.sections.reduce((sum, section) => sum + section.capacity, 0);

  const read = async (purchase: Purchase): Promise<SectionReading[]> => {
    const response = await server.graphql(EVENT_SECTIONS, { id: eventId }, purchase.buyer.token);
    if (response.errors || !response.data?.event) throw new Error(`reading the event failed: ${JSON.stringify(response.errors)}`);
    const byId = new Map((response.data.event.sections as SectionReading[]).map((reading) => [reading.section.id, reading]));
    return sectionOrder.map((id) => byId.get(id)!);
  };

  /** The best section for the fan in `readings` (best first) that they have not been refused in; or why there is none. */
  const choose = (purchase: Purchase, readings: SectionReading[]): SectionReading | LostReason => {
    const { quantity, willingness } = purchase.fan;
    const withSeats = readings.filter((reading) => reading.availability.available >= quantity && !purchase.refusedIn.has(reading.section.id));
    return withSeats.find((reading) => reading.price.amount <= willingness) ?? (withSeats.length > 0 ? 'priced out' : 'no seats');
  };

  const pick = (purchase: Purchase, choice: SectionReading | LostReason, midPurchase: boolean) => {
    if (typeof choice === 'string') {
      purchase.lost = choice;
      purchase.lostMidPurchase = midPurchase;
    } else {
      purchase.sectionId = choice.section.id;
      purchase.readPrice = choice.price.amount;
    }
  };

  let refusedReservations = 0;
  const reserve = async (purchase: Purchase) => {
    const { fan } = purchase;
    while (!purchase.lost) {
      const input = { eventId, bestAvailable: { quantity: fan.quantity, sectionId: purchase.sectionId, maxPrice: fan.willingness } };
      const { hold, userErrors } = await send(server, RESERVE, input, purchase.buyer.token);
      if (hold) {
        purchase.holdId = hold.id;
        purchase.heldPrice = hold.total.amount / fan.quantity;
        const prices = new Set(hold.tickets.map((ticket: { price: { amount: number } }) => ticket.price.amount));
        const sections = new Set(hold.tickets.map((ticket: { section: { id: string } }) => ticket.section.id));
        if (prices.size !== 1 || sections.size !== 1 || !sections.has(purchase.sectionId)) {
          problems.push(`fan ${fan.index}'s hold is not ${fan.quantity} tickets at one price in the section asked for`);
        }
        return;
      }
      if (userErrors[0]?.code !== 'SEATS_UNAVAILABLE') throw new Error(`reserveSeats refused fan ${fan.index}: ${JSON.stringify(userErrors)}`);
      // The price rose past the fan's maxPrice since they read it, or the seats went (or none are together): look again.
      refusedReservations++;
      purchase.refusedIn.add(purchase.sectionId!);
      pick(purchase, choose(purchase, await read(purchase)), true);
    }
  };

  const soldBySection = new Map(sectionOrder.map((id) => [id, 0]));
  const soldOutAfter = new Map<string, number>();
  let soldOutAfterMs: number | null = null;
  let ticketsSold = 0;
  const pay = async (purchase: Purchase, atMs: number) => {
    const { fan } = purchase;
    const input = { holdId: purchase.holdId, payment: { token: 'tok_visa' }, idempotencyKey: `bench-pricing-${mode}-${fan.index}` };
    const { booking, userErrors } = await send(server, CONFIRM, input, purchase.buyer.token);
    if (!booking) {
      problems.push(`confirmBooking refused fan ${fan.index}: ${JSON.stringify(userErrors)}`);
      return;
    }
    purchase.chargedPrice = booking.total.amount / fan.quantity;
    if (purchase.chargedPrice > purchase.heldPrice!) {
      problems.push(`fan ${fan.index} was charged ${purchase.chargedPrice} a ticket, more than the ${purchase.heldPrice} their hold fixed`);
    }
    const sold = soldBySection.get(purchase.sectionId!)! + fan.quantity;
    soldBySection.set(purchase.sectionId!, sold);
    if (sold === playhouse.sections.find((section) => section.id === purchase.sectionId)!.capacity) soldOutAfter.set(purchase.sectionId!, atMs);
    ticketsSold += fan.quantity;
    if (ticketsSold === capacity) soldOutAfterMs = atMs;
  };

  // The timeline: each fan's three moments, and a review every interval from the opening until the show.
  const purchases = options.fans.map((fan): Purchase => ({ fan, buyer: options.buyers[fan.index]!, refusedIn: new Set() }));
  const intervalMs = policy.minIntervalSeconds * 1000;
  const moments: Moment[] = [];
  for (let at = intervalMs; at < periodMs; at += intervalMs) moments.push({ at, step: 'review' });
  for (const purchase of purchases) {
    moments.push({ at: purchase.fan.arriveMs, step: 'arrive', purchase });
    moments.push({ at: purchase.fan.reserveMs, step: 'reserve', purchase });
    moments.push({ at: purchase.fan.payMs, step: 'pay', purchase });
  }
  moments.sort((a, b) => a.at - b.at || STEP_ORDER[a.step] - STEP_ORDER[b.step] || a.purchase!.fan.index - b.purchase!.fan.index);

  let reviews = 0;
  for (const { at, step, purchase } of moments) {
    clock.set(new Date(opensAt.getTime() + at));
    if (step === 'review') {
      await server.repricePrices();
      reviews++;
      // The test server records every statement and log line; a week of sale would keep them all.
      server.statements.length = 0;
    } else if (step === 'arrive') {
      pick(purchase!, choose(purchase!, await read(purchase!)), false);
    } else if (purchase!.lost) {
      continue;
    } else if (step === 'reserve') {
      await reserve(purchase!);
    } else {
      await pay(purchase!, at);
    }
  }
  const serverErrors = server.logs.filter((line) => (line.level as number) >= 50);
  for (const line of serverErrors) problems.push(`server error: ${String(line.msg)}`);
  server.logs.length = 0;

  // After the sale: the API's availability, the public history, and the bookings as stored.
  clock.set(new Date(opensAt.getTime() + periodMs - MINUTE));
  const finalReadings = await read(purchases[0]!);
  const history: PriceChange[] = [];
  let pricingMode: PricingMode | undefined;
  for (let after: string | null = null; ;) {
    const response: GraphQLResponse = await server.graphql(PRICE_HISTORY, { id: eventId, after });
    if (response.errors) throw new Error(`reading the price history failed: ${JSON.stringify(response.errors)}`);
    pricingMode = response.data.event.pricing.mode;
    history.push(...response.data.event.priceHistory.edges.map((edge: { node: PriceChange }) => edge.node));
    if (!response.data.event.priceHistory.pageInfo.hasNextPage) break;
    after = response.data.event.priceHistory.pageInfo.endCursor;
  }
  history.reverse(); // oldest first
  if (pricingMode !== mode) problems.push(`Event.pricing.mode is ${pricingMode}, the policies' ${mode}`);
  const served = purchases.filter((purchase) => purchase.chargedPrice !== undefined);
  const sales = served.map((purchase) => ({ sectionId: purchase.sectionId!, quantity: purchase.fan.quantity, atMs: purchase.fan.payMs }));
  problems.push(...checkHistory(history, options, finalReadings, sales));

  const [stored] = await sql<[{ bookings: number; tickets: number; revenue: number; mismatched: number }]>`
    SELECT count(*)::int AS bookings, coalesce(sum(t.n), 0)::int AS tickets, coalesce(sum(b.total), 0)::int AS revenue,
           count(*) FILTER (WHERE t.sum IS DISTINCT FROM b.total OR c.amount IS DISTINCT FROM b.total)::int AS mismatched
    FROM bookings b
      LEFT JOIN (SELECT booking_id, sum(price)::int AS sum, count(*)::int AS n FROM tickets WHERE status = 'SOLD' GROUP BY booking_id) t ON t.booking_id = b.id
      LEFT JOIN simulated_charges c ON c.id = b.payment_id
    WHERE b.event_id = ${fromGlobalIdOf('Event', eventId)}`;
  const revenue = served.reduce((sum, purchase) => sum + purchase.chargedPrice! * purchase.fan.quantity, 0);
  if (stored.mismatched !== 0) problems.push(`${stored.mismatched} bookings whose total differs from their tickets' prices or their card charge`);
  if (stored.tickets !== ticketsSold || stored.revenue !== revenue || stored.bookings !== served.length) {
    problems.push(
      `stored: ${stored.bookings} bookings, ${stored.tickets} tickets, ${stored.revenue} revenue; the fans': ${served.length}, ${ticketsSold}, ${revenue}`,
    );
  }
  for (const reading of finalReadings) {
    const sold = reading.availability.total - reading.availability.available;
    if (sold !== soldBySection.get(reading.section.id))
      problems.push(`${reading.section.name}: the API shows ${sold} sold, the fans bought ${soldBySection.get(reading.section.id)}`);
  }

  const lost = purchases.filter((purchase) => purchase.lost);
  /** A section's price at `ms` after the opening, by the history (a review at the same moment runs first). */
  const priceAt = (sectionId: string, ms: number) =>
    history.findLast((change) => change.section.id === sectionId && new Date(change.changedAt).getTime() - opensAt.getTime() <= ms)?.newPrice.amount ??
    playhouse.sections.find((section) => section.id === sectionId)!.basePrice;
  const moved = (a: number, b: number) => a !== b;
  return {
    mode,
    eventId,
    capacity,
    ticketsSold,
    revenue,
    soldOutAfterMs,
    fans: {
      total: purchases.length,
      served: served.length,
      lostPricedOut: lost.filter((purchase) => purchase.lost === 'priced out').length,
      lostNoSeats: lost.filter((purchase) => purchase.lost === 'no seats').length,
      lostMidPurchase: lost.filter((purchase) => purchase.lostMidPurchase).length,
      refusedReservations,
    },
    priceMoves: {
      sawChange: served.filter((p) => moved(p.readPrice!, p.heldPrice!) || moved(p.heldPrice!, p.chargedPrice!)).length,
      readToHeldUp: served.filter((p) => p.heldPrice! > p.readPrice!).length,
      readToHeldDown: served.filter((p) => p.heldPrice! < p.readPrice!).length,
      chargedLessThanHeld: served.filter((p) => p.chargedPrice! < p.heldPrice!).length,
      chargedMoreThanHeld: served.filter((p) => p.chargedPrice! > p.heldPrice!).length,
      heldThroughRise: served.filter((p) => priceAt(p.sectionId!, p.fan.payMs) > p.heldPrice!).length,
      slowPayers: served.filter((p) => p.fan.slowPayer).length,
    },
    sections: playhouse.sections.map((section, s) => {
      const own = served.filter((purchase) => purchase.sectionId === section.id);
      const changes = history.filter((change) => change.section.id === section.id);
      const prices = [section.basePrice, ...changes.map((change) => change.newPrice.amount)];
      return {
        name: section.name,
        capacity: section.capacity,
        basePrice: section.basePrice,
        sold: soldBySection.get(section.id)!,
        revenue: own.reduce((sum, purchase) => sum + purchase.chargedPrice! * purchase.fan.quantity, 0),
        soldOutAfterMs: soldOutAfter.get(section.id) ?? null,
        paid: paidSpread(own.flatMap((purchase) => Array<number>(purchase.fan.quantity).fill(purchase.chargedPrice!))),
        price: { min: Math.min(...prices), max: Math.max(...prices), final: finalReadings[s]!.price.amount },
        priceChanges: changes.length,
        pricePath: changes.map((change): [number, number] => [
          round((new Date(change.changedAt).getTime() - opensAt.getTime()) / HOUR, 2),
          change.newPrice.amount,
        ]),
      };
    }),
    priceChanges: history.length,
    reviews,
    problems,
    wallSeconds: round((performance.now() - started) / 1000),
  };
}

/** A booking as the fans made it: its section, its tickets, and when (ms after the opening). */
interface Sale {
  sectionId: string;
  quantity: number;
  atMs: number;
}

/**
 * What the public history must show (oldest first): nothing in FIXED mode.
 * In DEMAND, each section's changes chained from its base price to its price
 * now, within the bounds, one step of at most maxStepPercent, and each the
 * decision of the published rule (pricing/demand.ts's demandPrice) at a
 * review, fed with the fans' own bookings rather than what the repricer
 * read: a review that holds shows no change, and no change comes between
 * reviews. Answers each breach.
 */
function checkHistory(history: readonly PriceChange[], options: SaleOptions, finalReadings: readonly SectionReading[], sales: readonly Sale[]): string[] {
  const { playhouse, mode, policy, opensAt, periodMs } = options;
  if (mode === 'FIXED') return history.length === 0 ? [] : [`FIXED sale has ${history.length} price changes`];
  const problems: string[] = [];
  const intervalMs = policy.minIntervalSeconds * 1000;
  const after = (ms: number) => new Date(opensAt.getTime() + ms);
  const tickets = (own: readonly Sale[]) => own.reduce((sum, sale) => sum + sale.quantity, 0);
  for (const [s, section] of playhouse.sections.entries()) {
    const floor = Math.round(section.basePrice * policy.floorShare);
    const ceiling = Math.round(section.basePrice * policy.ceilingShare);
    const changes = new Map<number, PriceChange>();
    for (const change of history.filter((change) => change.section.id === section.id)) {
      const at = new Date(change.changedAt).getTime() - opensAt.getTime();
      if (at <= 0 || at % intervalMs !== 0) problems.push(`${section.name}: a change at ${change.changedAt}, not at a review`);
      else changes.set(at, change);
    }
    let price = section.basePrice;
    for (let since = 0, at = intervalMs; at < periodMs; since = at, at += intervalMs) {
      // No sale falls on a review's moment (pricing-fans.ts): the window's edges need no care.
      const sold = sales.filter((sale) => sale.sectionId === section.id && sale.atMs < at);
      const decision = demandPrice({
        price,
        floor,
        ceiling,
        maxStepPercent: policy.maxStepPercent,
        targetSellThroughBp: Math.round(policy.targetSellThrough * 10_000),
        capacity: section.capacity,
        sold: tickets(sold),
        soldSince: tickets(sold.filter((sale) => sale.atMs > since)),
        since: after(since),
        onSaleAt: opensAt,
        startsAt: after(periodMs),
        now: after(at),
        currency: 'USD',
        admitting: false,
      });
      const change = changes.get(at);
      const next = change?.newPrice.amount ?? price;
      if (change && change.oldPrice.amount !== price) problems.push(`${section.name}: a change from ${change.oldPrice.amount} follows one to ${price}`);
      if (next < floor || next > ceiling) problems.push(`${section.name}: ${next} is outside [${floor}, ${ceiling}]`);
      if (Math.abs(next - price) * 100 > price * policy.maxStepPercent)
        problems.push(`${section.name}: ${price} to ${next} is more than ${policy.maxStepPercent}%`);
      if (next !== decision.price) {
        problems.push(
          `${section.name} at ${simulatedTime(at)}: ${price} to ${next}, where the rule on the fans' bookings says ${decision.price}: ${decision.reason}`,
        );
      }
      price = next;
    }
    if (price !== finalReadings[s]!.price.amount)
      problems.push(`${section.name}: the history ends at ${price}, the price is ${finalReadings[s]!.price.amount}`);
  }
  return problems;
}
