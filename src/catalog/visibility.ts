import type { EventStatus } from './types.js';

/** Statuses anyone may see. Drafts belong to their organizer alone. */
export const PUBLIC_STATUSES: readonly EventStatus[] = ['ON_SALE', 'SOLD_OUT', 'CANCELLED', 'COMPLETED'];

/** Statuses of events a buyer can still go to. */
export const UPCOMING_STATUSES: readonly EventStatus[] = ['ON_SALE', 'SOLD_OUT'];
