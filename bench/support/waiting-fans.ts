/**
 * The waiting room's fans (bench:onsale --waiting-room): each, logged in and
 * joined, holds a graphql-ws `queuePassChanged` subscription on its own
 * socket to the API process it buys from, in child processes of their own
 * (`fork`, FANS_PER_CHILD sockets each), as seat-map-subscribers.ts does, so
 * that reading their pushes neither holds up nor skews the timing of the
 * buyers in the benchmark's event loop. A child tells the parent each fan's
 * admission (its admission token) as the push arrives.
 *
 * Queue-update delivery. Every push showing a fan a new position, or its
 * admission, is timed from the admitter round it reflects: the round that
 * moved the serving number to what the push shows. The serving number a
 * waiting push reflects is the fan's queue number minus its position (no fan
 * of the benchmark leaves while waiting, so none is skipped), and that round's
 * time is the admission time of the pass with that number (the admitter's
 * clock, which stamps every pass it admits in a round alike); an admission's
 * push is timed from the fan's own admission. The numbers and admission
 * times come from the queue's store after the run (readQueuePasses). Pushes
 * before the first admission (the pre-queue, and the draw's first positions
 * when the round admitted no one) have no round to time from: counted apart.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';

import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import type { Redis } from 'ioredis';
import type postgres from 'postgres';

import { fromGlobalId } from '../../src/relay/global-id.js';
import { wallClock } from './seat-map-subscribers.js';
import { closeSockets, openSockets } from './sockets.js';

export const JOIN_ROOM = `mutation ($input: JoinWaitingRoomInput!) { joinWaitingRoom(input: $input) { pass { id status joinedAt } userErrors { code } } }`;
const PASS_CHANGED = `subscription ($eventId: ID!) { queuePassChanged(eventId: $eventId) { status position estimatedWaitSeconds admissionToken admittedUntil } }`;

/** Sockets per child process: the seat-map subscribers' child holds as many. */
const FANS_PER_CHILD = 5_000;

/** A fan for a child: its index among the fans (which process it uses, as its buyer does) and its session token. */
export type Fan = [index: number, token: string];

/** A fan let in: its index, and the admission token its pass carried. */
export interface Admission {
  index: number;
  admissionToken: string;
}

/** What the fans saw, once the run is over. */
export interface FansReport {
  /** Each timed push's delay after the admitter round it reflects, in microseconds. */
  latencies: Histogram;
  /** Pushes showing a new position or an admission. */
  pushes: number;
  /** Of those, pushes before any admission: no round to time from. */
  untimed: number;
  /** Fans whose position went up between two pushes: must be 0. */
  positionsWentUp: number;
  /** Fans whose subscription ended in an error, or whose socket closed early. */
  broken: number;
}

/** A pass as the queue's store keeps it, for the report: when it joined, its number, and when it was admitted (ms since the epoch). */
export interface StoredPass {
  passId: number;
  number: number | null;
  joinedAt: number;
  admittedAt: number | null;
}

/** Messages between a child and its parent. */
type ToChild = { fans: Fan[] } | { report: { numbers: (number | null)[]; admittedAtByNumber: (number | null)[] } } | { close: true };
type ToParent =
  { subscribed: number } | { admitted: [index: number, admissionToken: string] } | { report: Omit<FansReport, 'latencies'> & { latencies: string } };

export interface WaitingFansOptions {
  /** Base URLs of the API processes; fan i connects to urls[i % urls.length]. */
  urls: string[];
  /** The event (a global ID). */
  eventId: string;
}

export interface WaitingFans {
  /** Opens the fans' subscriptions; resolves once each has had its first push (the pass as it is now). */
  subscribe(fans: readonly Fan[]): Promise<void>;
  /** Called with each fan admitted, as its push arrives. */
  onAdmitted(listener: (admission: Admission) => void): void;
  /** Each push timed against the store's passes: `passIdOf[i]` is fan i's pass. */
  report(passIdOf: readonly number[], passes: readonly StoredPass[]): Promise<FansReport>;
  close(): Promise<void>;
}

/** Fans in child processes (waiting-fans-child.ts), FANS_PER_CHILD to a child, fan i in child ⌊i / FANS_PER_CHILD⌋. */
export async function forkWaitingFans(options: WaitingFansOptions, fanCount: number): Promise<WaitingFans> {
  let listener: (admission: Admission) => void = () => {};
  const children = Array.from({ length: Math.ceil(fanCount / FANS_PER_CHILD) }, () => {
    const child = fork(new URL('./waiting-fans-child.ts', import.meta.url).pathname, [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = once(child, 'exit');
    const waiting: ((message: ToParent) => void)[] = [];
    child.on('message', (message: ToParent) => {
      if ('admitted' in message) {
        const [index, admissionToken] = message.admitted;
        listener({ index, admissionToken });
      } else waiting.shift()?.(message);
    });
    /** The child's next answer; rejects if it exits first. */
    const ask = async (message: ToChild): Promise<ToParent> => {
      const answer = new Promise<ToParent>((resolve) => waiting.push(resolve));
      child.send(message);
      const answered = await Promise.race([answer, exited.then(() => undefined)]);
      if (!answered) throw new Error('a waiting-fans process exited');
      return answered;
    };
    return { child, exited, ask };
  });
  const childOf = (index: number) => children[Math.floor(index / FANS_PER_CHILD)]!;

  return {
    async subscribe(fans) {
      await Promise.all(
        children.map(async (child) => {
          const own = fans.filter(([index]) => childOf(index) === child);
          if (own.length > 0) await child.ask({ fans: own });
        }),
      );
    },
    onAdmitted: (admitted) => void (listener = admitted),
    async report(passIdOf, passes) {
      const byId = new Map(passes.map((pass) => [pass.passId, pass]));
      const numbers = passIdOf.map((passId) => byId.get(passId)?.number ?? null);
      const admittedAtByNumber: (number | null)[] = [];
      for (const pass of passes) if (pass.number !== null) admittedAtByNumber[pass.number] = pass.admittedAt;
      const reports = await Promise.all(
        children.map(async ({ ask }) => {
          const { report } = (await ask({ report: { numbers, admittedAtByNumber } })) as Extract<ToParent, { report: unknown }>;
          return { ...report, latencies: decodeFromCompressedBase64(report.latencies) as Histogram };
        }),
      );
      const latencies = build();
      for (const report of reports) latencies.add(report.latencies);
      const sum = (field: 'pushes' | 'untimed' | 'positionsWentUp' | 'broken') => reports.reduce((total, report) => total + report[field], 0);
      return { latencies, pushes: sum('pushes'), untimed: sum('untimed'), positionsWentUp: sum('positionsWentUp'), broken: sum('broken') };
    },
    async close() {
      await Promise.all(
        children.map(async ({ child, exited }) => {
          if (child.exitCode !== null) return;
          child.send({ close: true } satisfies ToChild);
          await exited;
        }),
      );
    },
  };
}

/** What a child remembers of a fan: each push that showed a new position (-1 once admitted), and when it arrived. */
interface FanPushes {
  positions: number[];
  at: number[];
  /** The last position shown; null in the pre-queue. */
  last: number | null;
  /** Whether its first push (the pass as it was on subscribing) has come. */
  subscribed: boolean;
  broken: boolean;
}

const ADMITTED = -1;

/** Runs in a child: opens its fans' subscriptions as the parent sends them, and serves its messages. */
export async function serveWaitingFans(options: WaitingFansOptions): Promise<void> {
  const tell = (message: ToParent) => process.send!(message);
  const wsUrls = options.urls.map((url) => `${url.replace(/^http/, 'ws')}/graphql`);
  const pushes = new Map<number, FanPushes>();
  const sockets: Awaited<ReturnType<typeof openSockets>> = [];
  /** Called once per fan, at its first push. */
  let firstPush = () => {};

  const hear = (index: number, data: Buffer) => {
    const receivedAt = wallClock();
    const fan = pushes.get(index)!;
    const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: { queuePassChanged?: Record<string, any> } } };
    const pass = message.payload?.data?.queuePassChanged;
    if (message.type !== 'next' || !pass) {
      if (message.type !== 'complete') fan.broken = true;
      return;
    }
    if (!fan.subscribed) {
      fan.subscribed = true;
      firstPush();
    }
    if (pass.status === 'ADMITTED') {
      if (fan.last === ADMITTED) return;
      fan.positions.push(ADMITTED);
      fan.at.push(receivedAt);
      fan.last = ADMITTED;
      tell({ admitted: [index, pass.admissionToken as string] });
    } else if (pass.status === 'WAITING' && pass.position !== null && pass.position !== fan.last) {
      fan.positions.push(pass.position as number);
      fan.at.push(receivedAt);
      fan.last = pass.position as number;
    }
  };

  async function open(fans: Fan[]): Promise<void> {
    let waitingFor = fans.length;
    const subscribed = new Promise<void>((resolve) => (firstPush = () => --waitingFor === 0 && resolve()));
    for (const [index] of fans) pushes.set(index, { positions: [], at: [], last: null, subscribed: false, broken: false });
    const opened = await Promise.all(
      wsUrls.map((url, u) => {
        const own = fans.filter(([index]) => index % wsUrls.length === u);
        return openSockets(url, own.length, (i, data) => hear(own[i]![0], data), {
          protocol: 'graphql-transport-ws',
          onOpen: async (socket, i) => {
            socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${own[i]![1]}` } }));
            const [ack] = (await once(socket, 'message')) as [Buffer];
            if (JSON.parse(ack.toString()).type !== 'connection_ack') throw new Error(`expected connection_ack, got ${ack.toString()}`);
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: PASS_CHANGED, variables: { eventId: options.eventId } } }));
          },
        });
      }),
    );
    sockets.push(...opened.flat());
    await subscribed;
  }

  /** Each push's delay after the round it reflects (see the top of this file). */
  function report(numbers: readonly (number | null)[], admittedAtByNumber: readonly (number | null)[]): FansReport {
    const latencies = build();
    let timed = 0;
    let untimed = 0;
    let positionsWentUp = 0;
    let broken = 0;
    for (const [index, fan] of pushes) {
      if (fan.broken) broken++;
      const number = numbers[index];
      let previous = Infinity;
      for (const [k, position] of fan.positions.entries()) {
        if (position !== ADMITTED && position > previous) positionsWentUp++;
        if (position !== ADMITTED) previous = position;
        const serving = number === null || number === undefined ? 0 : position === ADMITTED ? number : number - position;
        const roundAt = serving > 0 ? admittedAtByNumber[serving] : null;
        if (roundAt === null || roundAt === undefined) {
          untimed++;
          continue;
        }
        timed++;
        latencies.recordValue(Math.max(0, Math.round((fan.at[k]! - roundAt) * 1000)));
      }
    }
    return { latencies, pushes: timed + untimed, untimed, positionsWentUp, broken };
  }

  process.on('message', async (message: ToChild) => {
    if ('fans' in message) {
      await open(message.fans);
      tell({ subscribed: message.fans.length });
    } else if ('report' in message) {
      const done = report(message.report.numbers, message.report.admittedAtByNumber);
      tell({ report: { ...done, latencies: encodeIntoCompressedBase64(done.latencies) } });
    } else {
      await closeSockets(sockets);
      process.disconnect();
    }
  });
}

/**
 * The event's passes as the queue's store keeps them: queue_passes on
 * PostgreSQL; on Redis, each pass's hash (the admission time is its
 * admittedUntil less the room's admission time, which the admitter adds to
 * its clock). `passIds` are the passes to read (the benchmark's fans').
 */
export async function readQueuePasses(
  sql: postgres.Sql,
  store: { redis: Redis; prefix: string } | undefined,
  eventId: number,
  passIds: readonly number[],
  admissionTtlSeconds: number,
): Promise<StoredPass[]> {
  if (!store) {
    const rows = await sql<{ id: string; number: number | null; joinedAt: number; admittedAt: number | null }[]>`
      SELECT id, number, (extract(epoch FROM joined_at) * 1000)::float8 AS "joinedAt", (extract(epoch FROM admitted_at) * 1000)::float8 AS "admittedAt"
      FROM queue_passes WHERE event_id = ${eventId}`;
    return rows.map((row) => ({ passId: Number(row.id), number: row.number, joinedAt: row.joinedAt, admittedAt: row.admittedAt }));
  }
  const pipeline = store.redis.pipeline();
  for (const passId of passIds) pipeline.hmget(`${store.prefix}waiting-room:pass:${passId}`, 'number', 'joinedAt', 'admittedUntil');
  const replies = (await pipeline.exec())!;
  return passIds.map((passId, i) => {
    const [error, fields] = replies[i]!;
    if (error) throw error;
    const [number, joinedAt, admittedUntil] = fields as (string | null)[];
    return {
      passId,
      number: number === null ? null : Number(number),
      joinedAt: Number(joinedAt),
      admittedAt: admittedUntil === null ? null : Number(admittedUntil) - admissionTtlSeconds * 1000,
    };
  });
}

/** A pass's number from its global ID. */
export const passIdOf = (globalId: string) => fromGlobalId(globalId).id;

/**
 * Order inversions among `passes`: pairs where one fan joined before
 * another who joined after the sale opened (`onSaleAt`), yet the later one
 * was admitted first (by admission time, then by number, the order the
 * admitter lets a round's passes in). A pass never admitted counts as
 * admitted after every admitted one. Pairs that both joined before the
 * opening are not inversions: the pre-queue is drawn at random on purpose.
 */
export function orderInversions(passes: readonly StoredPass[], onSaleAt: number): { inversions: number; lateJoiners: number; widestMs: number } {
  const rank = (pass: StoredPass): [number, number] => [pass.admittedAt ?? Infinity, pass.number ?? Infinity];
  const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const late = passes.filter((pass) => pass.joinedAt >= onSaleAt).sort((a, b) => a.joinedAt - b.joinedAt);
  const early = passes.filter((pass) => pass.joinedAt < onSaleAt);
  let inversions = 0;
  /** The most time by which a fan passed by joined before the one who passed them: how wide a race it was. */
  let widestMs = 0;
  const passedBy = (pass: StoredPass, other: StoredPass) => {
    inversions++;
    widestMs = Math.max(widestMs, pass.joinedAt - other.joinedAt);
  };
  for (const [i, pass] of late.entries()) {
    if (pass.admittedAt === null) continue; // never admitted: it passed no one
    const own = rank(pass);
    // Everyone who joined earlier: the whole pre-queue, and the late joiners before it.
    for (const other of early) if (before(own, rank(other))) passedBy(pass, other);
    for (let j = 0; j < i; j++) if (late[j]!.joinedAt < pass.joinedAt && before(own, rank(late[j]!))) passedBy(pass, late[j]!);
  }
  return { inversions, lateJoiners: late.length, widestMs };
}
