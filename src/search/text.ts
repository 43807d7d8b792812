/**
 * Words of queries and titles, compared as search compares them: without case
 * or accents, and with room for typos.
 */

/** Letters that carry no combining accent and so survive NFD, spelled as unaccent spells them. */
const LIGATURES: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

/** Lower case without accents: "Beyoncé" is "beyonce", "Ødegaard" is "odegaard" (as search_normalize in SQL). */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßđłþðı]/g, (letter) => LIGATURES[letter]!);
}

/** The words of a query, normalised, in order; punctuation separates words. */
export function queryWords(query: string): string[] {
  return (query.match(/[\p{L}\p{N}]+/gu) ?? []).map(normalizeWord);
}

/** Typos forgiven in a word of this length: none under 4 letters, one up to 7, two from 8 (Typesense's defaults, nearly). */
export function typosAllowed(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * Edits (insert, delete, substitute, or swap two neighbours) between two
 * words: the optimal string alignment distance, so "swfit" is one typo from
 * "swift". Stops counting past `limit` and returns limit + 1.
 */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > limit) return limit + 1;
    [beforePrevious, previous] = [previous, current];
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/** What a query matched in a text: whole words, and words that start with a prefix (the last word typed). */
export interface Matched {
  words: ReadonlySet<string>;
  prefixes: readonly string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** `text` HTML-escaped, with each word the query matched wrapped in <mark></mark>. */
export function highlight(text: string, matched: Matched): string {
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part); // the text between words
      const word = normalizeWord(part);
      const hit = matched.words.has(word) || matched.prefixes.some((prefix) => word.startsWith(prefix));
      return hit ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part);
    })
    .join('');
}
