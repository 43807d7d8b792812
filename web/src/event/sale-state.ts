/** Where an event's sale stands for a fan right now, which the API's status alone does not say (a sale opens at onSaleAt). */
import type { EventStatus } from '../generated/graphql';

export type SaleState = 'ON_SALE' | 'NOT_YET' | 'SOLD_OUT' | 'CANCELLED' | 'OVER' | 'DRAFT';

export const SALE_STATE_LABELS: Record<SaleState, string> = {
  ON_SALE: 'On sale',
  NOT_YET: 'Not yet on sale',
  SOLD_OUT: 'Sold out',
  CANCELLED: 'Cancelled',
  OVER: 'This event is over',
  DRAFT: 'Draft: not published',
};

export function saleState(event: { status: EventStatus; onSaleAt: string; startsAt: string }, now: number): SaleState {
  if (event.status === 'DRAFT' || event.status === 'CANCELLED' || event.status === 'SOLD_OUT') return event.status;
  if (event.status === 'COMPLETED' || Date.parse(event.startsAt) <= now) return 'OVER';
  return Date.parse(event.onSaleAt) > now ? 'NOT_YET' : 'ON_SALE';
}
