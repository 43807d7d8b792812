/**
 * Venues with their seating plans, and performer profiles, as organizers
 * create and edit them. An organizer's venue or performer is theirs to edit
 * (an admin's is kept by the platform: organizer_id null), and another
 * organizer's answers *_NOT_FOUND, as if it did not exist. A venue's plan
 * is replaced whole, and only while no published event sells its seats.
 */
import type { UserRow } from '../accounts/accounts.js';
import { canEditOwned, canSeePrivateFields, canSeeUser, requireOrganizer, type Viewer } from '../accounts/policy.js';
import type { SectionDefinition } from '../catalog/seat-layout.js';
import type { PerformerRow, VenueRow } from '../catalog/types.js';
import { type NewVenue, storeSeatingPlans, storeVenues } from '../catalog/venues.js';
import type { Sql } from '../db/client.js';
import { type Connection, decodeCursor, encodeCursor, toConnection } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import { type Result, userFailure } from '../user-error.js';
import type { OrganizerServices } from './facade.js';
import { InputErrors } from './input-errors.js';
import { checkSeatingPlan, type SectionPlan } from './seating-plan.js';
import { insertPerformer, type PerformerChanges, updatePerformer } from './store/performers.js';
import {
  deleteDraftPrices,
  deleteSeatsOfVenue,
  deleteSectionsOfVenue,
  lockVenue,
  updateVenueDetails,
  venuePlanInUse,
  venuesOfOrganizer,
} from './store/venues.js';
import { checkVenueDetails, type VenueDetails, type VenueDetailsInput } from './venue-details.js';

export type NewVenueInput = VenueDetailsInput & { sections: readonly SectionPlan[] };
export type VenueChangesInput = VenueDetailsInput & { sections?: readonly SectionPlan[] | null };

export interface PerformerInput {
  name?: string | null;
  kind?: PerformerRow['kind'] | null;
  genre?: string | null;
}

export class VenueTools {
  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}

  /** Creates a venue with its plan in one transaction: the caller's, or the platform's when an admin creates it. */
  async createVenue(input: NewVenueInput): Promise<Result<VenueRow>> {
    const caller = requireOrganizer(this.scope.viewer);
    const errors = new InputErrors();
    const details = checkVenueDetails(input, errors);
    const sections = checkSeatingPlan(input.sections, errors, ['input', 'sections']);
    if (errors.found > 0 || !sections) return userFailure(errors.list);
    // The schema requires every field but region, so each is here once none was at fault.
    const venue = { region: null, ...details, sections } as NewVenue;
    const { venueIds } = await this.services.sql.begin((tx) => storeVenues(tx, [venue], { organizerId: ownerOfNew(caller), createdAt: this.scope.clock() }));
    return (await this.scope.loaders.venueById.load(venueIds[0]!))!;
  }

  /** Changes the fields given of a venue the caller may edit; `sections`, given, replaces its whole plan (changeVenue). */
  async updateVenue(venueId: number, input: VenueChangesInput): Promise<Result<VenueRow>> {
    const caller = requireOrganizer(this.scope.viewer);
    const errors = new InputErrors();
    const changes = checkVenueDetails(input, errors);
    const sections = input.sections ? checkSeatingPlan(input.sections, errors, ['input', 'sections']) : null;
    if (errors.found > 0 || sections === undefined) return userFailure(errors.list);
    return changeVenue(this.services.sql, caller, venueId, changes, sections);
  }

  /** Creates a performer profile, public at once: the caller's, or the platform's when an admin creates it. */
  async createPerformer(input: PerformerInput & Pick<PerformerRow, 'name' | 'kind'>): Promise<Result<PerformerRow>> {
    const caller = requireOrganizer(this.scope.viewer);
    const errors = new InputErrors();
    const { name, genre = null } = checkPerformer(input, errors);
    if (errors.found > 0) return userFailure(errors.list);
    return insertPerformer(this.services.sql, { name: name!, kind: input.kind, genre, organizerId: ownerOfNew(caller), createdAt: this.scope.clock() });
  }

  /** Changes the fields given of a profile the caller created (an admin: any). */
  async updatePerformer(performerId: number, input: PerformerInput): Promise<Result<PerformerRow>> {
    const caller = requireOrganizer(this.scope.viewer);
    const errors = new InputErrors();
    const changes = checkPerformer(input, errors);
    if (errors.found > 0) return userFailure(errors.list);
    const performer = await this.scope.loaders.performerById.load(performerId);
    if (!performer || !canEditOwned(caller, performer)) {
      return userFailure('PERFORMER_NOT_FOUND', 'No performer you may edit has this ID.', ['input', 'performerId']);
    }
    return Object.keys(changes).length === 0 ? performer : updatePerformer(this.services.sql, performerId, changes);
  }

  /** Who created a venue or performer, as the caller may see users (organizers are public); null for one the platform keeps. */
  async creatorOf(owned: { organizerId: number | null }): Promise<UserRow | null> {
    const user = owned.organizerId === null ? undefined : await this.scope.loaders.userById.load(owned.organizerId);
    return user && canSeeUser(this.scope.viewer, user) ? user : null;
  }

  /** A page of the venues `user` created, in name order: for that user and admins, null for anyone else (`size` already validated). */
  async venuesOf(user: UserRow, size: number, after: string | null): Promise<Connection<VenueRow> | null> {
    if (!canSeePrivateFields(this.scope.viewer, user)) return null;
    const afterId = after === null ? null : decodeCursor(after, ['integer'] as const)[0];
    const venues = await venuesOfOrganizer(this.services.sql, user.id, afterId, size + 1);
    return toConnection(venues, size, (venue) => encodeCursor([venue.id]));
  }
}

/** Options of changeVenue for tests alone. */
export interface ChangeVenueOptions {
  /** Leaves out the venue's row lock, to show what it prevents: a plan replaced under a publish. */
  unsafeSkipVenueLock?: boolean;
}

/**
 * Changes a venue in one transaction that holds its row FOR UPDATE
 * (store/venues.ts, lockVenue): the fields in `changes`, and with `plan` the
 * whole seating plan. A plan is frozen once an event sells its seats
 * (VENUE_PLAN_FROZEN); otherwise the old sections and seats are deleted, the
 * drafts at the venue lose their prices (which named the old sections), and
 * the new plan is stored. A venue `caller` may not edit is VENUE_NOT_FOUND.
 */
export async function changeVenue(
  sql: Sql,
  caller: Viewer,
  venueId: number,
  changes: Partial<VenueDetails>,
  plan: SectionDefinition[] | null,
  options: ChangeVenueOptions = {},
): Promise<Result<VenueRow>> {
  return sql.begin(async (tx): Promise<Result<VenueRow>> => {
    const venue = await lockVenue(tx, venueId, !options.unsafeSkipVenueLock);
    if (!venue || !canEditOwned(caller, venue)) return userFailure('VENUE_NOT_FOUND', 'No venue you may edit has this ID.', ['input', 'venueId']);
    if (plan) {
      if (await venuePlanInUse(tx, venueId)) {
        return userFailure(
          'VENUE_PLAN_FROZEN',
          "This venue's seating plan cannot change: a published event sells its seats, and its tickets are those seats. Create a new venue for the new plan.",
          ['input', 'sections'],
        );
      }
      await deleteDraftPrices(tx, venueId);
      await deleteSeatsOfVenue(tx, venueId);
      await deleteSectionsOfVenue(tx, venueId);
      await storeSeatingPlans(tx, [venueId], [{ sections: plan }]);
    }
    return Object.keys(changes).length === 0 ? venue : updateVenueDetails(tx, venueId, changes);
  });
}

/** Whose a new venue or performer is: an organizer's own; the platform's (null) when an admin creates it. */
function ownerOfNew(caller: Viewer): number | null {
  return caller.role === 'ADMIN' ? null : caller.userId;
}

/** A performer's fields given, checked (INVALID_PERFORMER): a name of 1 to 200 characters, a genre of up to 100 (empty removes it). */
function checkPerformer(input: PerformerInput, errors: InputErrors): PerformerChanges {
  const changes: PerformerChanges = {};
  if (input.name != null) changes.name = errors.text('INVALID_PERFORMER', input.name, 200, ['input', 'name'], 'A performer name');
  if (input.kind != null) changes.kind = input.kind;
  if (input.genre != null) changes.genre = errors.optionalText('INVALID_PERFORMER', input.genre, 100, ['input', 'genre'], 'A genre');
  return changes;
}
