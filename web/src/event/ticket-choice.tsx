/** What the event page offers to buy now: seats, the waiting room in front of them, or why neither. */
import { formatEventDate } from '../format';
import { WaitingRoom } from '../waiting-room/waiting-room';
import type { EventData } from './event-page';
import { SALE_STATE_LABELS, type SaleState } from './sale-state';
import { SeatChoice } from './seat-choice';

export function TicketChoice({ event, state }: { event: EventData; state: SaleState }) {
  if (event.waitingRoom && (state === 'ON_SALE' || state === 'NOT_YET')) {
    return (
      <WaitingRoom eventId={event.id} opensAt={event.waitingRoom.opensAt} onSaleAt={event.onSaleAt} timeZone={event.venue.timezone}>
        {(admissionToken) => <SeatChoice event={event} admissionToken={admissionToken} />}
      </WaitingRoom>
    );
  }
  if (state === 'ON_SALE') return <SeatChoice event={event} />;
  if (state === 'NOT_YET') return <p className="sale-note">Tickets go on sale {formatEventDate(event.onSaleAt, event.venue.timezone)}.</p>;
  return <p className="sale-note">{SALE_STATE_LABELS[state]}: no tickets can be bought.</p>;
}
