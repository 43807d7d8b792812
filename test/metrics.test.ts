/** GET /metrics: Prometheus text, behind its token, with counters that move as the API is used. */
import { beforeAll, describe, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { type MetricFamily, scrape, valueOf } from './support/prometheus.js';
import { manualClock } from './support/server.js';

const TOKEN = 'metrics-token-for-the-tests';

describe('metrics', () => {
  const clock = manualClock(ANCHOR);
  const { database, server, startServer } = useTestServer({ clock, env: { METRICS_TOKEN: TOKEN } });
  let organizerId: number;
  let buyer: Buyer;

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
  });

  const metrics = () => scrape(server.url, TOKEN);
  /** Requests counted by the duration histogram with these labels (its `_count`). */
  const requests = (families: MetricFamily[], labels: Record<string, string>) => valueOf(families, 'graphql_request_duration_seconds_count', labels);

  it('answers 401 without the token or with a wrong one, and the Prometheus text with it', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('nodejs_');
    const families = await metrics();
    const names = families.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds']));
    expect(names).toEqual(expect.arrayContaining(['graphql_request_duration_seconds', 'graphql_errors_total', 'ticketing_seats_sold_total']));
  });

  it('is open without METRICS_TOKEN, and not there with METRICS_ENABLED=false', async () => {
    const open = await startServer({ clock, env: {} });
    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    const off = await startServer({ clock, env: { METRICS_ENABLED: 'false' } });
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
  });

  it('counts a hold, a sale with its seats and a cancellation once each, and not a refused reservation', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const before = await metrics();
    const reserved = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 3) } }, buyer.token);
    const holdId = reserved.data.reserveSeats.hold.id;
    // Refused (the same seats): no hold made.
    const refused = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 1) } }, buyer.token);
    expect(refused.data.reserveSeats.userErrors).not.toEqual([]);
    const confirm = { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: 'metrics-sale' } };
    const confirmed = await server.graphql(CONFIRM, confirm, buyer.token);
    const bookingId = confirmed.data.confirmBooking.booking.id;
    await server.graphql(CONFIRM, confirm, buyer.token); // the same key: answered again, not sold again
    await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: 'metrics-cancel' } }, buyer.token);

    const after = await metrics();
    const moved = (name: string) => valueOf(after, name) - valueOf(before, name);
    expect(moved('ticketing_holds_created_total')).toBe(1);
    expect(moved('ticketing_bookings_confirmed_total')).toBe(1);
    expect(moved('ticketing_seats_sold_total')).toBe(3);
    expect(moved('ticketing_bookings_cancelled_total')).toBe(1);
    // The refused reservation is a user_error of its (anonymous) operation; the others are ok.
    expect(requests(after, { operation: 'anonymous', outcome: 'user_error' }) - requests(before, { operation: 'anonymous', outcome: 'user_error' })).toBe(1);
    expect(requests(after, { operation: 'anonymous', outcome: 'ok' }) - requests(before, { operation: 'anonymous', outcome: 'ok' })).toBe(4);
  });

  it('counts errors by code, and times requests by operation name and outcome', async () => {
    const before = await metrics();
    await server.graphql('query Broken { nope }');
    await server.graphql('query Broken { nope }');
    const after = await metrics();
    const moved = (code: string) => valueOf(after, 'graphql_errors_total', { code }) - valueOf(before, 'graphql_errors_total', { code });
    expect(moved('GRAPHQL_VALIDATION_FAILED')).toBe(2);
    expect(requests(after, { operation: 'anonymous', outcome: 'user_error' }) - requests(before, { operation: 'anonymous', outcome: 'user_error' })).toBe(2);
    await server.graphql('query Fine { __typename }');
    expect(requests(await metrics(), { operation: 'Fine', outcome: 'ok' })).toBe(1);
  });

  it('labels at most 200 operation names as themselves; the rest are other', async () => {
    const sent = Array.from({ length: 230 }, (_, i) => `Made${i}`);
    for (const name of sent) await server.graphql(`query ${name} { __typename }`);
    const family = (await metrics()).find((f) => f.name === 'graphql_request_duration_seconds_count')!;
    const operations = new Set(family.metrics.map((m) => m.labels!.operation));
    expect(operations.size).toBeLessThanOrEqual(200 + 2); // and anonymous, other
    expect(operations).toContain('other');
    expect(operations).toContain('Made0'); // the first names are labelled as themselves
    expect(operations).not.toContain('Made229');
  });
});
