import type { EventStatus } from './types.js';

/** Statuses anyone may see. Drafts belong to their organizer alone. */
export const PUBLIC_STATUSES: readonly EventStatus[] = ['ON_SALE', 'SOLD_OUT', 'CANCELLED', 'COMPLETED'];

/** Every status: what the people who run events see of their own. */
export const EVERY_STATUS: readonly EventStatus[] = ['DRAFT', ...PUBLIC_STATUSES];

/** Statuses of events a buyer can still go to. */
export const UPCOMING_STATUSES: readonly EventStatus[] = ['ON_SALE', 'SOLD_OUT'];
