/** An event's sales as its organizer sees them, read again every few seconds while shown (the API has no sales subscription). */
import { useEffect } from 'react';
import { useQuery } from 'urql';

import { formatMoney } from '../format';
import { WebEventSalesDocument } from '../generated/graphql';

const REFRESH_MS = 5_000;

export function Sales({ eventId }: { eventId: string }) {
  const [{ data, error }, refresh] = useQuery({ query: WebEventSalesDocument, variables: { id: eventId }, requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => refresh({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const sales = data?.event?.sales;
  if (!sales) return error ? <p className="error">The sales could not be loaded: {error.message}</p> : <p role="status">Loading sales…</p>;
  return (
    <div className="sales">
      <dl className="sales-totals">
        <Total label="Tickets sold" value={sales.ticketsSold.toLocaleString()} />
        <Total label="Held by fans paying now" value={sales.ticketsHeld.toLocaleString()} />
        <Total label="Available" value={sales.ticketsAvailable.toLocaleString()} />
        <Total label="Gross revenue" value={formatMoney(sales.grossRevenue)} />
        <Total label="Refunded" value={formatMoney(sales.refunded)} />
        <Total label="Net revenue" value={formatMoney(sales.netRevenue)} />
      </dl>
      <table className="sales-sections">
        <caption>By section (confirmed bookings)</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Sold</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {sales.bySection.map(({ section, ticketsSold, revenue }) => (
            <tr key={section.id}>
              <th scope="row">{section.name}</th>
              <td>{ticketsSold.toLocaleString()}</td>
              <td>{formatMoney(revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Updated every {REFRESH_MS / 1000} seconds.</p>
    </div>
  );
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
