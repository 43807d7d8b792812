/**
 * Search as one request sees it (src/request-scope.ts): searches and
 * suggestions validated (request.ts) and answered by the configured index,
 * and the events of the hits as the caller may see them. Resolvers call it
 * as `context.search`; server.ts builds one per request.
 */
import { findEvent } from '../catalog/find.js';
import type { EventRow } from '../catalog/types.js';
import type { RequestScope } from '../request-scope.js';
import { type SearchArguments, searchRequest, suggestionRequest } from './request.js';
import type { SearchHit, SearchIndex, SearchResult, Suggestion } from './search-index.js';

export class SearchFacade {
  constructor(
    /** The configured backend behind the search cache. */
    private readonly index: SearchIndex,
    private readonly scope: RequestScope,
  ) {}

  /** Events matching the arguments (BAD_USER_INPUT naming the argument a person can fix). */
  searchEvents(args: SearchArguments): Promise<SearchResult> {
    return this.index.search(searchRequest(args, this.scope.clock()));
  }

  /** Up to `first` suggestions for what was typed; none for blank text. */
  suggestEvents(prefix: string, first: number | null | undefined): Promise<Suggestion[]> | Suggestion[] {
    const request = suggestionRequest(prefix, first);
    return request.prefix ? this.index.suggest(request.prefix, request.limit, this.scope.clock()) : [];
  }

  /**
   * The hits with their events, as the caller may see them. The index trails
   * the catalog by a moment: an event deleted or made a draft since is left out.
   */
  async hitsWithEvents({ hits }: SearchResult): Promise<(SearchHit & { event: EventRow })[]> {
    const events = await Promise.all(hits.map((hit) => findEvent(this.scope.loaders, this.scope.viewer, hit.eventId)));
    return hits.flatMap((hit, i) => (events[i] ? [{ ...hit, event: events[i] }] : []));
  }
}
