-- Each of these was checked per ticket made (publishing 100,000 tickets took 2.3 s with them, 1.2 s
-- without), and deleting a seat or section looked for tickets naming it through every ticket, as no
-- index leads with either column: replacing a 500-seat plan took 3.7 s among a million tickets. A
-- venue's seats and sections are deleted only when updateVenue replaces its plan, which it does only
-- while no event at the venue has tickets, holding the venue's row against publishEvent.
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_seat_id_seats_id_fk";
