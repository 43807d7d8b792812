/** What the organizer tools hand the API: rows and report shapes, before they become GraphQL types (codegen.ts's mappers). */
import type { eventCancellations } from '../db/schema.js';

/** An event's cancellation, with whether the caller may see its progress (the event's organizer and admins). */
export type CancellationView = typeof eventCancellations.$inferSelect & { progressVisible: boolean };

/** An event's sales at one moment; amounts in minor units of `currency`. */
export interface EventSalesView {
  currency: string;
  ticketsSold: number;
  ticketsHeld: number;
  ticketsAvailable: number;
  grossRevenue: number;
  refunded: number;
  bySection: SectionSalesView[];
  byDay: DailySalesView[];
}

export interface SectionSalesView {
  sectionId: number;
  ticketsSold: number;
  revenue: number;
  currency: string;
}

export interface DailySalesView {
  /** YYYY-MM-DD in the venue's time zone. */
  date: string;
  ticketsSold: number;
  revenue: number;
  currency: string;
}
