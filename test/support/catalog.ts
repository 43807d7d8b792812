/** Where seeded test catalogs start; every seeded event is after it (see `events` in fixture.ts). */
export const ANCHOR = new Date('2030-01-01T00:00:00Z');
