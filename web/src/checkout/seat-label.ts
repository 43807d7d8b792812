/** How a held or bought seat is named to the fan, as the seat map names it: "Section 101, row C, seat 7". */
export function seatLabel(section: string, row: string | null, number: number): string {
  return row === null ? `Section ${section}, general admission, ticket ${number}` : `Section ${section}, row ${row}, seat ${number}`;
}
