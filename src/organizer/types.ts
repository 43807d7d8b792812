/** What the organizer tools hand the API: rows and report shapes, before they become GraphQL types (codegen.ts's mappers). */
import type { SectionRow } from '../catalog/types.js';
import type { eventCancellations } from '../db/schema.js';

/** An event's cancellation and how far its refunds have got. */
export type CancellationRow = typeof eventCancellations.$inferSelect;

/** An event's cancellation, with whether the caller may see its progress (the event's organizer and admins). */
export type CancellationView = CancellationRow & { progressVisible: boolean };

/** An event's sales at one moment; amounts in minor units of `currency`, the event's. */
export interface EventSalesView {
  currency: string;
  ticketsSold: number;
  ticketsHeld: number;
  ticketsAvailable: number;
  grossRevenue: number;
  refunded: number;
  /** grossRevenue less refunded: what the confirmed bookings were charged. */
  netRevenue: number;
  /** Every priced section of the event, in section order. */
  bySection: SectionSalesView[];
  /** Days with a sale, oldest first. */
  byDay: DailySalesView[];
}

/** A priced section's confirmed sales. */
export interface SectionSalesView {
  section: SectionRow;
  ticketsSold: number;
  revenue: number;
  currency: string;
}

/** One day's confirmed sales. */
export interface DailySalesView {
  /** YYYY-MM-DD in the venue's time zone. */
  date: string;
  ticketsSold: number;
  revenue: number;
  currency: string;
}
