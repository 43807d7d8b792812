/**
 * The job runner (src/jobs/): leaderOnly hands the rounds over between two
 * processes on one database when the leader lets go or its connection dies;
 * pollLoop backs off within its bounds, with jitter, never runs two rounds at
 * once and stops only once the round under way is over; the lifecycle starts
 * nothing before start() and stops the jobs in reverse order. The loops'
 * waits are the test's: it records them and ends them when it chooses.
 */
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { holdSweeperLock } from '../src/db/advisory-locks.js';
import type { Sql } from '../src/db/client.js';
import { leaderOnly } from '../src/jobs/leader-only.js';
import { createJobs, type Job } from '../src/jobs/lifecycle.js';
import { pollLoop, type PollLoopOptions } from '../src/jobs/poll-loop.js';
import { useTestDatabase } from './support/fixture.js';

const LOST_LEADERSHIP = 'lost the leader session (the lock went with it); standing for election again';

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) };
}

describe('leaderOnly', () => {
  const { database } = useTestDatabase();
  const { lines, logger } = recordingLogger();
  /** Two "processes": a pool each, told apart in pg_stat_activity. */
  let pools: { a: Sql; b: Sql };

  beforeAll(() => {
    const pool = (name: string) => postgres(database.url, { max: 2, connection: { application_name: `leader-${name}` }, onnotice: () => {} });
    pools = { a: pool('a'), b: pool('b') };
  });
  afterAll(async () => {
    // Closed after a second at most: a pool holding a reserved connection whose backend a test killed once waited past the
    // hook's two minutes under CI's load (every test had passed); the tests above check what the leaders hold.
    await Promise.all(Object.values(pools ?? {}).map((sql) => sql.end({ timeout: 1 })));
  });

  /** A candidate in each process, whose round answers with its name. */
  const candidate = (name: 'a' | 'b') => leaderOnly(holdSweeperLock, async () => name, { sql: pools[name], job: `job of ${name}`, logger });

  it('runs the rounds in one process only, until it lets go; then the other takes over', async () => {
    const [a, b] = [candidate('a'), candidate('b')];
    try {
      expect([await a.tick(), await b.tick(), await a.tick()]).toEqual(['a', undefined, 'a']);
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
      await a.release();
      expect([await b.tick(), await a.tick()]).toEqual(['b', undefined]); // released for good: a stands no more
      expect([a.isLeader(), b.isLeader()]).toEqual([false, true]);
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });

  it("hands over when the leader's connection dies; the old leader finds out and stands again, without leading", async () => {
    const [a, b] = [candidate('a'), candidate('b')];
    try {
      expect([await a.tick(), await b.tick()]).toEqual(['a', undefined]);
      await database.sql`SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = 'leader-a'`;
      await vi.waitFor(async () => expect(await b.tick()).toBe('b'), { timeout: 5_000 });
      expect(a.isLeader()).toBe(true); // as far as it knows
      expect(await a.tick()).toBeUndefined();
      expect([a.isLeader(), b.isLeader()]).toEqual([false, true]);
      expect(lines.filter((line) => line.msg === LOST_LEADERSHIP).map((line) => line.job)).toEqual(['job of a']);
      await b.release();
      expect(await a.tick()).toBe('a'); // its pool reconnected: it leads again
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });
});

describe('pollLoop', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /**
   * A loop (every 1 s; backoff from 100 ms to 1.6 s) whose waits are recorded
   * in `waits`; `next()` ends the wait planned last and waits for its round.
   */
  function loopOf<T>(options: Pick<PollLoopOptions<T>, 'round'> & Partial<PollLoopOptions<T>>) {
    const waits: number[] = [];
    let due: (() => void) | undefined;
    const loop = pollLoop<T>({
      job: 'test',
      logger: pino({ level: 'silent' }),
      intervalMs: 1_000,
      backoff: { firstMs: 100, maxMs: 1_600 },
      ...options,
      defer(ms, run) {
        waits.push(ms);
        due = run;
        return () => void (due = undefined);
      },
    });
    async function next(): Promise<void> {
      if (!due) throw new Error('no round is planned');
      due();
      await loop.tick().catch(() => {}); // joins the round just begun
    }
    return { loop, waits, next };
  }

  /** A round that fails while `failing.now`, and counts its runs. */
  function flaky() {
    const failing = { now: true, runs: 0 };
    const round = async () => {
      failing.runs++;
      if (failing.now) throw new Error('the backend is down');
      return failing.runs;
    };
    return { failing, round };
  }

  it('backs off from firstMs, doubling up to maxMs, each wait between half and all of that; a success resets it', async () => {
    const { failing, round } = flaky();
    const { loop, waits, next } = loopOf({ round, jitter: true });
    loop.start();
    for (let i = 0; i < 7; i++) await next();
    failing.now = false;
    await next();
    failing.now = true;
    await next();
    await loop.stop();
    const ceilings = [100, 200, 400, 800, 1_600, 1_600, 1_600];
    expect(waits[0]).toBe(1_000); // the first round: one interval after start
    expect(waits.slice(1, 8).map((ms, i) => ms >= ceilings[i]! / 2 && ms <= ceilings[i]!)).toEqual(Array(7).fill(true));
    expect(waits[8]).toBe(1_000); // after a success, one interval
    expect(waits[9]).toBeGreaterThanOrEqual(50);
    expect(waits[9]).toBeLessThanOrEqual(100); // and the failures counted from the first again
  });

  it('spreads each wait over its upper half at random with jitter, and waits the whole of it without', async () => {
    const waitsWith = async (jitter: boolean, random: number) => {
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const { loop, waits, next } = loopOf({ round: flaky().round, jitter });
      loop.start();
      for (let i = 0; i < 4; i++) await next();
      await loop.stop();
      return waits;
    };
    expect(await waitsWith(true, 0)).toEqual([1_000, 50, 100, 200, 400]);
    expect(await waitsWith(true, 1 - Number.EPSILON)).toEqual([1_000, 100, 200, 400, 800]);
    expect(await waitsWith(false, 0)).toEqual([1_000, 100, 200, 400, 800]);
  });

  it('waits at most databaseMaxMs while the database is unreachable, logging that at debug and other failures as asked', async () => {
    let databaseDown = true;
    const round = async () => {
      throw databaseDown ? Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) : new Error('the backend is down');
    };
    const { lines, logger } = recordingLogger();
    const { loop, waits, next } = loopOf({
      round,
      logger,
      backoff: { firstMs: 100, maxMs: 1_600, databaseMaxMs: 300 },
      failure: { level: 'warn', message: 'it failed' },
    });
    loop.start();
    for (let i = 0; i < 4; i++) await next();
    databaseDown = false;
    await next();
    await loop.stop();
    expect(waits).toEqual([1_000, 100, 200, 300, 300, 1_600]);
    expect(lines.map((line) => [line.level, line.msg, line.job, line.retryInMs])).toEqual([
      [20, 'round failed: the database is unavailable', 'test', 100],
      [20, 'round failed: the database is unavailable', 'test', 200],
      [20, 'round failed: the database is unavailable', 'test', 300],
      [20, 'round failed: the database is unavailable', 'test', 300],
      [40, 'it failed', 'test', 1_600],
    ]);
  });

  it('runs nothing before start, and with an interval of 0 no round of its own; tick() runs one all the same', async () => {
    const round = vi.fn(async () => 7);
    const { loop, waits } = loopOf({ round, startAtOnce: true });
    loop.retrySoon();
    expect([waits, round.mock.calls.length]).toEqual([[], 0]);
    expect(await loop.tick()).toBe(7);
    expect(waits).toEqual([]); // not started: no round planned after it
    loop.start();
    expect(round).toHaveBeenCalledTimes(2); // startAtOnce
    await loop.stop();

    const off = loopOf({ round, intervalMs: 0, startAtOnce: true });
    off.loop.start();
    expect(round).toHaveBeenCalledTimes(2);
    expect(await off.loop.tick()).toBe(7);
    await off.loop.stop();
    expect(off.waits).toEqual([]);
  });

  it('never runs two rounds at once: tick() joins the round under way; stop() waits for it, and plans none after', async () => {
    let finish!: (value: number) => void;
    const round = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const { loop, waits } = loopOf({ round });
    loop.start();
    const first = loop.tick();
    const second = loop.tick();
    expect(round).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise(setImmediate);
    expect(stopped).toBe(false);
    finish(3);
    await stopping;
    expect(await Promise.all([first, second])).toEqual([3, 3]);
    expect(waits).toEqual([1_000]); // planned at start, cancelled by stop; none after the round
  });

  it('brings the next round forward on retrySoon(), unless it backs off already', async () => {
    const { failing, round } = flaky();
    const { loop, waits, next } = loopOf({ round });
    loop.start();
    failing.now = false;
    loop.retrySoon();
    await next();
    failing.now = true;
    await next();
    loop.retrySoon();
    await loop.stop();
    expect(waits).toEqual([1_000, 100, 1_000, 100]); // the last retrySoon() planned nothing: the loop was backing off
  });
});

describe('the jobs lifecycle', () => {
  /** A job that notes its starts and stops in `events`; its stop ends when `stopping` does. */
  function noting(events: string[], name: string, stopping: () => Promise<void> = async () => {}): Job {
    return {
      start: () => void events.push(`start ${name}`),
      async stop() {
        await stopping();
        events.push(`stop ${name}`);
      },
    };
  }

  it('starts nothing before start(), then every job in the order added; stops them one after another, the last first', async () => {
    const events: string[] = [];
    let finishB!: () => void;
    const jobs = createJobs();
    jobs.add(noting(events, 'a'));
    jobs.add(noting(events, 'b', () => new Promise<void>((resolve) => (finishB = resolve))));
    jobs.add(noting(events, 'c'));
    expect(events).toEqual([]);
    jobs.start();
    expect(events).toEqual(['start a', 'start b', 'start c']);
    const stopped = jobs.stop();
    await new Promise(setImmediate);
    expect(events.slice(3)).toEqual(['stop c']); // a waits for b
    finishB();
    await stopped;
    expect(events.slice(3)).toEqual(['stop c', 'stop b', 'stop a']);
    expect(() => jobs.add(noting(events, 'd'))).toThrow(/added after the jobs started/);
  });

  it('stops every job, started or not (start-up failed half-way), whatever became of the others; then throws the first failure', async () => {
    const events: string[] = [];
    const jobs = createJobs();
    jobs.add(noting(events, 'a'));
    jobs.add(noting(events, 'b', async () => Promise.reject(new Error('b could not stop'))));
    jobs.add(noting(events, 'c'));
    await expect(jobs.stop()).rejects.toThrow('b could not stop');
    expect(events).toEqual(['stop c', 'stop a']);
  });

  it('starts a poll loop with the others, not when it is added', async () => {
    const round = vi.fn(async () => 0);
    const jobs = createJobs();
    jobs.add(pollLoop({ job: 'test', logger: pino({ level: 'silent' }), round, intervalMs: 60_000, backoff: { firstMs: 1, maxMs: 1 }, startAtOnce: true }));
    expect(round).not.toHaveBeenCalled();
    jobs.start();
    expect(round).toHaveBeenCalledTimes(1);
    await jobs.stop();
  });
});
