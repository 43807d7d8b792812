/**
 * The session cache (SESSION_CACHE_MS, src/accounts/session-cache.ts): a
 * session read once answers its next requests without a statement; whatever
 * ends a session or changes a role (logOut, a password change, setUserRole,
 * deleteAccount) is refused or applied at once, in the process that made it
 * and, through pub/sub, in another process (with REDIS_URL, as CI's second run
 * sets it: two servers sharing Redis; without it, the one server, as the
 * in-process pub/sub reaches no other process); and when the news is lost (a
 * process sharing no pub/sub), the old answer lasts SESSION_CACHE_MS at most,
 * by the TTL alone, as the negative control shows.
 */
import { randomBytes } from 'node:crypto';

import { describe, expect, it, onTestFinished, vi } from 'vitest';

import { createSessionCache } from '../../src/accounts/session-cache.js';
import { toGlobalId } from '../../src/relay/global-id.js';
import { createBuyers } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { openSocket } from '../support/ws.js';

const redisUrl = process.env.REDIS_URL;
const CACHE_MS = 5_000;
const TRIVIAL = '{ __typename }';
const ADMIN_ONLY = '{ adminJobs(first: 1) { edges { node { id } } } }';
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token userErrors { code field } } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token userErrors { code field } } }`;
const LOG_OUT = `mutation { logOut { userErrors { code } } }`;
const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { userErrors { code field } } }`;
const SET_ROLE = `mutation ($input: SetUserRoleInput!) { setUserRole(input: $input) { user { role } userErrors { code field } } }`;
const DELETE_ACCOUNT = `mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { deletedUserId userErrors { code field } } }`;
const PASSWORD = 'a long enough passphrase';

/** The statements that read a session (store.ts's liveSession). */
const sessionReads = (server: TestServer) => server.statements.filter((statement) => /from "sessions"/i.test(statement)).length;
/** Makes `via` remember the session of `token` (`query` succeeds), and checks that it does: a second request reads no session. */
async function warm(via: TestServer, token: string, query = TRIVIAL): Promise<void> {
  expect((await via.graphql(query, {}, token)).errors).toBeUndefined();
  via.statements.length = 0;
  expect((await via.graphql(query, {}, token)).errors).toBeUndefined();
  expect(sessionReads(via)).toBe(0);
}
const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;

describe('the session cache', () => {
  const clock = manualClock(ANCHOR);
  const { database, server, startServer } = useTestServer({ clock, redisUrl, env: { SESSION_CACHE_MS: String(CACHE_MS) } });

  /** Where the news of a change made on `server` must arrive: another process on the same Redis, or (without Redis) the same process. */
  const otherProcess = async (): Promise<TestServer> => (redisUrl ? startServer() : server);

  /** A fan signed up through the API (a real password); their token. */
  const signUp = async (email = `fan-${randomBytes(4).toString('hex')}@example.com`) => {
    const { data } = await server.graphql(SIGN_UP, { input: { email, password: PASSWORD, name: 'Ada Fan' } });
    expect(data.signUp.userErrors).toEqual([]);
    return { email, token: data.signUp.token as string };
  };

  /** `token` is refused on `via` soon: without the clock moving, so by the news, not by the TTL. */
  const refusedSoon = async (via: TestServer, token: string) =>
    vi.waitFor(async () => expect((await via.graphql(TRIVIAL, {}, token)).status).toBe(401), { timeout: 2_000, interval: 20 });

  it('answers a session read once without a statement until SESSION_CACHE_MS has passed; with 0, reads it every time', async () => {
    const [fan] = await createBuyers(database.sql, 1);
    server.statements.length = 0;
    await server.graphql(TRIVIAL, {}, fan!.token);
    expect(sessionReads(server)).toBe(1);
    for (let i = 0; i < 3; i++) await server.graphql(TRIVIAL, {}, fan!.token);
    expect(sessionReads(server)).toBe(1);
    clock.set(new Date(clock().getTime() + CACHE_MS - 1));
    await server.graphql(TRIVIAL, {}, fan!.token);
    expect(sessionReads(server)).toBe(1);
    clock.set(new Date(clock().getTime() + 1));
    await server.graphql(TRIVIAL, {}, fan!.token);
    expect(sessionReads(server)).toBe(2);

    const uncached = await startServer({ env: { SESSION_CACHE_MS: '0' } });
    for (let i = 0; i < 3; i++) await uncached.graphql(TRIVIAL, {}, fan!.token);
    expect(sessionReads(uncached)).toBe(3);
  });

  it('remembers a new session from its log-in: the first request after it reads none', async () => {
    const { email } = await signUp();
    const { data } = await server.graphql(LOG_IN, { input: { email, password: PASSWORD } });
    server.statements.length = 0;
    expect((await server.graphql(TRIVIAL, {}, data.logIn.token)).errors).toBeUndefined();
    expect(sessionReads(server)).toBe(0);
  });

  it('refuses a logged-out token at once, in the process that logged it out and in another, and closes its sockets there', async () => {
    const [fan] = await createBuyers(database.sql, 1);
    const other = await otherProcess();
    await warm(server, fan!.token);
    await warm(other, fan!.token);
    const socket = openSocket(other.url, fan!.token);
    expect((await socket.execute(TRIVIAL)).data).toEqual({ __typename: 'Query' });

    expect((await server.graphql(LOG_OUT, {}, fan!.token)).data.logOut.userErrors).toEqual([]);
    expect((await server.graphql(TRIVIAL, {}, fan!.token)).status).toBe(401); // no waiting: dropped before logOut answered
    await refusedSoon(other, fan!.token);
    expect(await socket.closed).toBe(4403);
  });

  it("applies a role change from the user's next request, in both processes", async () => {
    const [admin, demoted] = await createBuyers(database.sql, 2, 'ADMIN');
    const other = await otherProcess();
    await warm(server, demoted!.token, ADMIN_ONLY);
    await warm(other, demoted!.token, ADMIN_ONLY);

    const { data } = await server.graphql(SET_ROLE, { input: { userId: toGlobalId('User', demoted!.userId), role: 'FAN' } }, admin!.token);
    expect(data.setUserRole).toEqual({ user: { role: 'FAN' }, userErrors: [] });
    expect(codeOf(await server.graphql(ADMIN_ONLY, {}, demoted!.token))).toBe('FORBIDDEN');
    await vi.waitFor(async () => expect(codeOf(await other.graphql(ADMIN_ONLY, {}, demoted!.token))).toBe('FORBIDDEN'), { timeout: 2_000, interval: 20 });
    // Still logged in, as a fan.
    expect((await other.graphql(TRIVIAL, {}, demoted!.token)).errors).toBeUndefined();
  });

  it("refuses a deleted account's token at once, in both processes", async () => {
    const { token } = await signUp();
    const other = await otherProcess();
    await warm(server, token);
    await warm(other, token);

    const { data } = await server.graphql(DELETE_ACCOUNT, { input: { password: PASSWORD } }, token);
    expect(data.deleteAccount.userErrors).toEqual([]);
    expect((await server.graphql(TRIVIAL, {}, token)).status).toBe(401);
    await refusedSoon(other, token);
  });

  it("ends a user's other sessions at a password change, in both processes, and keeps the one that changed it", async () => {
    const { email, token } = await signUp();
    const { data } = await server.graphql(LOG_IN, { input: { email, password: PASSWORD } });
    const elsewhere = data.logIn.token as string;
    const other = await otherProcess();
    await warm(server, elsewhere);
    await warm(other, elsewhere);

    const changed = await server.graphql(UPDATE_PROFILE, { input: { password: { current: PASSWORD, new: 'another long passphrase' } } }, token);
    expect(changed.data.updateProfile.userErrors).toEqual([]);
    expect((await server.graphql(TRIVIAL, {}, elsewhere)).status).toBe(401);
    await refusedSoon(other, elsewhere);
    expect((await other.graphql(TRIVIAL, {}, token)).errors).toBeUndefined();
  });

  it('when the news is lost, refuses a logged-out token within SESSION_CACHE_MS, on HTTP and on an open socket; without the TTL it would stay usable', async () => {
    const [fan] = await createBuyers(database.sql, 1);
    // Processes that share no pub/sub with `server`: its news never reaches them. The second keeps readings for an hour (the control).
    const deaf = await startServer({ redisUrl: undefined });
    const deafForAnHour = await startServer({ redisUrl: undefined, env: { SESSION_CACHE_MS: String(3_600_000) } });
    await warm(deaf, fan!.token);
    await warm(deafForAnHour, fan!.token);
    const socket = openSocket(deaf.url, fan!.token);
    expect((await socket.execute(TRIVIAL)).data).toEqual({ __typename: 'Query' });
    const loggedOutAt = clock().getTime();

    expect((await server.graphql(LOG_OUT, {}, fan!.token)).data.logOut.userErrors).toEqual([]);
    expect((await server.graphql(TRIVIAL, {}, fan!.token)).status).toBe(401);
    // Within the bound the old reading still answers: this is the staleness the README states.
    clock.set(new Date(loggedOutAt + CACHE_MS - 1));
    expect((await deaf.graphql(TRIVIAL, {}, fan!.token)).status).toBe(200);
    expect((await socket.execute(TRIVIAL)).data).toEqual({ __typename: 'Query' });
    // At the bound, everything is closed: HTTP refused, the socket closed at its next operation.
    clock.set(new Date(loggedOutAt + CACHE_MS));
    expect((await deaf.graphql(TRIVIAL, {}, fan!.token)).status).toBe(401);
    await expect(socket.execute(TRIVIAL)).rejects.toBeDefined();
    expect(await socket.closed).toBe(4403);
    // The control: only the TTL refused it; a process keeping readings longer still lets the token in.
    expect((await deafForAnHour.graphql(TRIVIAL, {}, fan!.token)).status).toBe(200);
  });
});

describe.runIf(redisUrl)('the session cache through a Redis outage', () => {
  const clock = manualClock(ANCHOR);
  const { database, server, startServer } = useTestServer({ clock, redisUrl, env: { SESSION_CACHE_MS: String(CACHE_MS) } });

  it('refuses and demotes at once where the change was made, though its news cannot leave; a process that missed news reads every session again once it reconnects', async () => {
    const { hostname, port } = new URL(redisUrl!);
    const link: TcpProxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    onTestFinished(() => link.close());
    const cutOff = await startServer({ redisUrl: `redis://127.0.0.1:${link.port}` });
    const [here, elsewhere] = await createBuyers(database.sql, 2);
    await warm(cutOff, here!.token);
    await warm(cutOff, elsewhere!.token);
    const [admin, demoted] = await createBuyers(database.sql, 2, 'ADMIN');
    await warm(cutOff, demoted!.token, ADMIN_ONLY);

    link.cut();
    const demotion = { input: { userId: toGlobalId('User', demoted!.userId), role: 'FAN' } };
    expect((await cutOff.graphql(SET_ROLE, demotion, admin!.token)).data.setUserRole.userErrors).toEqual([]);
    expect(codeOf(await cutOff.graphql(ADMIN_ONLY, {}, demoted!.token))).toBe('FORBIDDEN');
    expect((await cutOff.graphql(LOG_OUT, {}, here!.token)).data.logOut.userErrors).toEqual([]);
    expect((await cutOff.graphql(TRIVIAL, {}, here!.token)).status).toBe(401);
    expect((await server.graphql(LOG_OUT, {}, elsewhere!.token)).data.logOut.userErrors).toEqual([]);
    expect((await cutOff.graphql(TRIVIAL, {}, elsewhere!.token)).status).toBe(200); // the news was lost: its reading still answers

    link.restore();
    // The clock stands still: the reconnection, not the TTL, makes it read the session again.
    await vi.waitFor(async () => expect((await cutOff.graphql(TRIVIAL, {}, elsewhere!.token)).status).toBe(401), { timeout: 10_000, interval: 50 });
  });
});

describe('a session reading under way while sessions are dropped', () => {
  it('is not remembered: it may predate the change', () => {
    const clock = manualClock(ANCHOR);
    const cache = createSessionCache({ maxAgeMs: CACHE_MS, clock });
    const viewer = { userId: 1, role: 'FAN' as const, sessionId: 'a' };
    const expiresAt = new Date(ANCHOR.getTime() + 3_600_000);

    const raced = cache.mark();
    cache.forgetSessions(['some other session']); // news arrives while `a` is being read
    cache.remember(raced, viewer, expiresAt);
    expect(cache.get('a', 1)).toBeUndefined();

    cache.remember(cache.mark(), viewer, expiresAt);
    expect(cache.get('a', 1)).toEqual(viewer);
    expect(cache.get('a', 2)).toBeUndefined(); // another user's claim to the session is read, not answered from memory
  });

  it("never outlives the session's expiry", () => {
    const clock = manualClock(ANCHOR);
    const cache = createSessionCache({ maxAgeMs: CACHE_MS, clock });
    const viewer = { userId: 1, role: 'FAN' as const, sessionId: 'a' };
    cache.remember(cache.mark(), viewer, new Date(ANCHOR.getTime() + 1_000));
    clock.set(new Date(ANCHOR.getTime() + 999));
    expect(cache.get('a', 1)).toEqual(viewer);
    clock.set(new Date(ANCHOR.getTime() + 1_000));
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
