/** Every change of the event's prices on sale, newest first, with the reason the repricer gave; older pages on demand. */
import { useState } from 'react';
import { useQuery } from 'urql';

import { formatEventDate, formatMoney } from '../format';
import { WebPriceHistoryDocument } from '../generated/graphql';
import { describeError } from '../me/user-errors';

export function PriceHistory({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  // One page component per cursor: each keeps its own query, and the last one offers the next.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <section id="price-history" aria-labelledby="price-history-heading" tabIndex={-1}>
      <h2 id="price-history-heading">Price history</h2>
      <ol className="price-history">
        {cursors.map((after, index) => (
          <HistoryPage
            key={after ?? ''}
            eventId={eventId}
            after={after}
            timeZone={timeZone}
            onMore={index === cursors.length - 1 ? (next) => setCursors([...cursors, next]) : undefined}
          />
        ))}
      </ol>
    </section>
  );
}

interface HistoryPageProps {
  eventId: string;
  after: string | null;
  timeZone: string;
  /** Present on the last page loaded: shows the next one. */
  onMore?(after: string): void;
}

function HistoryPage({ eventId, after, timeZone, onMore }: HistoryPageProps) {
  const [{ data, error }] = useQuery({ query: WebPriceHistoryDocument, variables: { id: eventId, after } });
  if (error) return <li className="error">{describeError(error)}</li>;
  const history = data?.event?.priceHistory;
  if (!history) return <li>Loading…</li>;
  if (!after && history.edges.length === 0) return <li>No price has changed yet.</li>;
  const { hasNextPage, endCursor } = history.pageInfo;
  return (
    <>
      {history.edges.map(({ cursor, node }) => (
        <li key={cursor}>
          <strong>{node.section.name}</strong>: {formatMoney(node.oldPrice)} to {formatMoney(node.newPrice)}, {formatEventDate(node.changedAt, timeZone)}.{' '}
          {node.reason}
        </li>
      ))}
      {onMore && hasNextPage && endCursor && (
        <li className="more">
          <button type="button" onClick={() => onMore(endCursor)}>
            Show older changes
          </button>
        </li>
      )}
    </>
  );
}
