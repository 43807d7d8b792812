import postgres from 'postgres';
import { describe, expect, it } from 'vitest';

import { toGlobalId } from '../src/relay/global-id.js';
import { untilBlocked } from './support/database.js';
import { useTestServer } from './support/fixture.js';

describe('probes and shutdown', () => {
  const { database, server, startServer } = useTestServer({ events: 5 });

  it('finishes in-flight requests before stopping, then refuses new ones', async () => {
    const other = await startServer();
    const locker = postgres(database.url, { max: 2, onnotice: () => {} }); // one holds the lock, one watches
    try {
      // Hold a lock the request needs, so it is in flight when stop() begins.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const locked = new Promise<void>((resolve) => {
        void locker.begin(async (tx) => {
          await tx`LOCK TABLE venues IN ACCESS EXCLUSIVE MODE`;
          resolve();
          await released;
        });
      });
      await locked;
      const inFlight = other.graphql(`{ venue(id: "${toGlobalId('Venue', 1)}") { name } }`);
      await untilBlocked(locker, 1);
      let stopped = false;
      const stopping = other.stop().then(() => (stopped = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      release();
      const answer = await inFlight;
      expect(answer.errors).toBeUndefined();
      expect(answer.data.venue.name).toEqual(expect.any(String));
      await stopping;
      await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
    } finally {
      await locker.end();
    }
  });

  it('reports live and ready, then not ready once the database is gone', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });

    await database.drop();
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'unavailable' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
