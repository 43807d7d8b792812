/**
 * `/events/:id`: the event (when and where, in the venue's time zone; who; what it costs), then buying: the seat
 * choice, or the waiting room before it. With `?hold=<id>` the page is checkout for that hold instead, so a hold
 * has a link of its own (/me links to it) and Back returns to the seats.
 */
import './event.css';

import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';

import { Checkout } from '../checkout/checkout';
import { formatEventDate } from '../format';
import { WebEventPageDocument, type WebEventPageQuery } from '../generated/graphql';
import { describeError } from '../me/user-errors';
import { PriceHistory } from './price-history';
import { PriceSummary } from './price-summary';
import { SALE_STATE_LABELS, saleState } from './sale-state';
import { TicketChoice } from './ticket-choice';

export type EventData = NonNullable<WebEventPageQuery['event']>;

export function EventPage({ id }: { id: string }) {
  const [params] = useSearchParams();
  const holdId = params.get('hold');
  const [{ data, error }] = useQuery({ query: WebEventPageDocument, variables: { id } });
  const [now] = useState(Date.now);
  const event = data?.event;
  useEffect(() => {
    if (event) document.title = `${event.title} · Tickets`;
  }, [event]);

  if (!data) return error ? <p className="error">{describeError(error)}</p> : <p>Loading the event…</p>;
  if (!event) {
    return (
      <>
        <h1>Event not found</h1>
        <p>
          <Link href="/">See the events</Link>
        </p>
      </>
    );
  }
  const state = saleState(event, now);
  return (
    <article className="event-page">
      <header className="event-header">
        <h1>{event.title}</h1>
        {event.performers.length > 0 && <p className="performers">{event.performers.map((performer) => performer.name).join(', ')}</p>}
        <p>
          <time dateTime={event.startsAt}>{formatEventDate(event.startsAt, event.venue.timezone)}</time>
          <br />
          {event.venue.name}, {event.venue.city}
        </p>
        <p className={`sale-state sale-state-${state.toLowerCase()}`}>{SALE_STATE_LABELS[state]}</p>
      </header>
      {holdId ? (
        <Checkout holdId={holdId} eventId={event.id} />
      ) : (
        <>
          <PriceSummary event={event} />
          <TicketChoice event={event} state={state} />
          {event.description.trim() && (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading">About</h2>
              <p className="description">{event.description}</p>
            </section>
          )}
          {event.pricing.mode === 'DEMAND' && <PriceHistory eventId={event.id} timeZone={event.venue.timezone} />}
        </>
      )}
    </article>
  );
}
