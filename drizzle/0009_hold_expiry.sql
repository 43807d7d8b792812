-- Written by hand (drizzle-kit cannot express functions): the one definition of "a hold that has
-- run out is free", for every statement that reads tickets or holds as of a time. A ticket stored
-- HELD whose held_until is at or before `at` is AVAILABLE at `at`; a hold stored ACTIVE whose
-- expires_at is at or before `at` is EXPIRED at `at`. No sweeper has to run first.
--
-- ticket_status_at and hold_status_at are the definition. The predicates after each say the same
-- of one status, written with the stored status and time compared directly, so that PostgreSQL can
-- read them from an index (tickets_event_status_idx holds event_id, status, section_id and
-- held_until; holds_active_expiry_idx the expires_at of ACTIVE holds): a comparison with the CASE
-- of ticket_status_at cannot be, and a count of an arena's taken tickets would read every seat.
-- All are LANGUAGE sql, IMMUTABLE and not STRICT, so the planner inlines them: a statement calling
-- them is planned as if their body were written in it. test/hold-expiry.test.ts holds each to
-- the definition at, before and after the boundary, and src/booking/hold-expiry.ts is its
-- TypeScript twin for rows already read.
CREATE FUNCTION ticket_status_at(status ticket_status, held_until timestamptz, at timestamptz) RETURNS ticket_status
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN status = 'HELD' AND held_until <= at THEN 'AVAILABLE'::ticket_status ELSE status END;
--> statement-breakpoint
-- ticket_status_at(...) = 'HELD': held by a hold that is still live at `at`.
CREATE FUNCTION ticket_held_at(status ticket_status, held_until timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status = 'HELD' AND held_until > at;
--> statement-breakpoint
-- Stored HELD but ticket_status_at(...) = 'AVAILABLE': its hold has run out by `at`, no sweeper has freed it yet.
CREATE FUNCTION ticket_lapsed_at(status ticket_status, held_until timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status = 'HELD' AND held_until <= at;
--> statement-breakpoint
-- ticket_status_at(...) <> 'AVAILABLE': sold, or held by a live hold.
CREATE FUNCTION ticket_taken_at(status ticket_status, held_until timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status = 'SOLD' OR (status = 'HELD' AND held_until > at);
--> statement-breakpoint
-- What a reservation starting at `at` may claim: ticket_status_at(...) = 'AVAILABLE', and not before
-- the end of the last claim on the ticket, which an ended hold leaves in held_until (a reservation
-- whose clock reads earlier than another process's must not overlap a claim that one made).
CREATE FUNCTION ticket_claimable_at(status ticket_status, held_until timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status IN ('AVAILABLE', 'HELD') AND (held_until IS NULL OR held_until <= at);
--> statement-breakpoint
CREATE FUNCTION hold_status_at(status hold_status, expires_at timestamptz, at timestamptz) RETURNS hold_status
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN status = 'ACTIVE' AND expires_at <= at THEN 'EXPIRED'::hold_status ELSE status END;
--> statement-breakpoint
-- hold_status_at(...) = 'ACTIVE': the hold still holds its tickets at `at`.
CREATE FUNCTION hold_live_at(status hold_status, expires_at timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status = 'ACTIVE' AND expires_at > at;
--> statement-breakpoint
-- Stored ACTIVE but hold_status_at(...) = 'EXPIRED': run out by `at`, for the sweeper to end.
CREATE FUNCTION hold_lapsed_at(status hold_status, expires_at timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status = 'ACTIVE' AND expires_at <= at;
