/**
 * The waiting room through the API, as fans and organizers use it over HTTP
 * and WebSocket, with the test's clock: who may configure it and what it
 * refuses; joining (one pass per account, closed before opensAt, the
 * pre-queue); admission at a fixed rate; reserving with, without and with a
 * bad admission token; a pass ending with its hold; leaving; and
 * queuePassChanged counting down to admission over graphql-ws. Runs on
 * PostgreSQL, and on Redis too when REDIS_URL is set.
 */
import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { fromGlobalIdOf } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CONFIRM, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { type TestServerFixture, useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { openSocket } from '../support/ws.js';

const CONFIGURE = `mutation ($input: ConfigureWaitingRoomInput!) {
  configureWaitingRoom(input: $input) {
    event { id waitingRoom { enabled opensAt admitPerMinute admissionTtlSeconds maxActiveBuyers waitingCount admittedCount servingNumber } }
    userErrors { code message field }
  }
}`;
const PASS_FIELDS = 'id status position estimatedWaitSeconds admissionToken admittedUntil joinedAt event { id }';
const JOIN = `mutation ($eventId: ID!) { joinWaitingRoom(input: { eventId: $eventId }) { pass { ${PASS_FIELDS} } userErrors { code message field } } }`;
const LEAVE = `mutation ($eventId: ID!) { leaveWaitingRoom(input: { eventId: $eventId }) { pass { ${PASS_FIELDS} } userErrors { code message field } } }`;
const MY_PASS = `query ($eventId: ID!) { myQueuePass(eventId: $eventId) { ${PASS_FIELDS} } }`;
const ROOM = `query ($id: ID!) { event(id: $id) { waitingRoom { enabled waitingCount admittedCount servingNumber admissionTtlSeconds maxActiveBuyers } } }`;
const PASS_CHANGED = `subscription ($eventId: ID!) { queuePassChanged(eventId: $eventId) { ${PASS_FIELDS} } }`;

const HOUR = 3_600_000;
const ON_SALE_AT = new Date(ANCHOR.getTime() + HOUR);
const at = (ms: number) => new Date(ON_SALE_AT.getTime() + ms);

function waitingRoomTests(name: string, redisUrl: string | undefined) {
  describe(name, () => {
    const clock = manualClock(ANCHOR);
    const fixture: TestServerFixture = useTestServer({ clock, redisUrl });
    const { database, server } = fixture;
    let organizer: Buyer, otherOrganizer: Buyer, admin: Buyer, fans: Buyer[];
    let event: OnSaleEvent;

    beforeAll(async () => {
      [organizer, otherOrganizer] = (await createBuyers(database.sql, 2, 'ORGANIZER')) as [Buyer, Buyer];
      [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
      fans = await createBuyers(database.sql, 6);
      event = await createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: ON_SALE_AT, startsAt: new Date(ANCHOR.getTime() + 30 * 24 * HOUR) });
    });

    const configure = (input: Record<string, unknown>, token?: string) => server.graphql(CONFIGURE, { input: { eventId: event.id, ...input } }, token);
    const join = async (fan: Buyer) => (await server.graphql(JOIN, { eventId: event.id }, fan.token)).data.joinWaitingRoom;
    const myPass = async (fan: Buyer) => (await server.graphql(MY_PASS, { eventId: event.id }, fan.token)).data.myQueuePass;
    const reserve = (fan: Buyer, seat: string, admissionToken?: string | null) =>
      server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat], admissionToken } }, fan.token);
    /** Moves the clock `ms` on and runs an admitter round. */
    async function admitAfter(ms: number) {
      clock.set(new Date(clock().getTime() + ms));
      return server.admitWaitingRooms();
    }

    it('is configured by the event organizer or an admin only, and refuses settings out of range, naming the field and changing nothing', async () => {
      expect((await configure({ enabled: true })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await configure({ enabled: true }, fans[0]!.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await configure({ enabled: true }, otherOrganizer.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const bad: [Record<string, unknown>, string][] = [
        [{ admitPerMinute: 0 }, 'admitPerMinute'],
        [{ admitPerMinute: 100_001 }, 'admitPerMinute'],
        [{ admissionTtlSeconds: 29 }, 'admissionTtlSeconds'],
        [{ maxActiveBuyers: 0 }, 'maxActiveBuyers'],
        [{ opensAt: '2031-01-01T00:00:00Z' }, 'opensAt'],
      ];
      for (const [input, field] of bad) {
        const { data } = await configure({ enabled: true, ...input }, organizer.token);
        expect(data.configureWaitingRoom, field).toMatchObject({ event: null, userErrors: [{ code: 'INVALID_WAITING_ROOM', field: ['input', field] }] });
      }
      expect((await server.graphql(ROOM, { id: event.id })).data.event.waitingRoom).toBeNull();
      expect(await database.sql`SELECT 1 FROM waiting_rooms`).toHaveLength(0);

      const { data } = await configure({ enabled: true, admitPerMinute: 60, maxActiveBuyers: 2 }, admin.token);
      expect(data.configureWaitingRoom.userErrors).toEqual([]);
      expect(data.configureWaitingRoom.event.waitingRoom).toEqual({
        enabled: true,
        opensAt: new Date(ON_SALE_AT.getTime() - 30 * 60_000).toISOString(),
        admitPerMinute: 60,
        admissionTtlSeconds: 600,
        maxActiveBuyers: 2,
        waitingCount: 0,
        admittedCount: 0,
        servingNumber: 0,
      });
      // Counts for everyone; the settings for the organizer only.
      expect((await server.graphql(ROOM, { id: event.id }, fans[0]!.token)).data.event.waitingRoom).toMatchObject({
        admissionTtlSeconds: null,
        maxActiveBuyers: null,
      });
      expect((await server.graphql(ROOM, { id: event.id }, organizer.token)).data.event.waitingRoom).toMatchObject({
        admissionTtlSeconds: 600,
        maxActiveBuyers: 2,
      });
    });

    it('opens at opensAt, keeps one pass per account, and holds early joiners in a pre-queue with no position', async () => {
      clock.set(new Date(ON_SALE_AT.getTime() - 31 * 60_000));
      expect((await join(fans[0]!)).userErrors).toMatchObject([{ code: 'WAITING_ROOM_CLOSED', field: ['input', 'eventId'] }]);
      expect((await server.graphql(JOIN, { eventId: event.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      clock.set(new Date(ON_SALE_AT.getTime() - 10 * 60_000));
      const passes = [];
      for (const fan of fans.slice(0, 4)) passes.push((await join(fan)).pass);
      expect(passes.map((pass) => [pass.status, pass.position, pass.admissionToken])).toEqual(Array(4).fill(['WAITING', null, null]));
      expect((await join(fans[0]!)).pass.id).toBe(passes[0].id);
      expect(await myPass(fans[0]!)).toEqual(passes[0]);
      expect(await myPass(fans[5]!)).toBeNull();
      // The pass is its owner's: another fan cannot see it by its ID.
      expect((await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: passes[0].id }, fans[1]!.token)).data.node).toBeNull();
      expect((await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: passes[0].id }, fans[0]!.token)).data.node).toEqual({ id: passes[0].id });
    });

    it('refuses a reservation without the admission token of an admitted pass, whatever the token', async () => {
      clock.set(at(0));
      const refusal = async (fan: Buyer, token?: string | null) => (await reserve(fan, event.seats[3]![9]!, token)).data.reserveSeats.userErrors;
      expect(await refusal(fans[0]!)).toMatchObject([{ code: 'ADMISSION_REQUIRED', field: ['input', 'admissionToken'] }]);
      expect(await refusal(fans[0]!, 'not.a.token')).toMatchObject([{ code: 'ADMISSION_REQUIRED' }]);
      expect(await database.sql`SELECT 1 FROM holds`).toHaveLength(0);
    });

    it('draws the pre-queue at the opening and admits at the fixed rate, in queue order; positions only go down', async () => {
      const first = await admitAfter(1_000);
      expect(first.map((round) => [round.eventId, round.numbered, round.admitted.length])).toEqual([[event.eventId, 4, 1]]);
      const passes = await Promise.all(fans.slice(0, 4).map(myPass));
      const admitted = passes.filter((pass) => pass.status === 'ADMITTED');
      expect(admitted).toHaveLength(1);
      expect(admitted[0].admissionToken).toEqual(expect.any(String));
      expect(
        passes
          .filter((pass) => pass.status === 'WAITING')
          .map((pass) => pass.position)
          .sort(),
      ).toEqual([1, 2, 3]);
      for (const pass of passes.filter((p) => p.status === 'WAITING')) expect(pass.estimatedWaitSeconds).toBe(pass.position); // 60 a minute

      // A joiner after the opening queues behind everyone who came before.
      const late = (await join(fans[4]!)).pass;
      expect(late.position).toBe(4);
      await admitAfter(1_000);
      const after = await Promise.all(fans.slice(0, 5).map(myPass));
      expect(after.filter((pass) => pass.status === 'ADMITTED')).toHaveLength(2);
      expect((await myPass(fans[4]!)).position).toBe(3);
    });

    it("holds seats with its owner's token only, ends the pass with its booking, and refuses the token replayed", async () => {
      const [admittedFan, otherFan] = (await Promise.all(fans.slice(0, 4).map(async (fan) => ({ fan, pass: await myPass(fan) })))).sort(
        (a, b) => Number(b.pass.status === 'ADMITTED') - Number(a.pass.status === 'ADMITTED'),
      );
      const token = admittedFan!.pass.admissionToken as string;
      // Another fan, even an admitted one, cannot use it; nor an altered copy.
      expect((await reserve(otherFan!.fan, event.seats[0]![0]!, token)).data.reserveSeats.userErrors).toMatchObject([{ code: 'ADMISSION_REQUIRED' }]);
      const altered = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
      expect((await reserve(admittedFan!.fan, event.seats[0]![0]!, altered)).data.reserveSeats.userErrors).toMatchObject([{ code: 'ADMISSION_REQUIRED' }]);
      expect(await database.sql`SELECT 1 FROM holds`).toHaveLength(0);

      const held = (await reserve(admittedFan!.fan, event.seats[0]![0]!, token)).data.reserveSeats;
      expect(held.userErrors).toEqual([]);
      const confirmed = await server.graphql(
        CONFIRM,
        { input: { holdId: held.hold.id, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
        admittedFan!.fan.token,
      );
      expect(confirmed.data.confirmBooking.userErrors).toEqual([]);
      expect(await myPass(admittedFan!.fan)).toMatchObject({ status: 'EXPIRED', admissionToken: null });
      expect((await reserve(admittedFan!.fan, event.seats[0]![1]!, token)).data.reserveSeats.userErrors).toMatchObject([{ code: 'ADMISSION_EXPIRED' }]);
    });

    it('expires an admission unused for admissionTtlSeconds, and frees its slot for the next fan', async () => {
      const admittedBefore = (await Promise.all(fans.slice(0, 5).map(myPass))).filter((pass) => pass.status === 'ADMITTED');
      await admitAfter(601_000);
      for (const pass of admittedBefore) {
        const now = await server.graphql(`query ($id: ID!) { node(id: $id) { ... on QueuePass { status } } }`, { id: pass.id }, admin.token);
        expect(now.data.node.status).toBe('EXPIRED');
      }
      const room = (await server.graphql(ROOM, { id: event.id })).data.event.waitingRoom;
      expect(room.admittedCount).toBeLessThanOrEqual(2);
      expect(room.servingNumber).toBeGreaterThan(2);
    });

    it('lets a fan leave, moving those behind up, and says NOT_IN_WAITING_ROOM to a second leave', async () => {
      const waiting = (await Promise.all(fans.slice(0, 5).map(async (fan) => ({ fan, pass: await myPass(fan) })))).filter(
        ({ pass }) => pass.status === 'WAITING',
      );
      expect(waiting.length).toBeGreaterThan(0);
      const last = waiting.sort((a, b) => a.pass.position - b.pass.position).at(-1)!;
      const firstWaiting = waiting[0]!;
      const left = (await server.graphql(LEAVE, { eventId: event.id }, firstWaiting.fan.token)).data.leaveWaitingRoom;
      expect(left.pass).toMatchObject({ status: 'LEFT', position: null });
      if (last !== firstWaiting) expect((await myPass(last.fan)).position).toBe(last.pass.position - 1);
      expect((await server.graphql(LEAVE, { eventId: event.id }, firstWaiting.fan.token)).data.leaveWaitingRoom.userErrors).toMatchObject([
        { code: 'NOT_IN_WAITING_ROOM' },
      ]);
    });

    it('pushes a waiting fan their pass over graphql-ws as it counts down to admission, and again on reconnecting', async () => {
      const fan = fans[5]!;
      const pass = (await join(fan)).pass;
      expect(pass.status).toBe('WAITING');
      const socket = openSocket(server.url, fan.token);
      const seen: { status: string; position: number | null; admissionToken: string | null }[] = [];
      const unsubscribe = socket.client.subscribe(
        { query: PASS_CHANGED, variables: { eventId: event.id } },
        { next: ({ data }) => void seen.push((data as { queuePassChanged: (typeof seen)[number] }).queuePassChanged), error: () => {}, complete: () => {} },
      );
      /** Waits until the last pass pushed is the pass as it is now. */
      const caughtUp = async () => {
        const now = await myPass(fan);
        await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ status: now.status, position: now.position }), { timeout: 5_000, interval: 10 });
        return now;
      };
      try {
        expect(await caughtUp()).toMatchObject({ status: 'WAITING', position: pass.position });
        // Each round comes after the admissions before it ran out (admissionTtlSeconds), freeing both slots.
        for (let round = 0; round < 10 && seen.at(-1)!.status === 'WAITING'; round++) {
          await admitAfter(601_000);
          await server.pushQueuePasses();
          await caughtUp();
        }
        expect(seen.at(-1)).toMatchObject({ status: 'ADMITTED', position: null, admissionToken: expect.any(String) });
        const positions = seen.filter((p) => p.status === 'WAITING').map((p) => p.position!);
        expect(positions).toEqual([...positions].sort((a, b) => b - a)); // only ever down
        expect(new Set(positions).size).toBe(positions.length); // pushed when it changed, not every round
      } finally {
        unsubscribe();
        await socket.client.dispose();
      }
      // Reconnecting resumes: the first push is the pass as it is now.
      const again = openSocket(server.url, fan.token);
      try {
        const first = await new Promise<{ status: string }>((resolve, reject) => {
          const stop = again.client.subscribe(
            { query: PASS_CHANGED, variables: { eventId: event.id } },
            { next: ({ data }) => (resolve((data as { queuePassChanged: { status: string } }).queuePassChanged), stop()), error: reject, complete: () => {} },
          );
        });
        expect(first.status).toBe('ADMITTED');
      } finally {
        await again.client.dispose();
      }
      expect(fromGlobalIdOf('QueuePass', pass.id)).toBeGreaterThan(0);
    });
  });
}

waitingRoomTests('the waiting room on PostgreSQL', undefined);
if (process.env.REDIS_URL) waitingRoomTests('the waiting room on Redis', process.env.REDIS_URL);
