/**
 * A fan hears of their admission as soon as the admitter lets them in, not
 * at their process's next round of pushes: the admitter's process says a
 * room moved over pub/sub, and every process pushes that room's fans at once
 * (src/waitingroom/services.ts, live.ts). The servers push only every
 * minute here, so a push within seconds can only come from that news. On
 * PostgreSQL the pub/sub is the process's own (one process: the embedded
 * default); on Redis the fan watches from another process than the admitter's.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { openSocket } from '../support/ws.js';

const CONFIGURE = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { userErrors { code } } }`;
const JOIN = `mutation ($eventId: ID!) { joinWaitingRoom(input: { eventId: $eventId }) { pass { status } userErrors { code } } }`;
const PASS_CHANGED = `subscription ($eventId: ID!) { queuePassChanged(eventId: $eventId) { status position } }`;

const ON_SALE_AT = new Date(ANCHOR.getTime() + 3_600_000);
/** Pushes on, but a round only every minute (the most the setting allows). */
const SLOW_PUSHES = { WAITING_ROOM_UPDATE_INTERVAL_MS: '60000' };

function pushOnAdmission(name: string, redisUrl: string | undefined) {
  describe(name, () => {
    const clock = manualClock(new Date(ON_SALE_AT.getTime() - 60_000));
    const fixture = useTestServer({ clock, redisUrl, env: SLOW_PUSHES });
    let fan: Buyer;
    let event: OnSaleEvent;

    beforeAll(async () => {
      const [organizer] = await createBuyers(fixture.database.sql, 1, 'ORGANIZER');
      [fan] = (await createBuyers(fixture.database.sql, 1)) as [Buyer];
      event = await createOnSaleEvent(fixture.database.sql, organizer!.userId, { onSaleAt: ON_SALE_AT });
      const configured = await fixture.server.graphql(CONFIGURE, { input: { eventId: event.id, enabled: true, admitPerMinute: 60 } }, organizer!.token);
      expect(configured.data.configureWaitingRoom.userErrors).toEqual([]);
      expect((await fixture.server.graphql(JOIN, { eventId: event.id }, fan.token)).data.joinWaitingRoom.pass.status).toBe('WAITING');
    });

    it('pushes the admission to the fan within seconds of the admitter letting them in', async () => {
      const watching: TestServer = redisUrl ? await fixture.startServer({ clock, redisUrl, env: SLOW_PUSHES }) : fixture.server;
      const socket = openSocket(watching.url, fan.token);
      const seen: { status: string; position: number | null }[] = [];
      const unsubscribe = socket.client.subscribe(
        { query: PASS_CHANGED, variables: { eventId: event.id } },
        { next: ({ data }) => void seen.push((data as { queuePassChanged: (typeof seen)[number] }).queuePassChanged), error: () => {}, complete: () => {} },
      );
      try {
        await vi.waitFor(() => expect(seen).toEqual([{ status: 'WAITING', position: null }]), { timeout: 5_000, interval: 10 });
        clock.set(ON_SALE_AT);
        const [round] = await fixture.server.admitWaitingRooms(); // numbers the pre-queue and lets its one fan in
        expect(round!.admitted).toHaveLength(1);
        await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'ADMITTED', position: null }), { timeout: 5_000, interval: 10 });
      } finally {
        unsubscribe();
        await socket.client.dispose();
      }
    });
  });
}

pushOnAdmission('on PostgreSQL, in one process', undefined);
if (process.env.REDIS_URL) pushOnAdmission('on Redis, from another process', process.env.REDIS_URL);
