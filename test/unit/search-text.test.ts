/**
 * How search compares words (src/search/text.ts), on its own: the typos it forgives, how it
 * counts them, and what it takes for the same word. test/search/ runs them against an index.
 */
import { describe, expect, it } from 'vitest';

import { highlight, normalizeWord, queryWords, typoDistance, typosAllowed } from '../../src/search/text.js';

describe('typosAllowed', () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 1],
    [7, 1],
    [8, 2],
    [30, 2],
  ])('forgives a word of %i letters %i typos', (length, typos) => {
    expect(typosAllowed(length)).toBe(typos);
  });
});

describe('typoDistance', () => {
  it.each([
    ['swift', 'swift', 0, 'the same word'],
    ['swoft', 'swift', 1, 'one letter changed'],
    ['swiift', 'swift', 1, 'one letter added'],
    ['swft', 'swift', 1, 'one letter missing'],
    ['swfit', 'swift', 1, 'two neighbours swapped: one typo, not two'],
    ['gretta', 'greta', 1, 'the README example: a letter doubled'],
    ['lindqvsit', 'lindqvist', 1, 'the README example: a swap'],
    ['tayler', 'taylor', 1, 'a vowel'],
    ['kitten', 'sitting', 3, 'three edits'],
    ['ca', 'abc', 3, 'a swapped pair is not edited again (optimal string alignment, not full Damerau: 2)'],
    ['', 'abc', 3, 'from nothing'],
    ['', '', 0, 'nothing at all'],
  ])('%s to %s is %i: %s', (a, b, distance) => {
    expect(typoDistance(a, b, 5)).toBe(distance);
    expect(typoDistance(b, a, 5)).toBe(distance);
  });

  it('stops counting past the limit and answers limit + 1', () => {
    expect(typoDistance('kitten', 'sitting', 3)).toBe(3);
    expect(typoDistance('kitten', 'sitting', 2)).toBe(3);
    expect(typoDistance('kitten', 'sitting', 1)).toBe(2);
    expect(typoDistance('swift', 'swoft', 0)).toBe(1);
    // Lengths further apart than the limit: over it without looking at the letters.
    expect(typoDistance('ab', 'abcde', 2)).toBe(3);
    expect(typoDistance('ab', 'abcd', 2)).toBe(2);
  });
});

describe('normalizeWord', () => {
  it.each([
    ['Beyoncé', 'beyonce'],
    ['Mälarsalen', 'malarsalen'],
    ['CHLOÉ', 'chloe'],
    ['Ødegaard', 'odegaard'],
    ['Ægir', 'aegir'],
    ['Œuvre', 'oeuvre'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['Þór', 'thor'],
    ['Işık', 'isik'],
    ['Đorđe', 'dorde'],
    ['ONE2ONE', 'one2one'],
  ])('reads %s as %s', (word, normalized) => {
    expect(normalizeWord(word)).toBe(normalized);
  });
});

describe('queryWords', () => {
  it('splits on anything that is not a letter or digit, and normalizes each word', () => {
    expect(queryWords('  Gretta   LINDQVSIT!! ')).toEqual(['gretta', 'lindqvsit']);
    expect(queryWords('AC/DC: blink-182 & Chloé')).toEqual(['ac', 'dc', 'blink', '182', 'chloe']);
    expect(queryWords(' -- !! ')).toEqual([]);
  });
});

describe('highlight', () => {
  it('marks the words matched, and those starting with the prefix typed, whatever their case and accents, and escapes the rest', () => {
    const matched = { words: new Set(['chloe', 'tour']), prefixes: ['bapt'] };
    expect(highlight('Chloé Baptiste <Live> & "Tour" – tours', matched)).toBe(
      '<mark>Chloé</mark> <mark>Baptiste</mark> &lt;Live&gt; &amp; &quot;<mark>Tour</mark>&quot; – tours',
    );
    expect(highlight("Rock 'n' Roll", { words: new Set(), prefixes: [] })).toBe('Rock &#39;n&#39; Roll');
  });
});
