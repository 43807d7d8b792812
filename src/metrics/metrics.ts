/**
 * The process's Prometheus metrics (prom-client), in a registry of their own
 * that server.ts builds and wires: Node's default metrics (event-loop lag,
 * heap, GC), GraphQL requests and errors (plugin.ts), and what domains tell
 * through ports they declare, so that none imports prom-client: booking's
 * sales (BookingSignals), the seat maps' fan-out lag (SeatMapSignals) and
 * the background jobs' failed rounds (JobSignals); and gauges read at scrape
 * time from counts other modules keep.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { BookingSignals } from '../booking/booking.js';
import type { PoolUse } from '../db/database.js';
import type { JobSignals } from '../jobs/poll-loop.js';
import type { SeatMapSignals } from '../seatmap/live.js';
import type { FanCounts } from '../waitingroom/live.js';

/** Whether a request's answer was what it asked for, a refusal the caller can fix, or the server's fault. */
export type Outcome = 'ok' | 'user_error' | 'error';

export interface MetricsOptions {
  /** Distinct operation names labelled as themselves; later ones are `other`, since clients choose names and each is a time series. */
  maxOperationNames: number;
}

/** What the metrics read when scraped rather than being told: counts other modules keep. */
export interface MetricsSources {
  /** WebSockets open now (graphql-ws). */
  webSockets(): number;
  /** GraphQL requests over HTTP running now, and waiting at the door (src/limits/door.ts) for their turn. */
  httpRequests(): { readonly running: number; readonly waiting: number };
  /** Subscriptions open now over WebSocket, by Subscription field (every field of the schema). */
  subscriptions(): ReadonlyMap<string, number>;
  /** Fans waiting and admitted in the waiting rooms this process's feeds follow, as of their last read. */
  waitingRoomFans(): FanCounts;
  /** The database pools' size and connections reserved now. */
  databasePools(): readonly PoolUse[];
  /** The outbox's messages each consumer has yet to handle (one read per scrape). */
  outboxPending(): Promise<readonly { consumer: string; pending: number }[]>;
  /** The job queue's jobs by task and state (one read per scrape). */
  queueJobs(): Promise<readonly { task: string; state: string; jobs: number }[]>;
}

export interface Metrics {
  /** Records a finished GraphQL request over HTTP. */
  request(operationName: string | null | undefined, outcome: Outcome, seconds: number): void;
  /** Counts a GraphQL error answered, by its `extensions.code`, over HTTP or WebSocket. */
  error(code: string): void;
  /** Booking's port, counting holds, sales and cancellations. */
  readonly booking: BookingSignals;
  /** The live seat maps' port: the fan-out lag of their deltas, and their reconciliation's failed rounds. */
  readonly seatMaps: SeatMapSignals;
  /** The background jobs' port, counting their failed rounds. */
  readonly jobs: JobSignals;
  /** Gives the gauges read at scrape time their sources, once what they read exists. */
  follow(sources: MetricsSources): void;
  /** The Prometheus text exposition of every metric, and its content type. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

/** Request durations in seconds: from a cached read's few ms to the 10 s deadline. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Fan-out lags in seconds: about the 100 ms window when all is well, seconds when a process cannot keep up. */
const FANOUT_BUCKETS = [0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP, by operation name (anonymous; other past the limit of distinct names) and outcome (ok, user_error, error).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const errors = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors answered, by extensions.code.', labelNames: ['code'] as const, registers });
  const holds = new Counter({ name: 'ticketing_holds_created_total', help: 'Holds made by reserveSeats.', registers });
  const confirmed = new Counter({ name: 'ticketing_bookings_confirmed_total', help: 'Bookings confirmed (sales).', registers });
  const seats = new Counter({ name: 'ticketing_seats_sold_total', help: 'Tickets sold by confirmed bookings.', registers });
  const cancelled = new Counter({ name: 'ticketing_bookings_cancelled_total', help: 'Bookings cancelled by their fans.', registers });
  const fanOut = new Histogram({
    name: 'ticketing_seat_map_fanout_lag_seconds',
    help: "Seat-map deltas, from their commit's announcement (by any process) to the last of this process's subscribers of the event having them (wall clock).",
    buckets: FANOUT_BUCKETS,
    registers,
  });
  const jobFailures = new Counter({
    name: 'ticketing_job_failures_total',
    help: 'Failed rounds of background jobs in this process, by job (a database outage fails rounds too).',
    labelNames: ['job'] as const,
    registers,
  });
  const jobs: JobSignals = { failed: (job) => jobFailures.inc({ job }) };
  let sources: MetricsSources | undefined;
  new Gauge({
    name: 'graphql_ws_sockets',
    help: 'GraphQL WebSockets open in this process.',
    registers,
    collect() {
      this.set(sources?.webSockets() ?? 0);
    },
  });
  new Gauge({
    name: 'graphql_http_requests',
    help: 'GraphQL requests over HTTP in this process, by state: running, or waiting for their turn (MAX_CONCURRENT_REQUESTS).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const requests = sources?.httpRequests() ?? { running: 0, waiting: 0 };
      this.set({ state: 'running' }, requests.running);
      this.set({ state: 'waiting' }, requests.waiting);
    },
  });
  new Gauge({
    name: 'graphql_ws_subscriptions',
    help: 'GraphQL subscriptions open over WebSocket in this process, by Subscription field.',
    labelNames: ['field'] as const,
    registers,
    collect() {
      for (const [field, open] of sources?.subscriptions() ?? []) this.set({ field }, open);
    },
  });
  new Gauge({
    name: 'ticketing_waiting_room_fans',
    help: "Fans waiting and admitted, summed over the waiting rooms with queuePassChanged subscribers in this process, as of the rooms' last read (every process watching a room counts it).",
    labelNames: ['state'] as const,
    registers,
    collect() {
      const fans = sources?.waitingRoomFans() ?? { waiting: 0, admitted: 0 };
      this.set({ state: 'waiting' }, fans.waiting);
      this.set({ state: 'admitted' }, fans.admitted);
    },
  });
  new Gauge({
    name: 'ticketing_db_pool_size_connections',
    help: 'The most connections each database pool of this process opens: requests (the API and its jobs), background (the seat-map feeds).',
    labelNames: ['pool'] as const,
    registers,
    collect() {
      for (const { pool, size } of sources?.databasePools() ?? []) this.set({ pool }, size);
    },
  });
  new Gauge({
    name: 'ticketing_db_reserved_connections',
    help: "Connections of each database pool reserved now: leader jobs' sessions and seat-map transactions, which nothing else can use meanwhile.",
    labelNames: ['pool'] as const,
    registers,
    collect() {
      for (const { pool, reserved } of sources?.databasePools() ?? []) this.set({ pool }, reserved);
    },
  });
  new Gauge({
    name: 'ticketing_outbox_pending_messages',
    help: 'Messages of the outbox each consumer (search, mail) has yet to handle: the background work queued behind the writes.',
    labelNames: ['consumer'] as const,
    registers,
    async collect() {
      for (const { consumer, pending } of (await sources?.outboxPending()) ?? []) this.set({ consumer }, pending);
    },
  });
  new Gauge({
    name: 'ticketing_queue_jobs',
    help: 'Jobs of the queue (e-mails, refunds, captures) by task and state: WAITING, RUNNING, RETRYING after a failure, FAILED for good (the dead letters, for an admin).',
    labelNames: ['task', 'state'] as const,
    registers,
    async collect() {
      this.reset(); // a task and state with no job left reads 0, not its last count
      for (const { task, state, jobs } of (await sources?.queueJobs()) ?? []) this.set({ task, state }, jobs);
    },
  });
  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= options.maxOperationNames) return 'other';
    operationNames.add(name);
    return name;
  };
  return {
    request: (operationName, outcome, seconds) => duration.observe({ operation: operationLabel(operationName), outcome }, seconds),
    error: (code) => errors.inc({ code }),
    booking: {
      held: () => holds.inc(),
      sold(count) {
        confirmed.inc();
        seats.inc(count);
      },
      cancelled: () => cancelled.inc(),
    },
    seatMaps: { ...jobs, fannedOut: (seconds) => fanOut.observe(seconds) },
    jobs,
    follow: (given) => void (sources = given),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
