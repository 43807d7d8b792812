/**
 * Thousands of seat-map subscribers, over graphql-ws, spread over the API
 * processes: in this process, or in a child process of their own (`fork`) so
 * that reading their messages does not hold up, and skew the timing of, the
 * benchmark's other work in this event loop.
 *
 * Each subscriber checks that its deltas follow one another (previousVersion
 * = its last version) and remembers which deltas it got. Subscribers of one
 * window receive the same delta, and a delta from one version to another has
 * the same content whoever receives it, so each distinct delta is kept once
 * and the maps the subscribers applied are checked once per distinct history.
 * Every `sampleEvery`-th subscriber also notes when each delta arrived; the
 * report times each change from its commit, as the database logged it
 * (`readChangeTimes`), to each of those arrivals. The subscribers read only
 * the versions at the head of a message they have seen before.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';

import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import type postgres from 'postgres';

import { toGlobalId } from '../../src/relay/global-id.js';
import { SEAT_MAP_CHANGED } from '../../test/support/seat-map-watcher.js';
import { closeSockets, openSockets, subscribeOnOpen } from './sockets.js';

const VERSIONS = /"previousVersion":(\d+),"version":(\d+)/;

/** Milliseconds on a clock that every process of the machine shares. */
export const wallClock = () => performance.timeOrigin + performance.now();

export interface SeatMapSubscribersOptions {
  /** Base URLs of the API processes; subscriber i connects to urls[i % urls.length]. */
  urls: string[];
  count: number;
  eventId: string;
  sinceVersion: number;
  sampleEvery: number;
}

/** Messages received since the count started, and the sampled delivery times, in microseconds. */
export interface Delivery {
  latencies: Histogram;
  messages: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
}

export interface SubscribersReport {
  delivery: Delivery;
  /** Subscribers that got an error or a delta that did not follow their last one. */
  broken: number;
  /** Subscribers told to load the map again: their deltas alone no longer make the map. */
  resynced: number;
  /** The distinct histories without a resync: the deltas in the order received, and how many subscribers received exactly those. */
  histories: { messages: string[]; subscribers: number }[];
}

/** SEAT_MAP_LOG_VERSIONS for a benchmark's servers: the log keeps every change, and its commit time, for the report. */
export const KEEP_EVERY_VERSION = 100_000_000;

/** A change of the seat-map log: its version, the ticket's global ID, and its commit time (wallClock). */
export type ChangeTime = [version: number, ticketId: string, at: number];

/** The commit time of every change of the event still in the seat-map log (run the servers with a log as long as the run). */
export async function readChangeTimes(sql: postgres.Sql, eventId: number): Promise<ChangeTime[]> {
  const rows = await sql<{ version: string; ticketId: string; at: number }[]>`
    SELECT version, ticket_id AS "ticketId", (extract(epoch FROM changed_at) * 1000)::float8 AS at
    FROM seat_map_changes WHERE event_id = ${eventId}`;
  return rows.map((row) => [Number(row.version), toGlobalId('Ticket', Number(row.ticketId)), row.at]);
}

export interface SeatMapSubscribers {
  /** The lowest version any subscriber has reached (as of a moment ago, for forked ones). */
  lowestVersion(): number;
  /** Starts counting messages and delivery times afresh. */
  restartCount(): void;
  /** What they received; delivery latencies timed from `changes`' commit times. */
  report(changes: readonly ChangeTime[]): Promise<SubscribersReport>;
  close(): Promise<void>;
}

export async function openSeatMapSubscribers(options: SeatMapSubscribersOptions): Promise<SeatMapSubscribers> {
  const { count, sampleEvery } = options;
  const versions = new Array<number>(count).fill(options.sinceVersion);
  const histories = Array.from({ length: count }, () => [] as number[]);
  const broken = new Set<number>();
  const resynced = new Set<number>();
  /** Each distinct delta (by the versions it spans), once. */
  const deltaIds = new Map<string, number>();
  const deltas: string[] = [];
  /** When sampled subscribers received each delta: [delta id, wallClock] pairs, flat. */
  let arrivals: number[] = [];
  const freshDelivery = (): Delivery => ({ latencies: build(), messages: 0, bytes: 0, firstAt: Infinity, lastAt: 0 });
  let delivery = freshDelivery();

  const hear = (index: number, data: Buffer) => {
    const receivedAt = wallClock();
    const match = VERSIONS.exec(data.toString('latin1', 0, 160));
    if (!match || Number(match[1]) !== versions[index]) broken.add(index); // an error, or a gap
    delivery.messages++;
    delivery.bytes += data.length;
    delivery.firstAt = Math.min(delivery.firstAt, receivedAt);
    delivery.lastAt = receivedAt;
    if (!match) return;
    versions[index] = Number(match[2]);
    const key = `${match[1]}-${match[2]}`;
    let id = deltaIds.get(key);
    if (id === undefined) deltaIds.set(key, (id = deltas.push(data.toString()) - 1));
    histories[index]!.push(id);
    if (deltas[id]!.includes('"resync":true')) resynced.add(index); // a client would load the map again here
    if (index % sampleEvery === 0) arrivals.push(id, receivedAt);
  };

  const wsUrls = options.urls.map((url) => `${url.replace(/^http/, 'ws')}/graphql`);
  const byUrl = wsUrls.map((url, u) => ({ url, indexes: Array.from({ length: count }, (_, i) => i).filter((i) => i % wsUrls.length === u) }));
  const sockets = (
    await Promise.all(
      byUrl.map(({ url, indexes }) =>
        openSockets(url, indexes.length, (i, data) => hear(indexes[i]!, data), {
          protocol: 'graphql-transport-ws',
          onOpen: subscribeOnOpen(SEAT_MAP_CHANGED, { eventId: options.eventId, sinceVersion: options.sinceVersion }),
        }),
      ),
    )
  ).flat();

  return {
    lowestVersion: () => versions.reduce((lowest, version) => Math.min(lowest, version), Infinity),
    restartCount() {
      delivery = freshDelivery();
      arrivals = [];
    },
    async report(changes) {
      delivery.latencies = deliveryLatencies(deltas, arrivals, changes);
      const groups = new Map<string, { messages: string[]; subscribers: number }>();
      for (const [index, history] of histories.entries()) {
        if (resynced.has(index)) continue;
        const key = history.join(',');
        const group = groups.get(key);
        if (group) group.subscribers++;
        else groups.set(key, { messages: history.map((id) => deltas[id]!), subscribers: 1 });
      }
      return { delivery, broken: broken.size, resynced: resynced.size, histories: [...groups.values()] };
    },
    close: () => closeSockets(sockets),
  };
}

/** Messages between a forked set of subscribers and its parent. */
type ToChild = { restartCount: true } | { report: ChangeTime[] } | { close: true };
type ToParent =
  | { ready: true }
  | { lowestVersion: number | null }
  | { report: Omit<SubscribersReport, 'delivery'> & { delivery: Omit<Delivery, 'latencies'> & { latencies: string } } }
  | { closed: true };

/** The same subscribers in a child process of their own (seat-map-subscribers-child.ts). */
export async function forkSeatMapSubscribers(options: SeatMapSubscribersOptions): Promise<SeatMapSubscribers> {
  const child = fork(new URL('./seat-map-subscribers-child.ts', import.meta.url).pathname, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  let lowest = options.sinceVersion;
  const waiting: ((message: ToParent) => void)[] = [];
  child.on('message', (message: ToParent) => {
    if ('lowestVersion' in message)
      lowest = message.lowestVersion ?? Infinity; // none subscribed: Infinity, which IPC's JSON sends as null
    else waiting.shift()?.(message);
  });
  const next = () => new Promise<ToParent>((resolve) => waiting.push(resolve));
  const send = (message: ToChild) => child.send(message);
  const ready = await Promise.race([next(), exited.then(() => undefined)]);
  if (!ready) throw new Error('the subscriber process exited before its subscribers were in');
  return {
    lowestVersion: () => lowest,
    restartCount: () => send({ restartCount: true }),
    async report(changes) {
      const answer = next();
      send({ report: [...changes] });
      const { report } = (await answer) as Extract<ToParent, { report: unknown }>;
      return { ...report, delivery: { ...report.delivery, latencies: decodeFromCompressedBase64(report.delivery.latencies) as Histogram } };
    },
    async close() {
      if (child.exitCode !== null) return;
      send({ close: true });
      await exited;
    },
  };
}

/** Runs in the child: opens the subscribers, then serves the parent's messages. */
export async function serveForkedSubscribers(options: SeatMapSubscribersOptions): Promise<void> {
  const subscribers = await openSeatMapSubscribers(options);
  const tell = (message: ToParent) => process.send!(message);
  const progress = setInterval(() => tell({ lowestVersion: subscribers.lowestVersion() }), 100);
  tell({ ready: true });
  process.on('message', async (message: ToChild) => {
    if ('restartCount' in message) subscribers.restartCount();
    else if ('report' in message) {
      const report = await subscribers.report(message.report);
      tell({ report: { ...report, delivery: { ...report.delivery, latencies: encodeIntoCompressedBase64(report.delivery.latencies) } } });
    } else {
      clearInterval(progress);
      await subscribers.close();
      process.disconnect();
    }
  });
}

/**
 * Each arrival's delay after the commit of each change it carried, in
 * microseconds. A delta from version p to v carries a ticket's last change
 * in (p, v]: its commit time is that version's.
 */
function deliveryLatencies(deltas: readonly string[], arrivals: readonly number[], changes: readonly ChangeTime[]): Histogram {
  const byTicket = new Map<string, { versions: number[]; at: number[] }>();
  for (const [version, ticketId, at] of [...changes].sort((a, b) => a[0] - b[0])) {
    let ticket = byTicket.get(ticketId);
    if (!ticket) byTicket.set(ticketId, (ticket = { versions: [], at: [] }));
    ticket.versions.push(version);
    ticket.at.push(at);
  }
  const commitTimes = new Map<number, number[]>();
  const commitTimesOf = (id: number): number[] => {
    let times = commitTimes.get(id);
    if (times) return times;
    const { previousVersion, version, changes: carried } = JSON.parse(deltas[id]!).payload.data.seatMapChanged;
    times = [];
    for (const { ticketId } of carried as { ticketId: string }[]) {
      const ticket = byTicket.get(ticketId);
      if (!ticket) continue;
      const last = lastAtMost(ticket.versions, version);
      if (last >= 0 && ticket.versions[last]! > previousVersion) times.push(ticket.at[last]!);
    }
    commitTimes.set(id, times);
    return times;
  };
  const latencies = build();
  for (let i = 0; i < arrivals.length; i += 2) {
    for (const at of commitTimesOf(arrivals[i]!)) latencies.recordValue(Math.max(0, Math.round((arrivals[i + 1]! - at) * 1000)));
  }
  return latencies;
}

/** The index of the last of `sorted` that is at most `value`; -1 if none is. */
function lastAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** Applies the deltas of `messages` to `statuses` (ticket ID → status), in order; returns the map. */
export function applyDeltas(statuses: Map<string, string>, messages: readonly string[]): Map<string, string> {
  const applied = new Map(statuses);
  for (const message of messages) {
    for (const change of JSON.parse(message).payload.data.seatMapChanged.changes as { ticketId: string; status: string }[]) {
      applied.set(change.ticketId, change.status);
    }
  }
  return applied;
}

/** p50, p95, p99 and max of a histogram of microseconds, in milliseconds. */
export function latencySpread(histogram: Histogram) {
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    max: ms(histogram.maxValue),
  };
}
