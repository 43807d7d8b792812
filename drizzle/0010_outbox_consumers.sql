CREATE TABLE "outbox_consumers" (
	"name" text PRIMARY KEY NOT NULL,
	"topics" text[] NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_deliveries" (
	"consumer" text NOT NULL,
	"message_id" bigint NOT NULL,
	"handled_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"retry_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "outbox_deliveries_consumer_message_id_pk" PRIMARY KEY("consumer","message_id")
);
--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_consumer_outbox_consumers_name_fk" FOREIGN KEY ("consumer") REFERENCES "public"."outbox_consumers"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_message_id_outbox_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_topic_id_idx" ON "outbox" USING btree ("topic","id");--> statement-breakpoint
-- Written by hand (drizzle-kit cannot express triggers): search becomes the outbox's first consumer.
-- Every change a search document shows now adds an event.changed message ({ "eventId": n }, the
-- payload src/outbox/topics.ts declares) to the outbox, in the transaction that makes it, whoever
-- writes it (API, seed, SQL by hand), where it added a search_outbox row before. The triggers are
-- those of 0004, renamed, on the same tables, columns and conditions.
INSERT INTO outbox_consumers (name, topics) VALUES ('search', '{event.changed}');
--> statement-breakpoint
DROP FUNCTION search_outbox_add_rows, search_outbox_add_updated, search_outbox_add_performer_events, search_outbox_add_venue_events CASCADE;
--> statement-breakpoint
-- One message per event of the statement's inserted or deleted rows; TG_ARGV[0] names the event id column.
CREATE FUNCTION outbox_event_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO outbox (topic, payload) SELECT ''event.changed'', jsonb_build_object(''eventId'', id)
                  FROM (SELECT DISTINCT %I AS id FROM %I) AS changed ORDER BY id', TG_ARGV[0],
                 CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The event of an updated row (both events, if the row moved); TG_ARGV[0] names the event id column.
CREATE FUNCTION outbox_event_changed_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, payload)
  SELECT DISTINCT 'event.changed', jsonb_build_object('eventId', id)
  FROM (VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::integer), ((to_jsonb(NEW) ->> TG_ARGV[0])::integer)) AS ids (id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION outbox_event_changed_performer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, payload) SELECT 'event.changed', jsonb_build_object('eventId', event_id) FROM event_performers WHERE performer_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION outbox_event_changed_venue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (topic, payload) SELECT 'event.changed', jsonb_build_object('eventId', id) FROM events WHERE venue_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER event_changed_events_inserted AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('id');
--> statement-breakpoint
CREATE TRIGGER event_changed_events_deleted AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('id');
--> statement-breakpoint
CREATE TRIGGER event_changed_events_updated AFTER UPDATE OF title, description, category, status, starts_at, venue_id, currency ON events
  FOR EACH ROW WHEN ((OLD.title, OLD.description, OLD.category, OLD.status, OLD.starts_at, OLD.venue_id, OLD.currency)
                     IS DISTINCT FROM (NEW.title, NEW.description, NEW.category, NEW.status, NEW.starts_at, NEW.venue_id, NEW.currency))
  EXECUTE FUNCTION outbox_event_changed_updated('id');
--> statement-breakpoint
CREATE TRIGGER event_changed_prices_inserted AFTER INSERT ON event_sections REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_prices_deleted AFTER DELETE ON event_sections REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_prices_updated AFTER UPDATE ON event_sections
  FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION outbox_event_changed_updated('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_bills_inserted AFTER INSERT ON event_performers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_bills_deleted AFTER DELETE ON event_performers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_bills_updated AFTER UPDATE ON event_performers
  FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION outbox_event_changed_updated('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_performer_renamed AFTER UPDATE OF name ON performers
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION outbox_event_changed_performer();
--> statement-breakpoint
CREATE TRIGGER event_changed_venue_changed AFTER UPDATE OF name, city, country, latitude, longitude ON venues
  FOR EACH ROW WHEN ((OLD.name, OLD.city, OLD.country, OLD.latitude, OLD.longitude) IS DISTINCT FROM (NEW.name, NEW.city, NEW.country, NEW.latitude, NEW.longitude))
  EXECUTE FUNCTION outbox_event_changed_venue();
--> statement-breakpoint
-- Sales and cancellations move an event's availability and popularity.
CREATE TRIGGER event_changed_booking_made AFTER INSERT ON bookings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_changed_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER event_changed_booking_status AFTER UPDATE OF status ON bookings
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION outbox_event_changed_updated('event_id');
--> statement-breakpoint
-- Changes the index had not taken in yet are carried over (their set-asides are not: they are tried again).
INSERT INTO outbox (topic, payload, created_at)
SELECT 'event.changed', jsonb_build_object('eventId', event_id), created_at FROM search_outbox ORDER BY id;
