CREATE TYPE "public"."pricing_mode" AS ENUM('FIXED', 'DEMAND');--> statement-breakpoint
CREATE TABLE "price_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"section_id" integer NOT NULL,
	"old_price" integer NOT NULL,
	"new_price" integer NOT NULL,
	"reason" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_policies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pricing_policies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"section_id" integer NOT NULL,
	"mode" "pricing_mode" NOT NULL,
	"floor" integer NOT NULL,
	"ceiling" integer NOT NULL,
	"max_step_percent" integer NOT NULL,
	"min_interval_seconds" integer NOT NULL,
	"target_sell_through_bp" integer NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pricing_policies_bounds" CHECK (0 <= "pricing_policies"."floor" AND "pricing_policies"."floor" <= "pricing_policies"."ceiling"),
	CONSTRAINT "pricing_policies_step" CHECK ("pricing_policies"."max_step_percent" BETWEEN 1 AND 25),
	CONSTRAINT "pricing_policies_interval" CHECK ("pricing_policies"."min_interval_seconds" >= 10),
	CONSTRAINT "pricing_policies_target" CHECK ("pricing_policies"."target_sell_through_bp" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "ticket_prices" jsonb;--> statement-breakpoint
ALTER TABLE "price_changes" ADD CONSTRAINT "price_changes_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pricing_policies" ADD CONSTRAINT "pricing_policies_event_id_section_id_event_sections_event_id_section_id_fk" FOREIGN KEY ("event_id","section_id") REFERENCES "public"."event_sections"("event_id","section_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_changes_event_idx" ON "price_changes" USING btree ("event_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "pricing_policies_section_effective_key" ON "pricing_policies" USING btree ("event_id","section_id","effective_at");