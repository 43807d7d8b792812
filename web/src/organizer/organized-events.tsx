/** One of the organizer's lists of events (drafts, on sale, cancelled and past), each event with what can be done to it. */
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';

import { formatEventDate } from '../format';
import { type EventStatus, type WebOrganizedEventFragment, WebOrganizedEventsDocument } from '../generated/graphql';
import { PagedList, type PageProps, usePageEnd } from '../home/paged-list';
import { EventActions } from './event-actions';

const PAGE_SIZE = 20;

const STATUS_NAMES: Record<EventStatus, string> = {
  DRAFT: 'Draft',
  ON_SALE: 'On sale',
  SOLD_OUT: 'Sold out',
  CANCELLED: 'Cancelled',
  COMPLETED: 'Took place',
};

interface ListProps {
  heading: string;
  statuses: EventStatus[];
  notify(message: string): void;
}

export function OrganizedEvents({ heading, statuses, notify }: ListProps) {
  const headingId = `events-${statuses[0]!.toLowerCase()}`;
  return (
    <section className="organized" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <PagedList
        label={heading}
        className="organized-events"
        loadOnScroll={false}
        renderPage={(page) => <OrganizedPage statuses={statuses} notify={notify} {...page} />}
      />
    </section>
  );
}

function OrganizedPage({ statuses, notify, after, onEnd }: PageProps & Omit<ListProps, 'heading'>) {
  // Also read again after any change to an event (a draft created, published or cancelled), even when the list
  // was empty and so held no event for urql's cache to match the change against.
  const context = useMemo(() => ({ additionalTypenames: ['Event'] }), []);
  const [{ data, error }] = useQuery({ query: WebOrganizedEventsDocument, variables: { filter: { status: statuses }, first: PAGE_SIZE, after }, context });
  const page = data?.me?.organizedEvents ?? undefined;
  usePageEnd(page, error, onEnd);
  if (error && !page) return <li className="error">Your events could not be loaded: {error.message}</li>;
  if (page?.edges.length === 0 && after === null) return <li className="muted">None.</li>;
  return page?.edges.map(({ node }) => (
    <li key={node.id}>
      <OrganizedEvent event={node} notify={notify} />
    </li>
  ));
}

function OrganizedEvent({ event, notify }: { event: WebOrganizedEventFragment; notify(message: string): void }) {
  const titleId = `event-title-${event.id}`;
  const { cancellation } = event;
  return (
    <article className="organized-event">
      <h3 id={titleId}>
        <Link href={`/events/${event.id}`}>{event.title}</Link>
      </h3>
      <p>
        <span className={`event-status status-${event.status.toLowerCase()}`}>{STATUS_NAMES[event.status]}</span>{' '}
        <time dateTime={event.startsAt}>{formatEventDate(event.startsAt, event.venue.timezone)}</time> · {event.venue.name}, {event.venue.city}
      </p>
      {cancellation && (
        <p className="muted">
          Cancelled: {cancellation.reason}. Refunded {cancellation.refundedBookings ?? 0} of {cancellation.totalBookings ?? 0} bookings.
        </p>
      )}
      <EventActions eventId={event.id} status={event.status} titleId={titleId} notify={notify} />
    </article>
  );
}
