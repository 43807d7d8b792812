import type {
  BookingResolvers,
  DailySalesResolvers,
  EventResolvers,
  EventSalesResolvers,
  SectionSalesResolvers,
  UserResolvers,
} from '../../generated/graphql.js';

const money = (amount: number, currency: string) => ({ amount, currency });

/** The reports of Event: for its organizer and admins, null for anyone else. */
export const Event: Pick<EventResolvers, 'sales' | 'bookings'> = {
  sales: (event, _, { organizer }) => organizer.reports.salesOf(event),
  bookings: (event, { first, after }, { organizer }) => organizer.reports.bookingsOf(event, first, after),
};

export const Booking: Pick<BookingResolvers, 'buyer'> = {
  buyer: (booking, _, { organizer }) => organizer.reports.buyerOf(booking),
};

export const User: Pick<UserResolvers, 'organizedEvents'> = {
  organizedEvents: (user, { filter, first, after }, { organizer }) =>
    organizer.reports.organizedEventsOf(user, { statuses: filter?.status, startsAfter: filter?.startsAfter, startsBefore: filter?.startsBefore }, first, after),
};

export const EventSales: EventSalesResolvers = {
  grossRevenue: (sales) => money(sales.grossRevenue, sales.currency),
  refunded: (sales) => money(sales.refunded, sales.currency),
  netRevenue: (sales) => money(sales.netRevenue, sales.currency),
};

export const SectionSales: SectionSalesResolvers = {
  revenue: (section) => money(section.revenue, section.currency),
};

export const DailySales: DailySalesResolvers = {
  revenue: (day) => money(day.revenue, day.currency),
};
