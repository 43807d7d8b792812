import { useState } from 'react';
import { useQuery } from 'urql';

import { type EventFilter, WebEventsDocument } from '../generated/graphql';
import { PAGE_SIZE, PagedList, PageItems, type PageProps } from './paged-list';

/** Events on sale or sold out that have not started, soonest first, page after page. */
export function UpcomingEvents() {
  // "Now" is fixed for the visit, to the minute: every page keeps the same filter, and the same variables let
  // the API's cacheable answers (GET, 30 s) serve fans who open the page in the same minute.
  const [filter] = useState<EventFilter>(() => ({ startsAfter: startOfMinute(new Date()).toISOString(), status: ['ON_SALE', 'SOLD_OUT'] }));
  return <PagedList label="Upcoming events" renderPage={(page) => <UpcomingPage filter={filter} {...page} />} />;
}

function UpcomingPage({ filter, after, onEnd }: PageProps & { filter: EventFilter }) {
  const [{ data, error }, retry] = useQuery({ query: WebEventsDocument, variables: { filter, first: PAGE_SIZE, after } });
  return <PageItems page={data?.events} error={error} onEnd={onEnd} onRetry={() => retry({ requestPolicy: 'network-only' })} />;
}

function startOfMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}
