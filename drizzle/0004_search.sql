-- Written by hand (drizzle-kit cannot express extensions or functions): unaccent and
-- trigram matching for search, and the one normalisation that documents, queries
-- and indexes share. unaccent() is only STABLE (its dictionary could change), so
-- it is wrapped, naming the dictionary, as IMMUTABLE to be usable in an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE FUNCTION search_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"performer_ids" integer[] NOT NULL,
	"performer_names" text[] NOT NULL,
	"venue_id" integer NOT NULL,
	"venue_name" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"category" "event_category" NOT NULL,
	"status" "event_status" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"prices" integer[] NOT NULL,
	"min_price" integer,
	"tickets_available" integer NOT NULL,
	"popularity" integer NOT NULL,
	"document" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_document_idx" ON "search_documents" USING gin ("document");--> statement-breakpoint
CREATE INDEX "search_documents_starts_at_idx" ON "search_documents" USING btree ("starts_at","event_id");--> statement-breakpoint
CREATE INDEX "search_documents_city_idx" ON "search_documents" USING btree (search_normalize("city"));--> statement-breakpoint
CREATE INDEX "search_documents_latitude_idx" ON "search_documents" USING btree ("latitude");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gist ("word" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_words_prefix_idx" ON "search_words" USING btree ("word" text_pattern_ops);
--> statement-breakpoint
-- Written by hand (drizzle-kit cannot express triggers): every change that a search
-- document shows adds a search_outbox row in the transaction that makes it, whoever
-- writes it (API, seed, SQL by hand). Inserts and deletes are statement triggers
-- over their transition tables, so a bulk load adds one INSERT per statement;
-- updates are row triggers limited to the columns documents show.

-- One row per event of the statement's inserted or deleted rows; TG_ARGV[0] names the event id column.
CREATE FUNCTION search_outbox_add_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO search_outbox (event_id) SELECT DISTINCT %I FROM %I', TG_ARGV[0],
                 CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The event of an updated row (both events, if the row moved); TG_ARGV[0] names the event id column.
CREATE FUNCTION search_outbox_add_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_outbox (event_id)
  SELECT DISTINCT id FROM (VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::integer), ((to_jsonb(NEW) ->> TG_ARGV[0])::integer)) AS ids (id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION search_outbox_add_performer_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_outbox (event_id) SELECT event_id FROM event_performers WHERE performer_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION search_outbox_add_venue_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_outbox (event_id) SELECT id FROM events WHERE venue_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_events_inserted AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_events_deleted AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_events_updated AFTER UPDATE OF title, description, category, status, starts_at, venue_id, currency ON events
  FOR EACH ROW WHEN ((OLD.title, OLD.description, OLD.category, OLD.status, OLD.starts_at, OLD.venue_id, OLD.currency)
                     IS DISTINCT FROM (NEW.title, NEW.description, NEW.category, NEW.status, NEW.starts_at, NEW.venue_id, NEW.currency))
  EXECUTE FUNCTION search_outbox_add_updated('id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_prices_inserted AFTER INSERT ON event_sections REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_prices_deleted AFTER DELETE ON event_sections REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_prices_updated AFTER UPDATE ON event_sections
  FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION search_outbox_add_updated('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_bills_inserted AFTER INSERT ON event_performers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_bills_deleted AFTER DELETE ON event_performers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_bills_updated AFTER UPDATE ON event_performers
  FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION search_outbox_add_updated('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_performer_renamed AFTER UPDATE OF name ON performers
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION search_outbox_add_performer_events();
--> statement-breakpoint
CREATE TRIGGER search_outbox_venue_changed AFTER UPDATE OF name, city, country, latitude, longitude ON venues
  FOR EACH ROW WHEN ((OLD.name, OLD.city, OLD.country, OLD.latitude, OLD.longitude) IS DISTINCT FROM (NEW.name, NEW.city, NEW.country, NEW.latitude, NEW.longitude))
  EXECUTE FUNCTION search_outbox_add_venue_events();
--> statement-breakpoint
-- Sales and cancellations move an event's availability and popularity.
CREATE TRIGGER search_outbox_booking_made AFTER INSERT ON bookings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_add_rows('event_id');
--> statement-breakpoint
CREATE TRIGGER search_outbox_booking_status AFTER UPDATE OF status ON bookings
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION search_outbox_add_updated('event_id');
--> statement-breakpoint
-- Written by hand: events that exist before this migration are indexed by the indexer like any change.
INSERT INTO search_outbox (event_id) SELECT id FROM events ORDER BY id;
