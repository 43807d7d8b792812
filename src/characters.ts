/**
 * Text length as a person counts it, and as every limit of the API does (the
 * schema's @maxLength, and the domains' rules within it): in characters
 * (Unicode code points), so an emoji is one, not two UTF-16 units.
 */

/** The characters of `text`. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Whether `text` has more than `limit` characters; counts them only when its UTF-16 length says it might. */
export function exceedsCharacters(text: string, limit: number): boolean {
  return text.length > limit && characterCount(text) > limit; // never more code points than units
}
