CREATE TABLE "event_cancellations" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" integer NOT NULL,
	"total_bookings" integer NOT NULL,
	"refunded_bookings" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "bookings_event_idx";--> statement-breakpoint
DROP INDEX "events_organizer_idx";--> statement-breakpoint
ALTER TABLE "performers" ADD COLUMN "organizer_id" integer;--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "organizer_id" integer;--> statement-breakpoint
ALTER TABLE "event_cancellations" ADD CONSTRAINT "event_cancellations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_cancellations" ADD CONSTRAINT "event_cancellations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performers" ADD CONSTRAINT "performers_organizer_id_users_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_organizer_id_users_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "venues_organizer_idx" ON "venues" USING btree ("organizer_id","name","id");--> statement-breakpoint
CREATE INDEX "bookings_event_idx" ON "bookings" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "events_organizer_idx" ON "events" USING btree ("organizer_id","starts_at","id");--> statement-breakpoint
-- Venues made before organizers could create them (by the seed) belong to the organizer of their events, where there is one.
UPDATE "venues" v SET "organizer_id" = o."organizer_id"
FROM (SELECT "venue_id", min("organizer_id") AS "organizer_id" FROM "events" GROUP BY "venue_id" HAVING count(DISTINCT "organizer_id") = 1) o
WHERE o."venue_id" = v."id";
--> statement-breakpoint
-- New times of an event with buyers (event.rescheduled) are for the mail consumer, which the notifications work adds:
-- registered now, so that the outbox keeps the reschedulings made before it runs (a topic nobody reads keeps nothing).
INSERT INTO outbox_consumers (name, topics) VALUES ('mail', '{event.rescheduled}');
