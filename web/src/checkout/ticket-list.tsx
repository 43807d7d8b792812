/** A booking's tickets: each seat with its price, its QR code to show at the door, and the code in letters. */
import './checkout.css';

import { formatMoney } from '../format';
import type { WebBookingFieldsFragment } from '../generated/graphql';
import { seatLabel } from './seat-label';

export function TicketList({ tickets }: { tickets: WebBookingFieldsFragment['tickets'] }) {
  return (
    <ul className="ticket-list">
      {tickets.map((ticket) => {
        const seat = seatLabel(ticket.section.name, ticket.row, ticket.number);
        return (
          <li key={ticket.id} className="ticket">
            <p>
              <strong>{seat}</strong> · {formatMoney(ticket.price)}
            </p>
            {ticket.qrCode && <img src={ticket.qrCode} alt={`QR code of the ticket for ${seat}`} width={200} height={200} />}
            {ticket.code && (
              <p className="ticket-code">
                Code: <code>{ticket.code}</code>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
