/**
 * What the words of a query mean to the PostgreSQL index: each word as typed
 * when documents have it, else the words of the typo dictionary (search_words)
 * within its typo allowance; the last word also as a prefix of dictionary
 * words. (The dictionary holds only the first words of each description, see
 * postgres-index.ts: whether documents have a word is asked of them.) A word that matches nothing at all is
 * dropped, as Typesense drops it, so "taylor swift tickets" still finds the
 * shows. The result is a tsquery (AND of each word's alternatives) and what
 * to highlight.
 */
import type { Sql } from '../db/client.js';
import { knownWords } from './store/postgres-index.js';
import { type Matched, queryWords, typoDistance, typosAllowed } from './text.js';

export interface UnderstoodQuery {
  /** to_tsquery('simple', ...) text of what documents must match. */
  tsquery: string;
  /**
   * The same, for ranking: a last word typed in full is ranked as that word,
   * so that "swift" ranks Swift above Swiftie (a prefix would rank every word
   * it begins as a match).
   */
  rankQuery: string;
  matched: Matched;
}

/** Nearest indexed words (by trigram distance) checked for typos; a misspelling's intended word is nearly always among them. */
const CANDIDATES = 16;

const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * Null when no word of `text` matches anything. With `weights`, every word
 * must match in parts of documents of those weights (e.g. 'A': titles and performers).
 */
export async function understandQuery(sql: Sql, text: string, options: { weights?: string } = {}): Promise<UnderstoodQuery | null> {
  const typed = queryWords(text);
  if (typed.length === 0) return null;
  const rows = await knownWords(sql, typed, CANDIDATES);

  const weights = options.weights ?? '';
  const exactly = (word: string) => `${lexeme(word)}${weights ? `:${weights}` : ''}`;
  const beginning = (prefix: string) => `${lexeme(prefix)}:*${weights}`;
  const words = new Set<string>();
  const prefixes: string[] = [];
  const match: string[] = [];
  const rank: string[] = [];
  const group = (alternatives: string[]) => `(${[...new Set(alternatives)].join(' | ')})`;
  for (const { word, last, exact, begins, near } of rows) {
    if (begins) {
      match.push(beginning(word));
      rank.push(exact ? exactly(word) : beginning(word));
      prefixes.push(word);
      continue;
    }
    if (exact) {
      match.push(exactly(word));
      rank.push(exactly(word));
      words.add(word);
      continue;
    }
    const allowed = typosAllowed(word.length);
    const alternatives: string[] = [];
    for (const candidate of near) {
      if (typoDistance(word, candidate, allowed) <= allowed) {
        alternatives.push(exactly(candidate));
        words.add(candidate);
      } else if (last && typoDistance(word, candidate.slice(0, word.length), allowed) <= allowed) {
        alternatives.push(beginning(candidate.slice(0, word.length)));
        prefixes.push(candidate.slice(0, word.length));
      }
    }
    if (alternatives.length > 0) {
      match.push(group(alternatives));
      rank.push(group(alternatives));
    }
  }
  return match.length === 0 ? null : { tsquery: match.join(' & '), rankQuery: rank.join(' & '), matched: { words, prefixes } };
}
