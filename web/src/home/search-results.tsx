import { useMemo } from 'react';
import { useQuery } from 'urql';

import { WebSearchEventsDocument } from '../generated/graphql';
import { Facets } from './facets';
import { PAGE_SIZE, PagedList, PageItems, type PageProps } from './paged-list';
import { searchVariables } from './search-params';

type Variables = ReturnType<typeof searchVariables>;

/** The address's search: how many events match, facets to narrow it, and the results page by page. */
export function SearchResults({ params, onChange }: { params: URLSearchParams; onChange(next: URLSearchParams): void }) {
  const variables = useMemo(() => searchVariables(params), [params]);
  // The same query as the list's first page: urql answers both with one request.
  const [{ data, error }] = useQuery({ query: WebSearchEventsDocument, variables: { ...variables, first: PAGE_SIZE, after: null } });
  const result = data?.searchEvents;
  return (
    <div className="search-layout">
      <div className="search-narrowing">
        <Facets facets={result?.facets} params={params} onChange={onChange} />
      </div>
      <section aria-labelledby="results-heading" className="search-results">
        <h2 id="results-heading" aria-live="polite">
          {result ? `${result.totalCount} ${result.totalCount === 1 ? 'event' : 'events'} found` : error ? 'Search failed' : 'Searching…'}
        </h2>
        {error && !result && <p className="error">{error.graphQLErrors[0]?.message ?? 'The search could not be run; try again.'}</p>}
        {/* A new search starts again from its first page. */}
        <PagedList key={JSON.stringify(variables)} label="Search results" renderPage={(page) => <ResultsPage variables={variables} {...page} />} />
      </section>
    </div>
  );
}

function ResultsPage({ variables, after, onEnd }: PageProps & { variables: Variables }) {
  const [{ data, error }, retry] = useQuery({ query: WebSearchEventsDocument, variables: { ...variables, first: PAGE_SIZE, after } });
  return <PageItems page={data?.searchEvents} error={error} onEnd={onEnd} onRetry={() => retry({ requestPolicy: 'network-only' })} />;
}
