/** How a seat is named to assistive technology, on the map and in the list alike. */
import { formatMoney, type Money } from '../format';

/** "Section 101, row C, seat 7, available, $89.50"; a seat nobody can take now says "unavailable". */
export function seatName(section: string, row: string, number: number, available: boolean, price: Money): string {
  return `Section ${section}, row ${row}, seat ${number}, ${available ? 'available' : 'unavailable'}, ${formatMoney(price)}`;
}
