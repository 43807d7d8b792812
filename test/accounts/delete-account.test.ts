/**
 * deleteAccount (a fan's own, with their password) and deleteUser (an admin's,
 * the seeds' DELETE /users/{id}) over HTTP: who may delete what; refusals that
 * change nothing (a wrong password, which also counts as a failed log-in; an
 * organizer's or admin's account; a booking still to come); and what a
 * deletion does: the token refused at once (also on an open socket), the email
 * free to sign up again, the bookings kept with an anonymous buyer, the live
 * holds released onto the seat map, the notifications forgotten.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { fromGlobalId, toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, type Cast, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { loadMap, watchSeatMap } from '../support/seat-map-watcher.js';
import { manualClock } from '../support/server.js';
import { openSocket } from '../support/ws.js';

const DELETE_ACCOUNT = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedUserId userErrors { code field message } } }`;
const DELETE_USER = `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId userErrors { code field message } } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id email name } userErrors { code field } } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token userErrors { code field } } }`;
const ME = `{ me { id name email } }`;
const BUYERS = `query ($id: ID!) { node(id: $id) { ... on Event { bookings { edges { node { id status buyer { name email } } } } } } }`;
const PASSWORD = 'a long enough passphrase';

interface Fan extends Buyer {
  email: string;
}

describe('account deletion', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let cast: Cast;

  beforeAll(async () => {
    cast = await createCast(database.sql);
  });

  /** A fan signed up through the API, so that their password is a real one. */
  const signUp = async (email = `fan-${randomBytes(4).toString('hex')}@example.com`, password = PASSWORD): Promise<Fan> => {
    const { data } = await server.graphql(SIGN_UP, { input: { email, password, name: 'Ada Fan' } });
    expect(data.signUp.userErrors).toEqual([]);
    return { email, token: data.signUp.token, userId: fromGlobalId(data.signUp.user.id).id };
  };
  const deleteAccount = (token: string | undefined, password = PASSWORD) => server.graphql(DELETE_ACCOUNT, { input: { password } }, token);
  const deleteUser = (userId: number, token: string | undefined) => server.graphql(DELETE_USER, { input: { userId: toGlobalId('User', userId) } }, token);
  const codesOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.map((error) => error.extensions?.code);

  const newEvent = (startsAt?: Date) => createOnSaleEvent(database.sql, cast.organizer.userId, { startsAt });
  /** A live hold of `fan`'s on `ticketIds`; its global ID. */
  const hold = async (fan: Buyer, event: OnSaleEvent, ticketIds: string[]) => {
    const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, fan.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
    return data.reserveSeats.hold.id as string;
  };
  /** A booking of `fan`'s on `ticketIds`, paid; its global ID. */
  const buy = async (fan: Buyer, event: OnSaleEvent, ticketIds: string[]) => {
    const holdId = await hold(fan, event, ticketIds);
    const { data } = await server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, fan.token);
    expect(data.confirmBooking.userErrors).toEqual([]);
    return data.confirmBooking.booking.id as string;
  };

  /** Everything of the user's a deletion would change, to compare before and after a refusal. */
  const rowsOf = async (userId: number) => ({
    user: await database.sql`SELECT name, email, password_hash, role, deleted_at FROM users WHERE id = ${userId}`,
    sessions: await database.sql`SELECT id, revoked_at FROM sessions WHERE user_id = ${userId} ORDER BY id`,
    holds: await database.sql`SELECT id, status FROM holds WHERE user_id = ${userId} ORDER BY id`,
    bookings: await database.sql`SELECT id, status, user_id FROM bookings WHERE user_id = ${userId} ORDER BY id`,
    tickets: await database.sql`
      SELECT t.id, t.status FROM tickets t JOIN hold_tickets ht ON ht.ticket_id = t.id JOIN holds h ON h.id = ht.hold_id
      WHERE h.user_id = ${userId} ORDER BY t.id`,
    notifications: await database.sql`SELECT id, to_address, status FROM notifications WHERE user_id = ${userId} ORDER BY id`,
  });

  /** A notification of the user's, written as the notifier leaves one (QUEUED: not sent yet); its id. */
  const insertNotification = async (user: Fan, status: 'QUEUED' | 'SENT', subject: string) => {
    const [row] = await database.sql<[{ id: string }]>`
      INSERT INTO notifications (user_id, kind, subject, to_address, status, created_at)
      VALUES (${user.userId}, 'BOOKING_CONFIRMED', ${subject}, ${user.email}, ${status}, ${clock()}) RETURNING id`;
    return row.id;
  };

  describe('who may delete what', () => {
    it('needs a login', async () => {
      const fan = await signUp();
      expect(codesOf(await deleteAccount(undefined))).toEqual(['UNAUTHENTICATED']);
      expect(codesOf(await deleteUser(fan.userId, undefined))).toEqual(['UNAUTHENTICATED']);
      expect((await server.graphql(ME, {}, fan.token)).data.me.email).toBe(fan.email);
    });

    it("acts on the caller alone: another user's password deletes nothing, and only admins may delete someone else", async () => {
      const otherPassword = 'the other fan’s passphrase';
      const [fan, other] = [await signUp(), await signUp(undefined, otherPassword)];
      const before = [await rowsOf(fan.userId), await rowsOf(other.userId)];
      // The caller's account is the only one deleteAccount can name; the other's password is simply wrong for it.
      const response = await deleteAccount(fan.token, otherPassword);
      expect(response.data.deleteAccount).toMatchObject({ deletedUserId: null, userErrors: [{ code: 'WRONG_PASSWORD', field: ['input', 'password'] }] });
      for (const caller of [fan, cast.fan, cast.organizer, cast.otherOrganizer]) {
        expect(codesOf(await deleteUser(other.userId, caller.token))).toEqual(['FORBIDDEN']);
      }
      expect([await rowsOf(fan.userId), await rowsOf(other.userId)]).toEqual(before);
      expect((await server.graphql(ME, {}, other.token)).data.me.email).toBe(other.email);
    });

    it("refuses an organizer's and an admin's own account, changing nothing", async () => {
      for (const [caller, code] of [
        [cast.organizer, 'ACCOUNT_RUNS_EVENTS'],
        [cast.admin, 'ACCOUNT_IS_ADMIN'],
      ] as const) {
        const before = await rowsOf(caller.userId);
        const { data } = await deleteAccount(caller.token);
        expect(data.deleteAccount).toMatchObject({ deletedUserId: null, userErrors: [{ code, field: null }] });
        expect(data.deleteAccount.userErrors[0].message).toMatch(/setUserRole/);
        expect(await rowsOf(caller.userId)).toEqual(before);
      }
    });
  });

  describe('deleteAccount', () => {
    it('refuses a wrong password, changing nothing', async () => {
      const fan = await signUp();
      const event = await newEvent();
      await hold(fan, event, event.seats[0]!.slice(0, 1));
      await insertNotification(fan, 'QUEUED', 'wrong-password');
      const before = await rowsOf(fan.userId);

      const { data } = await deleteAccount(fan.token, 'not my password at all');
      expect(data.deleteAccount).toEqual({
        deletedUserId: null,
        userErrors: [{ code: 'WRONG_PASSWORD', field: ['input', 'password'], message: expect.any(String) }],
      });
      expect(await rowsOf(fan.userId)).toEqual(before);
      expect((await server.graphql(ME, {}, fan.token)).data.me.email).toBe(fan.email);
    });

    it('counts wrong passwords as failed log-ins: past the limit it is refused as logIn is, and so is logIn', async () => {
      const fan = await signUp();
      const guess = (i: number) => `g${i}: deleteAccount(input: { password: "guess number ${i}" }) { userErrors { code } }`;
      const guesses = await server.graphql(`mutation { ${Array.from({ length: 11 }, (_, i) => guess(i)).join('\n')} }`, {}, fan.token);
      for (let i = 0; i < 10; i++) expect(guesses.data[`g${i}`]).toEqual({ userErrors: [{ code: 'WRONG_PASSWORD' }] });
      expect(guesses.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([[['g10'], 'RATE_LIMITED']]);

      // The account is locked out from this address: the right password, to logIn or to deleteAccount, is refused the same way.
      const logIn = await server.graphql(LOG_IN, { input: { email: fan.email, password: PASSWORD } });
      expect(codesOf(logIn)).toEqual(['RATE_LIMITED']);
      const right = await deleteAccount(fan.token);
      expect(codesOf(right)).toEqual(['RATE_LIMITED']);
      expect(right.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
      expect((await rowsOf(fan.userId)).user[0]!.deleted_at).toBeNull();
    });

    it('refuses while a booking is still to come, changing nothing; once it is cancelled, deletes', async () => {
      const fan = await signUp();
      const event = await newEvent();
      const bookingId = await buy(fan, event, event.seats[0]!.slice(2, 4));
      const heldId = await hold(fan, event, event.seats[1]!.slice(0, 1));
      await insertNotification(fan, 'QUEUED', 'upcoming');
      const before = await rowsOf(fan.userId);

      const { data } = await deleteAccount(fan.token);
      expect(data.deleteAccount).toMatchObject({ deletedUserId: null, userErrors: [{ code: 'ACCOUNT_HAS_UPCOMING_BOOKINGS', field: null }] });
      expect(data.deleteAccount.userErrors[0].message).toMatch(/cancelBooking/);
      expect(await rowsOf(fan.userId)).toEqual(before);
      expect((await server.graphql(ME, {}, fan.token)).data.me.email).toBe(fan.email);

      const cancelled = await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: randomUUID() } }, fan.token);
      expect(cancelled.data.cancelBooking.userErrors).toEqual([]);
      const deleted = await deleteAccount(fan.token);
      expect(deleted.data.deleteAccount).toEqual({ deletedUserId: toGlobalId('User', fan.userId), userErrors: [] });
      const [heldAfter] = await database.sql`SELECT status FROM holds WHERE id = ${fromGlobalId(heldId).id}`;
      expect(heldAfter!.status).toBe('RELEASED');
    });

    it('deletes with bookings of past events: the token ends at once, the data is erased, the bookings stay, holds and mail are let go', async () => {
      const fan = await signUp();
      const past = await newEvent(new Date(clock().getTime() + 2 * 24 * 3600_000));
      const coming = await newEvent();
      const bought = past.seats[0]!.slice(0, 2);
      const bookingId = await buy(fan, past, bought);
      // The event is over (it lasts 3 hours); the fan holds seats of another one.
      clock.set(new Date(clock().getTime() + 3 * 24 * 3600_000));
      const held = coming.seats[2]!.slice(0, 3);
      const holdId = await hold(fan, coming, held);
      const queued = await insertNotification(fan, 'QUEUED', 'queued');
      const sent = await insertNotification(fan, 'SENT', 'sent');
      // The fan also scans tickets at another event's door.
      await database.sql`INSERT INTO event_staff (event_id, user_id, added_by, created_at) VALUES (${coming.eventId}, ${fan.userId}, ${cast.organizer.userId}, ${clock()})`;
      const socket = openSocket(server.url, fan.token);
      expect((await socket.execute(ME)).data.me.email).toBe(fan.email);
      const { version } = await loadMap(server, coming.id);
      const watcher = watchSeatMap(server.url, { eventId: coming.id, sinceVersion: version });

      const { data } = await deleteAccount(fan.token);
      expect(data.deleteAccount).toEqual({ deletedUserId: toGlobalId('User', fan.userId), userErrors: [] });

      // The token is refused at once, over HTTP and on the open socket.
      const me = await server.graphql(ME, {}, fan.token);
      expect([me.status, codesOf(me)]).toEqual([401, ['UNAUTHENTICATED']]);
      expect(await socket.closed).toBe(4403);

      // The seats held are for sale again, and the seat map is told.
      const delta = await watcher.take();
      expect(delta.changes.map((change) => [change.ticketId, change.status])).toEqual(held.map((id) => [id, 'AVAILABLE']));
      await watcher.close();
      const [holdRow] = await database.sql`SELECT status FROM holds WHERE id = ${fromGlobalId(holdId).id}`;
      expect(holdRow!.status).toBe('RELEASED');
      const heldTickets = await database.sql`SELECT status FROM tickets WHERE id = ANY(${held.map((id) => fromGlobalId(id).id)}::bigint[])`;
      expect(heldTickets.map((ticket) => ticket.status)).toEqual(['AVAILABLE', 'AVAILABLE', 'AVAILABLE']);

      // The person is gone from the row; the row stays, for the booking that names it.
      const [user] = await database.sql`SELECT name, email, password_hash, deleted_at FROM users WHERE id = ${fan.userId}`;
      expect(user).toMatchObject({ name: 'Deleted user', email: `deleted-${fan.userId}@deleted.invalid`, deleted_at: clock() });
      expect(user!.password_hash).not.toMatch(/^\$argon2/);
      const [booking] = await database.sql`SELECT status, user_id FROM bookings WHERE id = ${fromGlobalId(bookingId).id}`;
      expect(booking).toEqual({ status: 'CONFIRMED', user_id: fan.userId });
      const buyers = await server.graphql(BUYERS, { id: past.id }, cast.organizer.token);
      expect(buyers.data.node.bookings.edges.map((edge: any) => edge.node)).toEqual([
        { id: bookingId, status: 'CONFIRMED', buyer: { name: 'Deleted user', email: `deleted-${fan.userId}@deleted.invalid` } },
      ]);

      // Mail still queued is never sent; no notification keeps the address.
      const notifications = await database.sql`SELECT id, to_address, status FROM notifications WHERE user_id = ${fan.userId} ORDER BY id`;
      expect(notifications.every((row) => row.to_address === '')).toBe(true);
      expect(notifications.find((row) => row.id === queued)!.status).toBe('FAILED');
      expect(notifications.find((row) => row.id === sent)!.status).toBe('SENT');
      expect(await database.sql`SELECT event_id FROM event_staff WHERE user_id = ${fan.userId}`).toEqual([]);

      // The old email and password log in to nothing; the email may sign up again, as a new account.
      const logIn = await server.graphql(LOG_IN, { input: { email: fan.email, password: PASSWORD } });
      expect(logIn.data.logIn.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS', field: ['input'] }]);
      const again = await signUp(fan.email);
      expect(again.userId).not.toBe(fan.userId);
      expect((await server.graphql(ME, {}, again.token)).data.me).toMatchObject({ name: 'Ada Fan', email: fan.email });
    });
  });

  describe('deleteUser', () => {
    it("lets an admin delete a fan's account as deleteAccount does, without a password", async () => {
      const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
      const event = await newEvent();
      const held = event.seats[3]!.slice(0, 2);
      const holdId = await hold(fan, event, held);

      const { data } = await deleteUser(fan.userId, cast.admin.token);
      expect(data.deleteUser).toEqual({ deletedUserId: toGlobalId('User', fan.userId), userErrors: [] });
      expect(codesOf(await server.graphql(ME, {}, fan.token))).toEqual(['UNAUTHENTICATED']);
      const [user] = await database.sql`SELECT name, email, deleted_at FROM users WHERE id = ${fan.userId}`;
      expect(user).toMatchObject({ name: 'Deleted user', email: `deleted-${fan.userId}@deleted.invalid`, deleted_at: clock() });
      const [holdRow] = await database.sql`SELECT status FROM holds WHERE id = ${fromGlobalId(holdId).id}`;
      expect(holdRow!.status).toBe('RELEASED');
      // The admin stays logged in, and deleting again changes nothing.
      expect((await deleteUser(fan.userId, cast.admin.token)).data.deleteUser.userErrors).toEqual([]);
      expect((await server.graphql(ME, {}, cast.admin.token)).data.me.id).toBe(toGlobalId('User', cast.admin.userId));
    });

    it('refuses, changing nothing: a fan with a booking still to come, an organizer, an admin, an unknown user', async () => {
      const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
      const event = await newEvent();
      await buy(fan, event, event.units.slice(0, 1));
      const field = ['input', 'userId'];
      for (const [userId, code] of [
        [fan.userId, 'ACCOUNT_HAS_UPCOMING_BOOKINGS'],
        [cast.otherOrganizer.userId, 'ACCOUNT_RUNS_EVENTS'],
        [cast.admin.userId, 'ACCOUNT_IS_ADMIN'],
      ] as const) {
        const before = await rowsOf(userId);
        const { data } = await deleteUser(userId, cast.admin.token);
        expect(data.deleteUser).toMatchObject({ deletedUserId: null, userErrors: [{ code, field }] });
        expect(await rowsOf(userId)).toEqual(before);
      }
      const unknown = await deleteUser(2_000_000_000, cast.admin.token);
      expect(unknown.data.deleteUser).toMatchObject({ deletedUserId: null, userErrors: [{ code: 'USER_NOT_FOUND', field }] });
    });
  });
});
