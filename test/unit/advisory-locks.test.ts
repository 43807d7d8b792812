/**
 * The advisory-lock key spaces (src/db/advisory-locks.ts) stay apart: no two
 * named constants are equal; a single-key constant is negative, so no ticket
 * id (a ticket's own key) equals it; a pair class is negative, so no event id
 * (the first key of a sale-limit lock) equals it; and a pair's keys fit
 * PostgreSQL's integer.
 */
import { describe, expect, it } from 'vitest';

import * as locks from '../../src/db/advisory-locks.js';

const {
  demoSeedLock,
  holdSweeperLock,
  migrationLock,
  outboxConsumerLock,
  paymentReconcilerLock,
  repricerLock,
  saleLimitLock,
  searchEventLock,
  ticketLock,
  waitingRoomAdmitterLock,
} = locks;

const singles = { migrationLock, demoSeedLock, holdSweeperLock, paymentReconcilerLock, waitingRoomAdmitterLock, repricerLock };
/** Each class of pairs by its first key, as a lock of it shows it. */
const pairClasses = { search: searchEventLock(1)[0], outboxConsumer: outboxConsumerLock('search')[0] };
const INT4 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

describe('advisory-lock keys', () => {
  it('lists here every constant the module exports', () => {
    const exported = Object.values(locks).filter((value) => typeof value === 'number');
    expect(exported.filter((value) => ![...Object.values(singles), ...Object.values(pairClasses)].includes(value))).toEqual([]);
  });

  it('gives no two named constants one value', () => {
    const constants = [...Object.values(singles), ...Object.values(pairClasses)];
    expect(new Set(constants).size).toBe(constants.length);
  });

  it('keeps single-key constants negative, apart from the ticket ids that are the keys of tickets', () => {
    for (const [name, key] of Object.entries(singles)) expect([name, key < 0]).toEqual([name, true]);
    expect([1, 7_240_002, 2 ** 40].map(ticketLock)).toEqual([1, 7_240_002, 2 ** 40]);
  });

  it('keeps pair classes negative and apart, so no event id starts one of their keys', () => {
    for (const [name, key] of Object.entries(pairClasses)) expect([name, key < 0 && key >= INT4.min]).toEqual([name, true]);
    expect(saleLimitLock(42, 7)).toEqual([42, 7]);
    expect(searchEventLock(42)).toEqual([locks.SEARCH_EVENT_LOCKS, 42]);
  });

  it("hashes a consumer's name with 32-bit FNV-1a, signed, the same in every process", () => {
    const hash = (name: string) => outboxConsumerLock(name)[1];
    // The published FNV-1a test vectors (0x811c9dc5, 0xe40c292c, 0xbf9cf968) as signed integers.
    expect(['', 'a', 'foobar'].map(hash)).toEqual([-2128831035, -468965076, -1080231576]);
    expect(hash('search')).not.toBe(hash('notifications'));
    for (const name of ['search', 'notifications', 'é', 'x'.repeat(1_000)])
      expect(hash(name)).toSatisfy((key: number) => Number.isInteger(key) && key >= INT4.min && key <= INT4.max);
  });
});
