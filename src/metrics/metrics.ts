/**
 * The process's Prometheus metrics (prom-client), in a registry of their own
 * that server.ts builds and wires: Node's default metrics (event-loop lag,
 * heap, GC), GraphQL requests and errors (plugin.ts), booking's sales
 * (through booking's BookingSignals port, so no domain imports prom-client),
 * and gauges read at scrape time.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { BookingSignals } from '../booking/booking.js';

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
}

export interface Metrics {
  /** Records a finished GraphQL request over HTTP. */
  request(operationName: string | null | undefined, outcome: Outcome, seconds: number): void;
  /** Counts a GraphQL error answered, by its `extensions.code`, over HTTP or WebSocket. */
  error(code: string): void;
  /** Booking's port, counting holds, sales and cancellations. */
  readonly booking: BookingSignals;
  /** Gives the gauges read at scrape time their sources, once what they read exists. */
  follow(sources: MetricsSources): void;
  /** The Prometheus text exposition of every metric, and its content type. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

/** Request durations in seconds: from a cached read's few ms to the 10 s deadline. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

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
  let sources: MetricsSources | undefined;
  new Gauge({
    name: 'graphql_ws_sockets',
    help: 'GraphQL WebSockets open in this process.',
    registers,
    collect() {
      this.set(sources?.webSockets() ?? 0);
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
    follow: (given) => void (sources = given),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
