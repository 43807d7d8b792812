-- Every hold, booking and seat-map change of an event checked its foreign key to the event, and each
-- check share-locks the event's row: in an on-sale every transaction takes a turn at that one row (a
-- new MultiXact per locker). The tickets these rows refer to name their event anyway.
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "holds" DROP CONSTRAINT "holds_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "seat_map_changes" DROP CONSTRAINT "seat_map_changes_event_id_events_id_fk";
