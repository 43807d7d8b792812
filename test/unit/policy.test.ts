/**
 * Who may see and do what (src/accounts/policy.ts), for each role and for the owner, on its own.
 * The API tests check the same rules through the schema (drafts, holds, profiles, editing).
 */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';

import {
  canManageEvent,
  canSeeEvent,
  canSeePrivateFields,
  canSeeRecord,
  canSeeUser,
  ownsRecord,
  requireAdmin,
  requireEventManager,
  requireViewer,
  type Role,
  type Viewer,
} from '../../src/accounts/policy.js';
import type { EventStatus } from '../../src/catalog/types.js';

const viewer = (userId: number, role: Role): Viewer => ({ userId, role, sessionId: `session-${userId}` });

/** The event's organizer is user 2; the record's owner and the user looked at are user 4. */
const callers = {
  anonymous: null,
  admin: viewer(1, 'ADMIN'),
  'the organizer': viewer(2, 'ORGANIZER'),
  'another organizer': viewer(3, 'ORGANIZER'),
  'the owner, a fan': viewer(4, 'FAN'),
  'another fan': viewer(5, 'FAN'),
  /** Once the event's organizer, now a fan: the id alone gives no right. */
  'the organizer, since made a fan': viewer(2, 'FAN'),
};
type Caller = keyof typeof callers;
const CALLERS = Object.keys(callers) as Caller[];
const event = (status: EventStatus) => ({ status, organizerId: 2 });

/** Runs `check` as each caller: true or false, or the code of the error it throws. */
function answers<T>(check: (caller: Viewer | null) => T): Record<Caller, T | string> {
  const result = {} as Record<Caller, T | string>;
  for (const name of CALLERS) {
    try {
      result[name] = check(callers[name]);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      result[name] = String(error.extensions.code);
    }
  }
  return result;
}
/** The callers for whom `check` holds. */
const allowed = (check: (caller: Viewer | null) => boolean) => CALLERS.filter((name) => check(callers[name]));

describe('events', () => {
  it('are run by their organizer and by admins', () => {
    expect(allowed((caller) => canManageEvent(caller, event('ON_SALE')))).toEqual(['admin', 'the organizer']);
  });

  it('refuse everyone else a change: anonymous callers must log in, others are forbidden', () => {
    expect(answers((caller) => requireEventManager(caller, event('ON_SALE'))?.userId)).toEqual({
      anonymous: 'UNAUTHENTICATED',
      admin: 1,
      'the organizer': 2,
      'another organizer': 'FORBIDDEN',
      'the owner, a fan': 'FORBIDDEN',
      'another fan': 'FORBIDDEN',
      'the organizer, since made a fan': 'FORBIDDEN',
    });
  });

  it('are seen by everyone, but as drafts only by those who run them', () => {
    for (const status of ['ON_SALE', 'SOLD_OUT', 'CANCELLED', 'COMPLETED'] as const) {
      expect(
        allowed((caller) => canSeeEvent(caller, event(status))),
        status,
      ).toEqual(CALLERS);
    }
    expect(allowed((caller) => canSeeEvent(caller, event('DRAFT')))).toEqual(['admin', 'the organizer']);
  });
});

describe('users', () => {
  const fan = { id: 4, role: 'FAN' as const };
  const organizer = { id: 2, role: 'ORGANIZER' as const };
  const admin = { id: 1, role: 'ADMIN' as const };

  it('are seen by themselves and admins, except organizers, whose profiles are public', () => {
    expect(allowed((caller) => canSeeUser(caller, fan))).toEqual(['admin', 'the owner, a fan']);
    expect(allowed((caller) => canSeeUser(caller, admin))).toEqual(['admin']);
    expect(allowed((caller) => canSeeUser(caller, organizer))).toEqual(CALLERS);
  });

  it('show their email and other private fields to themselves and admins only, organizers too', () => {
    expect(allowed((caller) => canSeePrivateFields(caller, fan))).toEqual(['admin', 'the owner, a fan']);
    expect(allowed((caller) => canSeePrivateFields(caller, organizer))).toEqual(['admin', 'the organizer', 'the organizer, since made a fan']);
  });
});

describe('holds and bookings', () => {
  const record = { userId: 4 };

  it('are seen by their owner and admins', () => {
    expect(allowed((caller) => canSeeRecord(caller, record))).toEqual(['admin', 'the owner, a fan']);
  });

  it('are acted on by their owner alone: an admin may look, not spend', () => {
    expect(allowed((caller) => ownsRecord(caller, record))).toEqual(['the owner, a fan']);
  });
});

describe('logging in and admin rights', () => {
  it('a login is required, of any role', () => {
    expect(answers((caller) => requireViewer(caller).userId)).toEqual({
      anonymous: 'UNAUTHENTICATED',
      admin: 1,
      'the organizer': 2,
      'another organizer': 3,
      'the owner, a fan': 4,
      'another fan': 5,
      'the organizer, since made a fan': 2,
    });
  });

  it('admin rights are for admins: anonymous callers must log in, others are forbidden', () => {
    expect(answers((caller) => requireAdmin(caller).userId)).toEqual({
      anonymous: 'UNAUTHENTICATED',
      admin: 1,
      'the organizer': 'FORBIDDEN',
      'another organizer': 'FORBIDDEN',
      'the owner, a fan': 'FORBIDDEN',
      'another fan': 'FORBIDDEN',
      'the organizer, since made a fan': 'FORBIDDEN',
    });
  });
});
