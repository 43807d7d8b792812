/**
 * A list of events that grows a page at a time over a Relay connection. Each page is a query of its own, after the
 * cursor the page before it ended at, so pages already shown stay as they are (and cached) while the next loads.
 * The next page loads when the end of the list scrolls near (an IntersectionObserver on the "Load more" button,
 * unless the list says otherwise) or when that button is pressed: the way in for keyboards, and for browsers
 * without the observer.
 */
import { Fragment, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { CombinedError } from 'urql';

import type { WebEventCardFragment } from '../generated/graphql';
import { EventCard } from './event-card';

/** Events a page of cards holds: a few rows of the grid, or a phone's few screens. */
export const PAGE_SIZE = 12;

/** Where a loaded page ends: the cursor the next page starts after, or null when none follows. */
export type PageEnd = string | null;

export interface PageProps {
  /** The cursor this page starts after; null for the first page. */
  after: string | null;
  /** Each page calls it once loaded; the list listens to its last page only. */
  onEnd(end: PageEnd): void;
}

const ignore = () => {};

interface PagedListProps {
  label: string;
  renderPage(props: PageProps): ReactNode;
  /** The list's class: a grid of cards by default. */
  className?: string;
  /** False for a list that grows only when asked to (a page with several lists). */
  loadOnScroll?: boolean;
}

export function PagedList({ label, renderPage, className = 'event-list', loadOnScroll = true }: PagedListProps) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // Undefined while the last page is loading.
  const [next, setNext] = useState<PageEnd | undefined>(undefined);
  const loadMore = useCallback(() => {
    if (!next) return;
    setCursors((shown) => (shown.includes(next) ? shown : [...shown, next]));
    setNext(undefined);
  }, [next]);
  const loading = next === undefined;
  return (
    <>
      <ol className={className} aria-label={label}>
        {cursors.map((after, i) => (
          <Fragment key={after ?? ''}>{renderPage({ after, onEnd: i === cursors.length - 1 ? setNext : ignore })}</Fragment>
        ))}
      </ol>
      {loading && (
        <p className="muted" role="status">
          Loading events…
        </p>
      )}
      {/* Kept while the next page loads, so a keyboard user's focus stays on it. */}
      {(next || (loading && cursors.length > 1)) && <LoadMore loading={loading} observe={loadOnScroll} onMore={loadMore} />}
    </>
  );
}

function LoadMore({ loading, observe, onMore }: { loading: boolean; observe: boolean; onMore(): void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = button.current;
    if (loading || !observe || !element || typeof IntersectionObserver === 'undefined') return;
    // Starts a little before the end is in view, so scrolling rarely has to wait.
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && onMore(), { rootMargin: '300px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading, observe, onMore]);
  return (
    <p className="load-more">
      <button ref={button} type="button" aria-disabled={loading} onClick={loading ? undefined : onMore}>
        Load more events
      </button>
    </p>
  );
}

/** A page's connection as the list needs it. */
interface PageOfEvents {
  edges: readonly { node: WebEventCardFragment; highlight?: string }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Tells the list where a page ends once it has loaded (or failed: then nothing more loads until it is retried). */
export function usePageEnd(page: { pageInfo: PageOfEvents['pageInfo'] } | undefined, error: CombinedError | undefined, onEnd: PageProps['onEnd']) {
  useEffect(() => {
    if (page) onEnd(page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null);
    else if (error) onEnd(null);
  }, [page, error, onEnd]);
}

/** A page's events as cards in the list, or why there are none; tells the list where the page ends. */
export function PageItems({
  page,
  error,
  onEnd,
  onRetry,
}: {
  page: PageOfEvents | undefined;
  error?: CombinedError;
  onEnd: PageProps['onEnd'];
  onRetry(): void;
}) {
  usePageEnd(page, error, onEnd);
  if (error && !page) {
    return (
      <li className="error" role="alert">
        The events could not be loaded.{' '}
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </li>
    );
  }
  if (page?.edges.length === 0) return <li className="muted">No events found.</li>;
  return page?.edges.map(({ node, highlight }) => (
    <li key={node.id}>
      <EventCard event={node} highlight={highlight} />
    </li>
  ));
}
