import type { EventResolvers, TicketResolvers } from '../../generated/graphql.js';

/** The check-in fields of Ticket: its code and QR image, for its buyer alone. */
export const Ticket: Pick<TicketResolvers, 'code' | 'qrCode'> = {
  code: (ticket, _, { checkin }) => checkin.ticketCode(ticket),
  qrCode: (ticket, _, { checkin }) => checkin.ticketQrCode(ticket),
};

/** The check-in fields of Event: its staff and how many got in. */
export const Event: Pick<EventResolvers, 'staff' | 'checkIns'> = {
  staff: (event, _, { checkin }) => checkin.staffOf(event),
  checkIns: (event, _, { checkin }) => checkin.checkInsOf(event),
};
