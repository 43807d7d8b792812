import type {
  BookingResolvers,
  DailySalesResolvers,
  EventResolvers,
  EventSalesResolvers,
  SectionSalesResolvers,
  UserResolvers,
} from '../../generated/graphql.js';

export const Event: Pick<EventResolvers, 'sales' | 'bookings'> = {};
export const Booking: Pick<BookingResolvers, 'buyer'> = {};
export const User: Pick<UserResolvers, 'organizedEvents'> = {};
export const EventSales: EventSalesResolvers = {};
export const SectionSales: SectionSalesResolvers = {};
export const DailySales: DailySalesResolvers = {};
