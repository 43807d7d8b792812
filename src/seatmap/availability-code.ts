/**
 * The compact form of a section's ticket statuses (schema/seatmap.graphql,
 * SeatMapSection.availability): one letter per ticket (A, H, S) run-length
 * encoded as count then letter, so long stretches of one status cost a few bytes.
 */
export function encodeRuns(letters: string): string {
  let code = '';
  for (let start = 0; start < letters.length;) {
    let end = start + 1;
    while (end < letters.length && letters[end] === letters[start]) end++;
    code += `${end - start}${letters[start]}`;
    start = end;
  }
  return code;
}
