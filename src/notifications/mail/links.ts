/** The web app's pages the e-mails link to, under PUBLIC_URL. */
import type { Site } from './types.js';

export const bookingUrl = (site: Site, bookingId: string): string => `${site.publicUrl}/bookings/${encodeURIComponent(bookingId)}`;
export const eventUrl = (site: Site, eventId: string): string => `${site.publicUrl}/events/${encodeURIComponent(eventId)}`;
