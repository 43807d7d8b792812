/** `/`: upcoming events, or, once the fan searches or filters, the search's results; the search lives in the address. */
import './home.css';

import { useSearchParams } from 'wouter';

import { SearchBox } from './search-box';
import { SearchFilters } from './search-filters';
import { isSearch, withParam } from './search-params';
import { SearchResults } from './search-results';
import { UpcomingEvents } from './upcoming-events';

export function HomePage() {
  const [params, setParams] = useSearchParams();
  return (
    <div className="home">
      <h1>Events</h1>
      <SearchBox initial={params.get('q') ?? ''} onSearch={(text) => setParams(withParam(params, 'q', text))} />
      <SearchFilters params={params} onChange={setParams} />
      {isSearch(params) ? <SearchResults params={params} onChange={setParams} /> : <UpcomingEvents />}
    </div>
  );
}
