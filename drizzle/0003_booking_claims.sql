-- Written by hand: drizzle-kit cannot express exclusion constraints.
-- Two claims on one ticket whose time ranges overlap are impossible, so no
-- ticket can be held (or sold) by two holds at once even if code is wrong.
-- An empty range (a withdrawn claim) overlaps nothing.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "hold_tickets" ADD CONSTRAINT "hold_tickets_one_live_claim"
  EXCLUDE USING gist ("ticket_id" WITH =, tstzrange("claimed_from", "claimed_until") WITH &&);
