CREATE TYPE "public"."pass_status" AS ENUM('WAITING', 'ADMITTED', 'EXPIRED', 'LEFT');--> statement-breakpoint
CREATE TABLE "queue_passes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "queue_passes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"status" "pass_status" DEFAULT 'WAITING' NOT NULL,
	"number" integer,
	"joined_at" timestamp with time zone NOT NULL,
	"admitted_at" timestamp with time zone,
	"admitted_until" timestamp with time zone,
	"hold_id" bigint
);
--> statement-breakpoint
CREATE TABLE "waiting_room_queues" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"serving_number" integer DEFAULT 0 NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"numbered" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waiting_rooms" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"admit_per_minute" integer,
	"admission_ttl_seconds" integer DEFAULT 600 NOT NULL,
	"max_active_buyers" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waiting_rooms_admit_per_minute_positive" CHECK ("waiting_rooms"."admit_per_minute" > 0),
	CONSTRAINT "waiting_rooms_admission_ttl_positive" CHECK ("waiting_rooms"."admission_ttl_seconds" > 0),
	CONSTRAINT "waiting_rooms_max_active_buyers_positive" CHECK ("waiting_rooms"."max_active_buyers" > 0)
);
--> statement-breakpoint
ALTER TABLE "queue_passes" ADD CONSTRAINT "queue_passes_event_id_waiting_room_queues_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."waiting_room_queues"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_passes" ADD CONSTRAINT "queue_passes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_room_queues" ADD CONSTRAINT "waiting_room_queues_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_rooms" ADD CONSTRAINT "waiting_rooms_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_passes_event_user_key" ON "queue_passes" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_passes_event_number_key" ON "queue_passes" USING btree ("event_id","number");--> statement-breakpoint
CREATE INDEX "queue_passes_left_idx" ON "queue_passes" USING btree ("event_id","number") WHERE "queue_passes"."status" = 'LEFT';--> statement-breakpoint
CREATE INDEX "queue_passes_admitted_at_idx" ON "queue_passes" USING btree ("event_id","admitted_at") WHERE "queue_passes"."admitted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "queue_passes_admitted_idx" ON "queue_passes" USING btree ("event_id","admitted_until") WHERE "queue_passes"."status" = 'ADMITTED';