import { Link } from 'wouter';

import { formatEventDate, formatMoney } from '../format';
import type { WebEventCardFragment } from '../generated/graphql';
import { Highlighted } from './highlighted';

/** One event in a list: the whole card opens the event (its title is the link; CSS stretches it over the card). */
export function EventCard({ event, highlight }: { event: WebEventCardFragment; highlight?: string }) {
  return (
    <article className="event-card">
      <h2>
        <Link href={`/events/${event.id}`}>{highlight ? <Highlighted html={highlight} /> : event.title}</Link>
      </h2>
      <p>
        <time dateTime={event.startsAt}>{formatEventDate(event.startsAt, event.venue.timezone)}</time>
      </p>
      <p>
        {event.venue.name}, {event.venue.city}
      </p>
      {/* Section prices are all-in: no fees are added at checkout. */}
      {event.priceRange && <p className="event-price">from {formatMoney(event.priceRange.min)} all-in</p>}
    </article>
  );
}
