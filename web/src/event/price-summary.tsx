/**
 * What tickets cost, all-in: the event's range, then each section's price and what is left; with DEMAND pricing
 * also the bounds each price moves within, and a link to every change so far.
 */
import { formatMoney } from '../format';
import type { EventData } from './event-page';

export function PriceSummary({ event }: { event: EventData }) {
  const { priceRange } = event;
  const demand = event.pricing.mode === 'DEMAND';
  if (!priceRange) return null;
  const range =
    priceRange.min.amount === priceRange.max.amount ? formatMoney(priceRange.min) : `${formatMoney(priceRange.min)} to ${formatMoney(priceRange.max)}`;
  return (
    <section aria-labelledby="prices-heading">
      <h2 id="prices-heading">Prices</h2>
      <p>
        {range} a ticket, all-in: no fees are added at checkout.
        {demand && (
          <>
            {' '}
            Prices move with demand, within the bounds below. <a href="#price-history">See how prices changed</a>
          </>
        )}
      </p>
      <table className="price-table">
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Price</th>
            {demand && <th scope="col">Bounds</th>}
            <th scope="col">Left</th>
          </tr>
        </thead>
        <tbody>
          {event.sections.map(({ section, price, priceBounds, availability }) => (
            <tr key={section.id}>
              <th scope="row">{section.name}</th>
              <td>{formatMoney(price)}</td>
              {demand && <td>{priceBounds ? `${formatMoney(priceBounds.floor)} to ${formatMoney(priceBounds.ceiling)}` : 'Fixed'}</td>}
              <td>{availability.available === 0 ? 'Sold out' : availability.available}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
