/**
 * One run of the queue in bench:notifications: an API server in its own
 * process (as `npm start` runs it, JOB_CONCURRENCY workers, the notifier
 * polling every NOTIFY_INTERVAL_MS, default 250) on a fresh database, sending
 * to a counting SMTP receiver (notifications-receiver.ts). The bench commits
 * confirmed bookings with their outbox messages by SQL
 * (notifications-bookings.ts) in three phases, each waited out before the
 * next:
 *
 *   warm-up  a few bookings, one a transaction: the server's code is loaded
 *            and its connections open (not in the figures)
 *   paced    bookings one a transaction at a steady rate the queue keeps up
 *            with: the delay from a booking's commit to the acceptance of its
 *            e-mail when nothing waits in line
 *   burst    many bookings committed at once (`perCommit` a transaction, back
 *            to back): the queue's throughput, from the receiver's first
 *            acceptance to its last, and the delays of a backlog
 *
 * Then it checks that every booking got exactly one e-mail (by Message-ID,
 * `<notification-<id>@host>`), that nothing else arrived, that every
 * notification is SENT and that no job is left; it throws otherwise.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import postgres from 'postgres';

import { TEST_SECRETS } from '../../test/support/server.js';
import { startServerProcess } from '../../test/support/server-process.js';
import type { Cleanups } from './cleanups.js';
import { openBenchDatabase } from './database.js';
import { type CommitTimes, createBenchSale, sell } from './notifications-bookings.js';
import { type Acceptance, forkMailReceiver, meanKiB } from './notifications-receiver.js';
import { cpuSeconds } from './report.js';
import { round, spread } from './stats.js';

export interface QueueRunOptions {
  /** What the run must undo (its database, server and receiver). */
  cleanups: Cleanups;
  /** The server's JOB_CONCURRENCY. */
  concurrency: number;
  /** Bookings of the warm-up. */
  warmUp: number;
  /** Bookings of the paced phase, and their rate a second. */
  paced: number;
  pacedPerSecond: number;
  /** Bookings of the burst, and how many a transaction. */
  burst: number;
  perCommit: number;
  /** The server's PUBLIC_URL: the Message-IDs' host. */
  publicUrl: string;
  /** Give up waiting for a phase's e-mails after this long. */
  timeoutMs: number;
}

/** Delays from commit to acceptance, in ms. */
export type Delays = ReturnType<typeof spread>;

/**
 * Where a phase's delay goes, medians in ms, from the notifications' own
 * times (the server's clock, the bench's machine): commit → taken by the
 * notifier (`created_at`: its poll), → composed and rendered (`last_attempt_at`,
 * recorded just before the mail server is called: the wait for a worker, the
 * job's reads, the QR images), → accepted by the mail server.
 */
export interface Stages {
  toNotifierMs: number;
  toRenderedMs: number;
  toAcceptedMs: number;
}

export interface QueueRunResult {
  concurrency: number;
  paced: { bookings: number; perSecond: number; delayMs: Delays; stages: Stages };
  burst: {
    bookings: number;
    /** How long committing them took. */
    commitSeconds: number;
    /** From the first acceptance to the last. */
    sendSeconds: number;
    /** Messages a second from the first acceptance to the last. */
    perSecond: number;
    delayMs: Delays;
    stages: Stages;
    /** The API server's CPU time per message, in ms, over the burst (notifier, queue, composing, rendering, sending). */
    serverCpuMs: number;
    /** The machine's CPUs busy over the burst, as a share of all of them (everything running counts). */
    machineBusy: number;
  };
  /** Mean size of an e-mail as the receiver took it, in KiB. */
  messageKiB: number;
  /** What the checks found: e-mails per booking, notifications by status, jobs left. */
  checks: { bookings: number; emails: number; duplicates: number; unknown: number; missing: number; notSent: number; jobsLeft: number };
  postgres: { kind: string; version: string; host?: string };
}

/** Buyers the bookings go to, in turn. */
const BUYERS = 500;

export async function benchQueue(options: QueueRunOptions): Promise<QueueRunResult> {
  const { cleanups, concurrency, warmUp, paced, pacedPerSecond, burst, perCommit, publicUrl, timeoutMs } = options;
  const database = await openBenchDatabase(`notifications-${concurrency}`, cleanups);
  const receiver = await forkMailReceiver();
  cleanups.add(() => receiver.close());
  const server = await startServerProcess({
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    ...TEST_SECRETS,
    SMTP_URL: receiver.url,
    PUBLIC_URL: publicUrl,
    JOB_CONCURRENCY: String(concurrency),
  });
  cleanups.add(() => server.stop());
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  cleanups.add(() => sql.end());

  const sale = await createBenchSale(sql, warmUp + paced + burst, BUYERS);
  await sql`ANALYZE tickets`; // the sale's seats, known to the planner as a real event's are by its sale
  const phase = async (first: number, count: number, perSecond: number, commitSize: number) => {
    const committed = await sell(sql, sale, { first, count, perCommit: commitSize, perSecond });
    await receiver.untilAccepted(first + count, timeoutMs);
    return committed;
  };

  await phase(0, warmUp, 0, 1);
  const pacedCommits = await phase(warmUp, paced, pacedPerSecond, 1);

  const serverCpu = await cpuSeconds(server.pid);
  const machineCpu = os.cpus();
  const burstStarted = performance.now();
  const burstCommits = await sell(sql, sale, { first: warmUp + paced, count: burst, perCommit, perSecond: 0 });
  const commitSeconds = (performance.now() - burstStarted) / 1000;
  await receiver.untilAccepted(warmUp + paced + burst, timeoutMs);
  const serverCpuMs = (((await cpuSeconds(server.pid)) - serverCpu) * 1000) / burst;
  const machineBusy = busyShare(machineCpu, os.cpus());

  // The receiver's acceptance comes before the job records the notification SENT.
  const { notSent, jobsLeft } = await settled(sql, timeoutMs);
  const notifications = await sql<Notification[]>`
    SELECT id::integer, booking_id::integer AS "bookingId", created_at AS "createdAt", last_attempt_at AS "attemptedAt" FROM notifications`;
  const acceptedOf = acceptancesByBooking(receiver.accepted, notifications, publicUrl);
  const bookings = warmUp + paced + burst;
  const emails = [...acceptedOf.byBooking.values()].reduce((sum, accepted) => sum + accepted.length, 0);
  const checks = {
    bookings,
    emails,
    duplicates: [...acceptedOf.byBooking.values()].filter((accepted) => accepted.length > 1).length,
    unknown: acceptedOf.unknown,
    missing: bookings - acceptedOf.byBooking.size,
    notSent,
    jobsLeft,
  };
  if (checks.duplicates + checks.unknown + checks.missing + checks.notSent + checks.jobsLeft > 0 || notifications.length !== bookings)
    throw new Error(
      `JOB_CONCURRENCY=${concurrency}: not one e-mail per booking, all SENT: ${JSON.stringify({ ...checks, notifications: notifications.length })}`,
    );

  const burstAccepted = [...burstCommits.keys()].map((id) => acceptedOf.byBooking.get(id)![0]!.at).sort((a, b) => a - b);
  const sendSeconds = (burstAccepted.at(-1)! - burstAccepted[0]!) / 1000;
  return {
    concurrency,
    paced: {
      bookings: paced,
      perSecond: pacedPerSecond,
      delayMs: spread(delays(pacedCommits, acceptedOf.byBooking)),
      stages: stages(pacedCommits, acceptedOf.byBooking, notifications),
    },
    burst: {
      bookings: burst,
      commitSeconds: round(commitSeconds, 2),
      sendSeconds: round(sendSeconds, 2),
      perSecond: round((burst - 1) / sendSeconds),
      delayMs: spread(delays(burstCommits, acceptedOf.byBooking)),
      stages: stages(burstCommits, acceptedOf.byBooking, notifications),
      serverCpuMs: round(serverCpuMs, 2),
      machineBusy: round(machineBusy, 2),
    },
    messageKiB: meanKiB(receiver.accepted),
    checks,
    postgres: database.postgres,
  };
}

/** Waits until no notification is QUEUED and no job is left, or `timeoutMs` passed; answers what is left. */
async function settled(sql: postgres.Sql, timeoutMs: number): Promise<{ notSent: number; jobsLeft: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [left] = await sql<[{ notSent: number; jobsLeft: number }]>`
      SELECT (SELECT count(*) FROM notifications WHERE status <> 'SENT')::integer AS "notSent",
             (SELECT count(*) FROM graphile_worker.jobs)::integer AS "jobsLeft"`;
    if ((left.notSent === 0 && left.jobsLeft === 0) || performance.now() > deadline) return left;
    await sleep(50);
  }
}

/** The acceptances of each booking's e-mails, by booking id, through the notification its Message-ID names; and how many named none. */
function acceptancesByBooking(accepted: readonly Acceptance[], notifications: readonly { id: number; bookingId: number }[], publicUrl: string) {
  const bookingOf = new Map(notifications.map((notification) => [notification.id, notification.bookingId]));
  const pattern = new RegExp(`^<notification-(\\d+)@${new URL(publicUrl).hostname.replace(/\./g, '\\.')}>$`);
  const byBooking = new Map<number, Acceptance[]>();
  let unknown = 0;
  for (const acceptance of accepted) {
    const bookingId = bookingOf.get(Number(pattern.exec(acceptance.messageId)?.[1]));
    if (bookingId === undefined) {
      unknown++;
      continue;
    }
    const list = byBooking.get(bookingId) ?? [];
    list.push(acceptance);
    byBooking.set(bookingId, list);
  }
  return { byBooking, unknown };
}

interface Notification {
  id: number;
  bookingId: number;
  createdAt: Date;
  attemptedAt: Date;
}

/** The median of each stage of the bookings' delays (see Stages). */
function stages(committed: CommitTimes, byBooking: Map<number, Acceptance[]>, notifications: readonly Notification[]): Stages {
  const ofBooking = new Map(notifications.map((notification) => [notification.bookingId, notification]));
  const rows = [...committed].map(([bookingId, committedAt]) => {
    const { createdAt, attemptedAt } = ofBooking.get(bookingId)!;
    return { committedAt, taken: createdAt.getTime(), rendered: attemptedAt.getTime(), accepted: byBooking.get(bookingId)![0]!.at };
  });
  const median = (values: number[]) => spread(values).p50;
  return {
    toNotifierMs: median(rows.map((row) => row.taken - row.committedAt)),
    toRenderedMs: median(rows.map((row) => row.rendered - row.taken)),
    toAcceptedMs: median(rows.map((row) => row.accepted - row.rendered)),
  };
}

/** Each booking's delay from its commit to its e-mail's acceptance, in ms. */
function delays(committed: CommitTimes, byBooking: Map<number, Acceptance[]>): number[] {
  return [...committed].map(([bookingId, committedAt]) => byBooking.get(bookingId)![0]!.at - committedAt);
}

/** The share of the machine's CPU time that was busy between two readings of os.cpus(). */
function busyShare(before: os.CpuInfo[], after: os.CpuInfo[]): number {
  let busy = 0;
  let total = 0;
  for (const [i, cpu] of after.entries()) {
    const was = before[i]!.times;
    const { user, nice, sys, idle, irq } = cpu.times;
    const spent = user - was.user + (nice - was.nice) + (sys - was.sys) + (irq - was.irq);
    busy += spent;
    total += spent + (idle - was.idle);
  }
  return total > 0 ? busy / total : 0;
}
