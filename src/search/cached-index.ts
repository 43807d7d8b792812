/**
 * A SearchIndex that answers repeated identical searches and suggestions from
 * a SearchCache. Requests arrive normalised (request.ts), so equal requests
 * have equal keys. A cache that fails is logged and skipped: search stays up
 * when Redis does not.
 */
import type { Logger } from '../logger.js';
import type { SearchCache } from './cache.js';
import type { SearchIndex } from './search-index.js';

export function cachedSearchIndex(index: SearchIndex, cache: SearchCache, logger: Logger): SearchIndex {
  async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let version: number | undefined;
    try {
      const found = await cache.read(key);
      if (found.entry && found.entry.version === found.version) return found.entry.value as T;
      version = found.version;
    } catch (error) {
      logger.warn({ err: error }, 'search cache unavailable; searching without it');
    }
    const value = await compute();
    // Stored under the version read before computing: if the index changed meanwhile, the entry is born stale.
    if (version !== undefined) {
      await cache.write(key, { version, value }).catch((error: unknown) => logger.warn({ err: error }, 'could not store a search in the cache'));
    }
    return value;
  }

  return {
    ...index,
    search: (request) => cached(`search:${JSON.stringify(request)}`, () => index.search(request)),
    suggest: (prefix, limit, now) =>
      // Suggestions are of upcoming events: "now" to the minute keeps requests within a minute equal.
      cached(`suggest:${JSON.stringify([prefix, limit, Math.floor(now.getTime() / 60_000)])}`, () => index.suggest(prefix, limit, now)),
  };
}
