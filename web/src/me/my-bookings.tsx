/** The fan's bookings, newest first, a page at a time. */
import { useState } from 'react';
import { useQuery } from 'urql';

import { WebMyBookingsDocument } from '../generated/graphql';
import { BookingCard } from './booking-card';
import { describeError } from './user-errors';

export function MyBookings() {
  // One page component per cursor: each keeps its own query, and the last one offers the next.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <section aria-labelledby="bookings-heading">
      <h2 id="bookings-heading">Bookings</h2>
      {cursors.map((after, index) => (
        <BookingsPage key={after ?? ''} after={after} onMore={index === cursors.length - 1 ? (next) => setCursors([...cursors, next]) : undefined} />
      ))}
    </section>
  );
}

function BookingsPage({ after, onMore }: { after: string | null; onMore?(after: string): void }) {
  const [{ data, error }] = useQuery({ query: WebMyBookingsDocument, variables: { after } });
  if (error) return <p className="error">{describeError(error)}</p>;
  const bookings = data?.me?.bookings;
  if (!bookings) return <p>Loading your bookings…</p>;
  if (!after && bookings.edges.length === 0) return <p>No bookings yet.</p>;
  const { hasNextPage, endCursor } = bookings.pageInfo;
  return (
    <>
      {bookings.edges.map(({ node }) => (
        <BookingCard key={node.id} booking={node} />
      ))}
      {onMore && hasNextPage && endCursor && (
        <button type="button" onClick={() => onMore(endCursor)}>
          Show older bookings
        </button>
      )}
    </>
  );
}
