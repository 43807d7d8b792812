CREATE TABLE "waiting_room_latencies" (
	"process_id" text PRIMARY KEY NOT NULL,
	"counts" jsonb NOT NULL,
	"shared_at" timestamp with time zone NOT NULL
);
