/** Helpers for DataLoader batch functions, which must answer in the order of their keys. */
import DataLoader from 'dataloader';

/** The row with each key, or undefined. */
export function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | undefined)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key));
}

/** The rows with each key, in their order in `rows`. */
export function groupByKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/**
 * A DataLoader of pages: the keys of one batch are grouped by their page
 * arguments (`argumentsOf`), and each group is loaded with one call (one
 * statement), whose failure fails that group's keys only.
 */
export function pageLoader<K extends object, V>(argumentsOf: (key: K) => string, load: (keys: K[]) => Promise<V[]>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => {
        const page = argumentsOf(key);
        const group = groups.get(page);
        if (group) group.push(i);
        else groups.set(page, [i]);
      });
      const values = new Array<V | Error>(keys.length);
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          try {
            const pages = await load(indexes.map((i) => keys[i]!));
            indexes.forEach((index, j) => (values[index] = pages[j]!));
          } catch (error) {
            // A bad cursor fails the pages that share it, not the other groups'.
            indexes.forEach((index) => (values[index] = error instanceof Error ? error : new Error(String(error))));
          }
        }),
      );
      return values;
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}
