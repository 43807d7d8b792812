/**
 * Performer profiles and who created what, through the API over HTTP:
 * createPerformer and updatePerformer (their rules, typed errors naming the
 * field with nothing written, who may do each), Performer.createdBy and
 * Venue.organizer, and an organizer's venues page by page in name order
 * (User.venues), seen by that organizer and admins alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createCast } from '../support/booking.js';
import { useTestServer } from '../support/fixture.js';

const PERFORMER_FIELDS = 'id name kind genre createdBy { id name }';
const CREATE = `mutation ($input: CreatePerformerInput!) { createPerformer(input: $input) { performer { ${PERFORMER_FIELDS} } userErrors { code message field } } }`;
const UPDATE = `mutation ($input: UpdatePerformerInput!) { updatePerformer(input: $input) { performer { ${PERFORMER_FIELDS} } userErrors { code message field } } }`;
const PERFORMER = `query ($id: ID!) { performer(id: $id) { ${PERFORMER_FIELDS} } }`;
const CREATE_VENUE = `mutation ($input: CreateVenueInput!) { createVenue(input: $input) { venue { id name } userErrors { code } } }`;
const VENUE = `query ($id: ID!) { venue(id: $id) { name organizer { id name email } } }`;
const VENUES_OF = `query ($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on User { venues(first: $first, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }
}`;
const MY_VENUES = `query ($first: Int, $after: String) { me { venues(first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } } }`;

describe('organizer performers and ownership', () => {
  const { database, server } = useTestServer();
  let organizer: Buyer, other: Buyer, admin: Buyer, fan: Buyer;

  beforeAll(async () => {
    ({ organizer, otherOrganizer: other, admin, fan } = await createCast(database.sql));
  });

  const createPerformer = (input: object, token: string | null = organizer.token) => server.graphql(CREATE, { input }, token ?? undefined);
  const updatePerformer = (input: object, token: string | null = organizer.token) => server.graphql(UPDATE, { input }, token ?? undefined);
  const performerCount = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM performers`)[0].n;
  const created = async (input: object, token?: string) => {
    const { data } = await createPerformer(input, token);
    expect(data.createPerformer.userErrors).toEqual([]);
    return data.createPerformer.performer;
  };

  describe('createPerformer', () => {
    it("makes a public profile, the organizer's own", async () => {
      const performer = await created({ name: '  The Beths ', kind: 'BAND', genre: ' indie rock ' });
      expect(performer).toMatchObject({ name: 'The Beths', kind: 'BAND', genre: 'indie rock', createdBy: { id: toGlobalId('User', organizer.userId) } });
      const [row] = await database.sql`SELECT organizer_id FROM performers WHERE id = ${fromGlobalIdOf('Performer', performer.id)}`;
      expect(row).toEqual({ organizer_id: organizer.userId });
      // Public at once, and so is who made it (organizers' profiles are public).
      expect((await server.graphql(PERFORMER, { id: performer.id })).data.performer).toEqual(performer);
    });

    it("keeps an admin's profile for the platform, and a blank genre is none", async () => {
      const performer = await created({ name: 'Berliner Philharmoniker', kind: 'COMPANY', genre: '  ' }, admin.token);
      expect(performer).toMatchObject({ genre: null, createdBy: null });
      const [row] = await database.sql`SELECT organizer_id FROM performers WHERE id = ${fromGlobalIdOf('Performer', performer.id)}`;
      expect(row).toEqual({ organizer_id: null });
    });

    it('needs a login and the ORGANIZER or ADMIN role; refuses a blank name as INVALID_PERFORMER and text over its limit as BAD_USER_INPUT', async () => {
      const before = await performerCount();
      const anonymous = await createPerformer({ name: 'X', kind: 'DJ' }, null);
      expect([anonymous.data.createPerformer, anonymous.errors?.map((e) => e.extensions?.code)]).toEqual([null, ['UNAUTHENTICATED']]);
      const asFan = await createPerformer({ name: 'X', kind: 'DJ' }, fan.token);
      expect([asFan.data.createPerformer, asFan.errors?.map((e) => e.extensions?.code)]).toEqual([null, ['FORBIDDEN']]);
      const blank = await createPerformer({ name: ' \n', kind: 'DJ' });
      expect(blank.data.createPerformer).toEqual({
        performer: null,
        userErrors: [{ code: 'INVALID_PERFORMER', message: 'A performer name must not be blank.', field: ['input', 'name'] }],
      });
      for (const [input, argument] of [
        [{ name: 'x'.repeat(201), kind: 'DJ' }, 'input.name'],
        [{ name: 'X', kind: 'DJ', genre: 'g'.repeat(101) }, 'input.genre'],
      ] as const) {
        const { errors } = await createPerformer(input);
        expect(errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', argument]]);
      }
      expect(await performerCount()).toBe(before);
    });
  });

  describe('updatePerformer', () => {
    it('changes the fields given; an empty genre removes it', async () => {
      const performer = await created({ name: 'Beths', kind: 'ARTIST', genre: 'rock' });
      const { data } = await updatePerformer({ performerId: performer.id, name: 'The Beths', kind: 'BAND', genre: '' });
      expect(data.updatePerformer).toEqual({ performer: { ...performer, name: 'The Beths', kind: 'BAND', genre: null }, userErrors: [] });
      const unchanged = await updatePerformer({ performerId: performer.id });
      expect(unchanged.data.updatePerformer.performer).toEqual(data.updatePerformer.performer);
    });

    it('refuses a blank name, naming it, and changes nothing', async () => {
      const performer = await created({ name: 'Kept', kind: 'DJ', genre: 'house' });
      const { data } = await updatePerformer({ performerId: performer.id, name: '   ', genre: 'techno' });
      expect(data.updatePerformer).toEqual({
        performer: null,
        userErrors: [{ code: 'INVALID_PERFORMER', message: 'A performer name must not be blank.', field: ['input', 'name'] }],
      });
      expect((await server.graphql(PERFORMER, { id: performer.id })).data.performer).toEqual(performer);
    });

    it("is for the profile's creator and admins: another organizer, or an organizer and a platform profile, get PERFORMER_NOT_FOUND", async () => {
      const mine = await created({ name: 'Mine', kind: 'DJ' });
      const platform = await created({ name: 'Platform', kind: 'DJ' }, admin.token);
      const anonymous = await updatePerformer({ performerId: mine.id, name: 'X' }, null);
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const asFan = await updatePerformer({ performerId: mine.id, name: 'X' }, fan.token);
      expect(asFan.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const notFound = {
        performer: null,
        userErrors: [{ code: 'PERFORMER_NOT_FOUND', message: 'No performer you may edit has this ID.', field: ['input', 'performerId'] }],
      };
      expect((await updatePerformer({ performerId: mine.id, name: 'X' }, other.token)).data.updatePerformer).toEqual(notFound);
      expect((await updatePerformer({ performerId: platform.id, name: 'X' })).data.updatePerformer).toEqual(notFound);
      expect((await updatePerformer({ performerId: toGlobalId('Performer', 999_999), name: 'X' })).data.updatePerformer).toEqual(notFound);
      const names =
        await database.sql`SELECT name FROM performers WHERE id IN ${database.sql([mine.id, platform.id].map((id) => fromGlobalIdOf('Performer', id)))} ORDER BY id`;
      expect(names).toEqual([{ name: 'Mine' }, { name: 'Platform' }]);
      for (const performer of [mine, platform]) {
        const { data } = await updatePerformer({ performerId: performer.id, name: `${performer.name}, by an admin` }, admin.token);
        expect(data.updatePerformer.performer.name).toBe(`${performer.name}, by an admin`);
      }
    });
  });

  describe('venues and their organizer', () => {
    const venue = (name: string) => ({
      name,
      address: '1 Quay Street',
      city: 'Auckland',
      country: 'NZ',
      latitude: -36.84,
      longitude: 174.76,
      timezone: 'Pacific/Auckland',
      sections: [{ name: 'Floor', kind: 'GENERAL_ADMISSION', capacity: 100 }],
    });
    let lister: Buyer;
    let venueIds: string[];
    let othersVenueId: string;

    beforeAll(async () => {
      [lister] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
      venueIds = [];
      for (const name of ['Venue C', 'Venue A', 'Venue E', 'Venue B', 'Venue D']) {
        const { data } = await server.graphql(CREATE_VENUE, { input: venue(name) }, lister.token);
        venueIds.push(data.createVenue.venue.id);
      }
      othersVenueId = (await server.graphql(CREATE_VENUE, { input: venue('Venue AA, not theirs') }, other.token)).data.createVenue.venue.id;
    });

    it("shows a venue's organizer to anyone (organizers are public), without their email but to themself", async () => {
      const anonymous = await server.graphql(VENUE, { id: venueIds[0] });
      expect(anonymous.data.venue.organizer).toEqual({ id: toGlobalId('User', lister.userId), name: 'Buyer 1', email: null });
      const own = await server.graphql(VENUE, { id: venueIds[0] }, lister.token);
      expect(own.data.venue.organizer.email).toMatch(/@buyers\.test$/);
    });

    it("pages through an organizer's venues in name order, for that organizer", async () => {
      const names: string[] = [];
      let after: string | null = null;
      do {
        const { data }: { data?: any } = await server.graphql(MY_VENUES, { first: 2, after }, lister.token);
        names.push(...data.me.venues.edges.map((e: any) => e.node.name));
        after = data.me.venues.pageInfo.hasNextPage ? data.me.venues.pageInfo.endCursor : null;
      } while (after);
      expect(names).toEqual(['Venue A', 'Venue B', 'Venue C', 'Venue D', 'Venue E']);
    });

    it('shows them to admins, and to nobody else: null for the anonymous, fans and other organizers', async () => {
      const id = toGlobalId('User', lister.userId);
      const seenBy = async (token?: string) => (await server.graphql(VENUES_OF, { id, first: 3 }, token)).data.node.venues;
      expect((await seenBy(admin.token)).edges.map((e: any) => e.node.name)).toEqual(['Venue A', 'Venue B', 'Venue C']);
      expect(await seenBy()).toBeNull();
      expect(await seenBy(fan.token)).toBeNull();
      expect(await seenBy(other.token)).toBeNull();
    });

    it("refuses a cursor it did not issue; another organizer's venue is no place to start from", async () => {
      const { errors } = await server.graphql(MY_VENUES, { first: 1, after: 'bm90IGEgY3Vyc29y' }, lister.token);
      expect(errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'after']]);
      // A cursor is the venue's id (its name is read where it is now): one of another organizer's tells nothing of its name.
      const foreign = Buffer.from(JSON.stringify([fromGlobalIdOf('Venue', othersVenueId)])).toString('base64url');
      expect((await server.graphql(MY_VENUES, { first: 1, after: foreign }, lister.token)).data.me.venues.edges).toEqual([]);
    });
  });
});
