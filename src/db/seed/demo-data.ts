/**
 * The fixed content of the demo catalog: fictional venues in real cities,
 * fictional performers, and the words the seed builds titles and extra names
 * from. A few names carry accents on purpose, so that accent-insensitive
 * search ("chloe baptiste", "malarsalen": the README's examples) has something
 * to find.
 */
import type { SectionDefinition } from '../../catalog/seat-layout.js';
import type { NewVenue } from '../../catalog/venues.js';

export type VenueKind = 'ARENA' | 'AMPHITHEATER' | 'THEATRE' | 'CONCERT_HALL' | 'CLUB' | 'COMEDY_CLUB';

export interface Country {
  /** ISO 4217; every event at a venue in this country is priced in it. */
  currency: string;
  /** Units of the currency that buy what one US dollar does, to turn the seed's USD price ranges into local prices. */
  perUsd: number;
  /** Prices are multiples of this many minor units (50: $89.50; 1000: 890 kr). */
  priceStep: number;
  /** "12 Main Street" rather than "Hauptstraße 12". */
  numberFirst: boolean;
  streets: readonly string[];
}

export const COUNTRIES: Readonly<Record<string, Country>> = {
  US: { currency: 'USD', perUsd: 1, priceStep: 50, numberFirst: true, streets: ['Main Street', 'Broadway', 'Market Street', 'Elm Street', 'Grand Avenue', 'Water Street', 'Union Street', 'Congress Avenue'] },
  CA: { currency: 'CAD', perUsd: 1.35, priceStep: 50, numberFirst: true, streets: ['King Street West', 'Queen Street East', 'Granville Street', 'Rue Sainte-Catherine Ouest', 'Jasper Avenue', 'Bloor Street West'] },
  GB: { currency: 'GBP', perUsd: 0.8, priceStep: 50, numberFirst: true, streets: ['High Street', 'Station Road', 'Church Street', 'Castle Street', 'Victoria Road', 'Mill Lane', 'Market Street'] },
  IE: { currency: 'EUR', perUsd: 0.92, priceStep: 50, numberFirst: true, streets: ['Dame Street', 'Camden Street', 'Parnell Street', 'Capel Street'] },
  DE: { currency: 'EUR', perUsd: 0.92, priceStep: 50, numberFirst: false, streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Gartenstraße', 'Lindenallee', 'Mühlenweg', 'Friedrichstraße'] },
  FR: { currency: 'EUR', perUsd: 0.92, priceStep: 50, numberFirst: true, streets: ['Rue de la République', 'Boulevard Voltaire', 'Rue Oberkampf', 'Avenue Jean Jaurès', 'Quai des Célestins'] },
  NL: { currency: 'EUR', perUsd: 0.92, priceStep: 50, numberFirst: false, streets: ['Kerkstraat', 'Prinsengracht', 'Molenstraat', 'Stationsweg', 'Witte de Withstraat'] },
  ES: { currency: 'EUR', perUsd: 0.92, priceStep: 50, numberFirst: false, streets: ['Calle Mayor', 'Gran Vía', 'Calle de Alcalá', 'Carrer de Pelai', 'Calle del Príncipe'] },
  SE: { currency: 'SEK', perUsd: 10.5, priceStep: 1000, numberFirst: false, streets: ['Storgatan', 'Drottninggatan', 'Kungsgatan', 'Vasagatan', 'Götgatan'] },
  AU: { currency: 'AUD', perUsd: 1.5, priceStep: 50, numberFirst: true, streets: ['George Street', 'Chapel Street', 'Hay Street', 'Brunswick Street', 'Oxford Street'] },
  NZ: { currency: 'NZD', perUsd: 1.65, priceStep: 50, numberFirst: true, streets: ['Queen Street', 'Ponsonby Road', 'Karangahape Road', 'Dominion Road'] },
};

export interface City {
  name: string;
  region: string | null;
  /** ISO 3166-1 alpha-2, a key of COUNTRIES. */
  country: string;
  latitude: number;
  longitude: number;
  /** IANA time zone. */
  timezone: string;
}

/** Where generated venues go when a large catalog needs more than the demo venues. */
export const CITIES: readonly City[] = [
  { name: 'New York', region: 'NY', country: 'US', latitude: 40.7128, longitude: -74.006, timezone: 'America/New_York' },
  { name: 'Los Angeles', region: 'CA', country: 'US', latitude: 34.0522, longitude: -118.2437, timezone: 'America/Los_Angeles' },
  { name: 'Chicago', region: 'IL', country: 'US', latitude: 41.8781, longitude: -87.6298, timezone: 'America/Chicago' },
  { name: 'Austin', region: 'TX', country: 'US', latitude: 30.2672, longitude: -97.7431, timezone: 'America/Chicago' },
  { name: 'Nashville', region: 'TN', country: 'US', latitude: 36.1627, longitude: -86.7816, timezone: 'America/Chicago' },
  { name: 'Atlanta', region: 'GA', country: 'US', latitude: 33.749, longitude: -84.388, timezone: 'America/New_York' },
  { name: 'Denver', region: 'CO', country: 'US', latitude: 39.7392, longitude: -104.9903, timezone: 'America/Denver' },
  { name: 'Seattle', region: 'WA', country: 'US', latitude: 47.6062, longitude: -122.3321, timezone: 'America/Los_Angeles' },
  { name: 'Boston', region: 'MA', country: 'US', latitude: 42.3601, longitude: -71.0589, timezone: 'America/New_York' },
  { name: 'Portland', region: 'OR', country: 'US', latitude: 45.5152, longitude: -122.6784, timezone: 'America/Los_Angeles' },
  { name: 'New Orleans', region: 'LA', country: 'US', latitude: 29.9511, longitude: -90.0715, timezone: 'America/Chicago' },
  { name: 'Minneapolis', region: 'MN', country: 'US', latitude: 44.9778, longitude: -93.265, timezone: 'America/Chicago' },
  { name: 'Philadelphia', region: 'PA', country: 'US', latitude: 39.9526, longitude: -75.1652, timezone: 'America/New_York' },
  { name: 'San Francisco', region: 'CA', country: 'US', latitude: 37.7749, longitude: -122.4194, timezone: 'America/Los_Angeles' },
  { name: 'Phoenix', region: 'AZ', country: 'US', latitude: 33.4484, longitude: -112.074, timezone: 'America/Phoenix' },
  { name: 'Toronto', region: 'ON', country: 'CA', latitude: 43.6532, longitude: -79.3832, timezone: 'America/Toronto' },
  { name: 'Montréal', region: 'QC', country: 'CA', latitude: 45.5017, longitude: -73.5673, timezone: 'America/Toronto' },
  { name: 'Vancouver', region: 'BC', country: 'CA', latitude: 49.2827, longitude: -123.1207, timezone: 'America/Vancouver' },
  { name: 'Calgary', region: 'AB', country: 'CA', latitude: 51.0447, longitude: -114.0719, timezone: 'America/Edmonton' },
  { name: 'London', region: 'England', country: 'GB', latitude: 51.5072, longitude: -0.1276, timezone: 'Europe/London' },
  { name: 'Manchester', region: 'England', country: 'GB', latitude: 53.4808, longitude: -2.2426, timezone: 'Europe/London' },
  { name: 'Glasgow', region: 'Scotland', country: 'GB', latitude: 55.8642, longitude: -4.2518, timezone: 'Europe/London' },
  { name: 'Bristol', region: 'England', country: 'GB', latitude: 51.4545, longitude: -2.5879, timezone: 'Europe/London' },
  { name: 'Leeds', region: 'England', country: 'GB', latitude: 53.8008, longitude: -1.5491, timezone: 'Europe/London' },
  { name: 'Dublin', region: 'County Dublin', country: 'IE', latitude: 53.3498, longitude: -6.2603, timezone: 'Europe/Dublin' },
  { name: 'Berlin', region: 'Berlin', country: 'DE', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin' },
  { name: 'Hamburg', region: 'Hamburg', country: 'DE', latitude: 53.5511, longitude: 9.9937, timezone: 'Europe/Berlin' },
  { name: 'München', region: 'Bayern', country: 'DE', latitude: 48.1351, longitude: 11.582, timezone: 'Europe/Berlin' },
  { name: 'Köln', region: 'Nordrhein-Westfalen', country: 'DE', latitude: 50.9375, longitude: 6.9603, timezone: 'Europe/Berlin' },
  { name: 'Paris', region: 'Île-de-France', country: 'FR', latitude: 48.8566, longitude: 2.3522, timezone: 'Europe/Paris' },
  { name: 'Lyon', region: 'Auvergne-Rhône-Alpes', country: 'FR', latitude: 45.764, longitude: 4.8357, timezone: 'Europe/Paris' },
  { name: 'Marseille', region: "Provence-Alpes-Côte d'Azur", country: 'FR', latitude: 43.2965, longitude: 5.3698, timezone: 'Europe/Paris' },
  { name: 'Amsterdam', region: 'Noord-Holland', country: 'NL', latitude: 52.3676, longitude: 4.9041, timezone: 'Europe/Amsterdam' },
  { name: 'Rotterdam', region: 'Zuid-Holland', country: 'NL', latitude: 51.9244, longitude: 4.4777, timezone: 'Europe/Amsterdam' },
  { name: 'Madrid', region: 'Comunidad de Madrid', country: 'ES', latitude: 40.4168, longitude: -3.7038, timezone: 'Europe/Madrid' },
  { name: 'Barcelona', region: 'Catalunya', country: 'ES', latitude: 41.3874, longitude: 2.1686, timezone: 'Europe/Madrid' },
  { name: 'Stockholm', region: 'Stockholms län', country: 'SE', latitude: 59.3293, longitude: 18.0686, timezone: 'Europe/Stockholm' },
  { name: 'Göteborg', region: 'Västra Götaland', country: 'SE', latitude: 57.7089, longitude: 11.9746, timezone: 'Europe/Stockholm' },
  { name: 'Sydney', region: 'NSW', country: 'AU', latitude: -33.8688, longitude: 151.2093, timezone: 'Australia/Sydney' },
  { name: 'Melbourne', region: 'VIC', country: 'AU', latitude: -37.8136, longitude: 144.9631, timezone: 'Australia/Melbourne' },
  { name: 'Brisbane', region: 'QLD', country: 'AU', latitude: -27.4698, longitude: 153.0251, timezone: 'Australia/Brisbane' },
  { name: 'Perth', region: 'WA', country: 'AU', latitude: -31.9523, longitude: 115.8613, timezone: 'Australia/Perth' },
  { name: 'Auckland', region: 'Auckland', country: 'NZ', latitude: -36.8485, longitude: 174.7633, timezone: 'Pacific/Auckland' },
];

/** A section of the seed's, with its tier, which prices it: 0 is the best (and dearest) part of the house. */
export type TieredSection = SectionDefinition & { tier: number };

/** A venue with its seat map, as stored, plus its kind (which picks its shows and prices). */
export interface VenueDefinition extends NewVenue {
  kind: VenueKind;
  sections: readonly TieredSection[];
}

/**
 * A 20,000-capacity arena: two rings of twelve reserved sections (25 rows of
 * 30) around a 2,000-place standing floor. The long sides (around 90° and
 * 270°) face the middle of the court or stage, so they are priced higher.
 */
export function arenaSections(): TieredSection[] {
  const ring = (level: 1 | 2, radius: number): TieredSection[] =>
    Array.from({ length: 12 }, (_, i) => {
      const middle = i * 30 + 15;
      const side = Math.abs(Math.sin((middle * Math.PI) / 180)) > 0.7;
      return {
        name: String(level * 100 + i + 1),
        kind: 'RESERVED',
        tier: (level === 1 ? 0 : 2) + (side ? 0 : 1),
        rows: 25,
        seatsPerRow: 30,
        layout: { shape: 'arc', radius, rowGap: 0.85, from: i * 30 + 1, to: i * 30 + 29 },
      };
    });
  return [{ name: 'Floor', kind: 'GENERAL_ADMISSION', tier: 1, capacity: 2_000 }, ...ring(1, 36), ...ring(2, 60)];
}

/** The venues of the demo catalog; at 300 events they host everything. */
export const DEMO_VENUES: readonly VenueDefinition[] = [
  {
    name: 'Lakeshore Arena', kind: 'ARENA', address: '2100 South Harbor Drive',
    city: 'Chicago', region: 'IL', country: 'US', latitude: 41.852, longitude: -87.616, timezone: 'America/Chicago',
    sections: arenaSections(),
  },
  {
    name: 'Cedar Ridge Amphitheatre', kind: 'AMPHITHEATER', address: '18300 Cedar Ridge Road',
    city: 'Morrison', region: 'CO', country: 'US', latitude: 39.6654, longitude: -105.2057, timezone: 'America/Denver',
    sections: [
      { name: 'Reserved Center', kind: 'RESERVED', tier: 0, rows: 30, seatsPerRow: 50, layout: { shape: 'arc', radius: 12, rowGap: 1, from: 65, to: 115 } },
      { name: 'Reserved Left', kind: 'RESERVED', tier: 1, rows: 30, seatsPerRow: 30, layout: { shape: 'arc', radius: 12, rowGap: 1, from: 117, to: 150 } },
      { name: 'Reserved Right', kind: 'RESERVED', tier: 1, rows: 30, seatsPerRow: 30, layout: { shape: 'arc', radius: 12, rowGap: 1, from: 30, to: 63 } },
      { name: 'Lawn', kind: 'GENERAL_ADMISSION', tier: 2, capacity: 6_500 },
    ],
  },
  {
    name: 'The Regent Theatre', kind: 'THEATRE', address: '48 Shaftesbury Row',
    city: 'London', region: 'England', country: 'GB', latitude: 51.5115, longitude: -0.1318, timezone: 'Europe/London',
    sections: [
      { name: 'Stalls Centre', kind: 'RESERVED', tier: 0, rows: 24, seatsPerRow: 20, layout: { shape: 'arc', radius: 10, rowGap: 0.9, from: 62, to: 118 } },
      { name: 'Stalls Left', kind: 'RESERVED', tier: 1, rows: 24, seatsPerRow: 8, layout: { shape: 'arc', radius: 10, rowGap: 0.9, from: 120, to: 142 } },
      { name: 'Stalls Right', kind: 'RESERVED', tier: 1, rows: 24, seatsPerRow: 8, layout: { shape: 'arc', radius: 10, rowGap: 0.9, from: 38, to: 60 } },
      { name: 'Dress Circle', kind: 'RESERVED', tier: 1, rows: 10, seatsPerRow: 36, layout: { shape: 'arc', radius: 33, rowGap: 1, from: 45, to: 135 } },
      { name: 'Upper Circle', kind: 'RESERVED', tier: 2, rows: 14, seatsPerRow: 40, layout: { shape: 'arc', radius: 44, rowGap: 1, from: 45, to: 135 } },
    ],
  },
  {
    name: 'Théâtre des Étoiles', kind: 'THEATRE', address: '27 Rue des Martyrs',
    city: 'Paris', region: 'Île-de-France', country: 'FR', latitude: 48.879, longitude: 2.34, timezone: 'Europe/Paris',
    sections: [
      { name: 'Orchestre', kind: 'RESERVED', tier: 0, rows: 20, seatsPerRow: 30, layout: { shape: 'arc', radius: 9, rowGap: 0.9, from: 50, to: 130 } },
      { name: 'Corbeille', kind: 'RESERVED', tier: 1, rows: 8, seatsPerRow: 30, layout: { shape: 'arc', radius: 28, rowGap: 1, from: 45, to: 135 } },
      { name: 'Balcon', kind: 'RESERVED', tier: 2, rows: 10, seatsPerRow: 32, layout: { shape: 'arc', radius: 37, rowGap: 1, from: 45, to: 135 } },
    ],
  },
  {
    name: 'Harbourfront Concert Hall', kind: 'CONCERT_HALL', address: '410 Queens Quay West',
    city: 'Toronto', region: 'ON', country: 'CA', latitude: 43.6387, longitude: -79.3832, timezone: 'America/Toronto',
    sections: [
      { name: 'Stalls Front', kind: 'RESERVED', tier: 0, rows: 14, seatsPerRow: 36, layout: { shape: 'arc', radius: 8, rowGap: 0.9, from: 50, to: 130 } },
      { name: 'Stalls Rear', kind: 'RESERVED', tier: 1, rows: 14, seatsPerRow: 36, layout: { shape: 'arc', radius: 22, rowGap: 0.9, from: 50, to: 130 } },
      { name: 'Grand Tier', kind: 'RESERVED', tier: 0, rows: 8, seatsPerRow: 40, layout: { shape: 'arc', radius: 37, rowGap: 1, from: 40, to: 140 } },
      { name: 'Circle', kind: 'RESERVED', tier: 2, rows: 12, seatsPerRow: 44, layout: { shape: 'arc', radius: 46, rowGap: 1, from: 40, to: 140 } },
      { name: 'Gallery', kind: 'RESERVED', tier: 3, rows: 6, seatsPerRow: 40, layout: { shape: 'arc', radius: 59, rowGap: 1, from: 40, to: 140 } },
    ],
  },
  {
    name: 'Mälarsalen', kind: 'CONCERT_HALL', address: 'Norr Mälarstrand 64',
    city: 'Stockholm', region: 'Stockholms län', country: 'SE', latitude: 59.3275, longitude: 18.041, timezone: 'Europe/Stockholm',
    sections: [
      { name: 'Parkett', kind: 'RESERVED', tier: 0, rows: 22, seatsPerRow: 40, layout: { shape: 'arc', radius: 8, rowGap: 0.9, from: 50, to: 130 } },
      { name: 'Läktare', kind: 'RESERVED', tier: 1, rows: 12, seatsPerRow: 44, layout: { shape: 'arc', radius: 30, rowGap: 1, from: 45, to: 135 } },
    ],
  },
  {
    name: 'The Velvet Room', kind: 'CLUB', address: 'Warschauer Ufer 12',
    city: 'Berlin', region: 'Berlin', country: 'DE', latitude: 52.505, longitude: 13.447, timezone: 'Europe/Berlin',
    sections: [{ name: 'Floor', kind: 'GENERAL_ADMISSION', tier: 0, capacity: 450 }],
  },
  {
    name: 'Neon Harbour', kind: 'CLUB', address: '1520 Western Avenue',
    city: 'Seattle', region: 'WA', country: 'US', latitude: 47.611, longitude: -122.344, timezone: 'America/Los_Angeles',
    sections: [
      { name: 'Balcony', kind: 'GENERAL_ADMISSION', tier: 0, capacity: 200 },
      { name: 'Floor', kind: 'GENERAL_ADMISSION', tier: 1, capacity: 700 },
    ],
  },
  {
    name: 'The Larrikin Room', kind: 'COMEDY_CLUB', address: '318 Brunswick Street',
    city: 'Melbourne', region: 'VIC', country: 'AU', latitude: -37.799, longitude: 144.978, timezone: 'Australia/Melbourne',
    sections: [
      { name: 'Main Room', kind: 'RESERVED', tier: 0, rows: 12, seatsPerRow: 20, layout: { shape: 'grid', x: -6.7, y: 3, seatGap: 0.7, rowGap: 1.2 } },
    ],
  },
  {
    name: 'The Punchline Loft', kind: 'COMEDY_CLUB', address: '88 Grand Street',
    city: 'New York', region: 'NY', country: 'US', latitude: 40.721, longitude: -74.002, timezone: 'America/New_York',
    sections: [
      { name: 'Tables', kind: 'RESERVED', tier: 0, rows: 8, seatsPerRow: 15, layout: { shape: 'grid', x: -5.6, y: 2.5, seatGap: 0.8, rowGap: 1.4 } },
      { name: 'Bar Standing', kind: 'GENERAL_ADMISSION', tier: 1, capacity: 60 },
    ],
  },
];

export type PerformerKind = 'ARTIST' | 'BAND' | 'COMEDIAN' | 'TEAM' | 'COMPANY' | 'DJ';

export interface PerformerDefinition {
  name: string;
  kind: PerformerKind;
  /** Music genre, sport (teams), or what a company stages. */
  genre: string;
}

/** About sixty fictional acts. A team's genre is its sport, so a game pairs two teams of one genre. */
export const PERFORMERS: readonly PerformerDefinition[] = [
  { name: 'The Midnight Orchards', kind: 'BAND', genre: 'Indie' },
  { name: 'Velvet Static', kind: 'BAND', genre: 'Rock' },
  { name: 'Paper Lanterns', kind: 'BAND', genre: 'Indie' },
  { name: 'Copper Sky Revival', kind: 'BAND', genre: 'Country' },
  { name: 'Northbound Ghosts', kind: 'BAND', genre: 'Rock' },
  { name: 'The Saltwater Kings', kind: 'BAND', genre: 'Rock' },
  { name: 'Hollow Pines', kind: 'BAND', genre: 'Folk' },
  { name: 'Neon Cathedral', kind: 'BAND', genre: 'Electronic' },
  { name: 'Iron Meridian', kind: 'BAND', genre: 'Metal' },
  { name: 'Los Héroes del Sur', kind: 'BAND', genre: 'Latin' },
  { name: 'Die Flüsternden Wälder', kind: 'BAND', genre: 'Indie' },
  { name: 'Glass Harbor', kind: 'BAND', genre: 'Pop' },
  { name: 'The Lantern Choir', kind: 'BAND', genre: 'Folk' },
  { name: 'Brass Tacks Collective', kind: 'BAND', genre: 'Jazz' },
  { name: 'Ljósbrá', kind: 'BAND', genre: 'Post-Rock' },
  { name: 'Kingfisher Drive', kind: 'BAND', genre: 'Pop Punk' },
  { name: 'Zoé Marchand', kind: 'ARTIST', genre: 'Pop' },
  { name: 'Maya Okafor', kind: 'ARTIST', genre: 'R&B' },
  { name: 'Elliot Graves', kind: 'ARTIST', genre: 'Folk' },
  { name: 'Lucía Ferrán', kind: 'ARTIST', genre: 'Latin' },
  { name: 'Jonah Whitlock', kind: 'ARTIST', genre: 'Country' },
  { name: 'Amara Stone', kind: 'ARTIST', genre: 'Soul' },
  { name: 'Nils Åberg', kind: 'ARTIST', genre: 'Jazz' },
  { name: 'Priya Raman', kind: 'ARTIST', genre: 'Pop' },
  { name: 'Ingrid Sørlie', kind: 'ARTIST', genre: 'Folk' },
  { name: 'Kenji Arata', kind: 'ARTIST', genre: 'Jazz' },
  { name: 'Dani Cruz', kind: 'ARTIST', genre: 'Hip-Hop' },
  { name: 'MC Ridgeback', kind: 'ARTIST', genre: 'Hip-Hop' },
  { name: 'Sienna Vale', kind: 'ARTIST', genre: 'Pop' },
  { name: 'Camille Dufresne', kind: 'ARTIST', genre: 'Chanson' },
  { name: 'Theo Castellane', kind: 'ARTIST', genre: 'Classical' },
  { name: 'Frédéric Ancel', kind: 'ARTIST', genre: 'Classical' },
  { name: 'Rafaela Montoya', kind: 'ARTIST', genre: 'Classical' },
  { name: 'DJ Kairo', kind: 'DJ', genre: 'House' },
  { name: 'Lumen & Vex', kind: 'DJ', genre: 'Techno' },
  { name: 'Solène', kind: 'DJ', genre: 'House' },
  { name: 'Nightshift Nomad', kind: 'DJ', genre: 'Drum & Bass' },
  { name: 'Mira Volt', kind: 'DJ', genre: 'Techno' },
  { name: 'Kaspar Ødegaard', kind: 'DJ', genre: 'Electronic' },
  { name: 'Hattie Okoro', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Sam Delgado', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Ronan Fitzgerald', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Greta Lindqvist', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Benji Moss', kind: 'COMEDIAN', genre: 'Improv' },
  { name: 'Chloé Baptiste', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Tom Archer-Vance', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Nadia Haddad', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'The Unrehearsed', kind: 'COMEDIAN', genre: 'Improv' },
  { name: 'Marcus Bellweather', kind: 'COMEDIAN', genre: 'Stand-Up' },
  { name: 'Lakeshore Lynx', kind: 'TEAM', genre: 'Basketball' },
  { name: 'Harbor City Herons', kind: 'TEAM', genre: 'Basketball' },
  { name: 'Prairie Thunder', kind: 'TEAM', genre: 'Basketball' },
  { name: 'Riverside Rockets', kind: 'TEAM', genre: 'Basketball' },
  { name: 'Northshore Wolves', kind: 'TEAM', genre: 'Ice Hockey' },
  { name: 'Granite Falls Grizzlies', kind: 'TEAM', genre: 'Ice Hockey' },
  { name: 'Ironbridge Blades', kind: 'TEAM', genre: 'Ice Hockey' },
  { name: 'Twin Rivers Otters', kind: 'TEAM', genre: 'Ice Hockey' },
  { name: 'Regent Repertory Company', kind: 'COMPANY', genre: 'Drama' },
  { name: 'Lantern Stage Company', kind: 'COMPANY', genre: 'Musical' },
  { name: 'Compagnie du Rideau Rouge', kind: 'COMPANY', genre: 'Drama' },
  { name: 'Wonderwheel Family Theatre', kind: 'COMPANY', genre: 'Family' },
  { name: 'Cirque Aurora', kind: 'COMPANY', genre: 'Family' },
  { name: 'Crystal Ice Spectacular', kind: 'COMPANY', genre: 'Family' },
  { name: 'Harbourfront Philharmonic', kind: 'COMPANY', genre: 'Classical' },
  { name: 'Nordic Chamber Orchestra', kind: 'COMPANY', genre: 'Classical' },
];

export const TOUR_NAMES: readonly string[] = [
  'Midnight Bloom', 'Afterglow', 'Long Way Home', 'Wild Hearts', 'Northern Lights', 'Gravity', 'Neon Nights',
  'Paper Moon', 'Golden Hour', 'Satellite', 'Wanderlust', 'Echoes & Embers', 'Salt & Stone', 'Higher Ground',
  'Open Roads', 'Silver Linings', 'Big Sky', 'Undertow', 'Heatwave', 'Slow Burn', 'Lighthouse', 'Tidal',
];

export const COMEDY_SHOW_NAMES: readonly string[] = [
  'Mostly Harmless', 'Unfiltered', 'Overthinking It', 'Tell Me More', 'No Refunds', 'Work in Progress',
  'Small Talk', 'Bad Advice', 'Deeply Unserious', 'Trust Issues', 'Late Bloomer', 'Say Less',
];

export const PLAY_TITLES: readonly string[] = [
  "The Lighthouse Keeper's Daughter", 'A Winter in Vienna', 'Glass Orchard', 'Les Étoiles Perdues',
  'Paper Crowns: The Musical', "The Cartographer's Wife", 'Midsummer on Mercer Street', 'Copper & Thorn',
  'The Last Tram Home', 'Ashgrove Manor', 'The Velvet Verdict', 'Rosalind Rising', 'Café Lumière',
  'Twelve Chairs at Noon', 'The Ferryman’s Song', 'Brightwater: A New Musical',
];

export const FAMILY_SHOWS: readonly string[] = [
  'Pip and the Paper Moon', 'Dinosaur Detectives Live!', 'The Snow Queen on Ice', "Captain Comet's Space Circus",
  'Tales from the Toybox', 'The Whispering Treehouse', 'Circus of Tiny Wonders',
];

/** What orchestras play. */
export const ORCHESTRAL_PROGRAMMES: readonly string[] = [
  "Beethoven's Ninth", 'Mahler: Symphony No. 5', 'Brahms & Rachmaninoff', 'Holst: The Planets',
  'Vivaldi by Candlelight', 'Dvořák: New World Symphony', 'Tchaikovsky: Swan Lake Suite',
];

/** What soloists play. */
export const RECITAL_PROGRAMMES: readonly string[] = [
  'Chopin Nocturnes', 'Bach: The Goldberg Variations', 'Schubert Impromptus', 'Debussy & Ravel',
  'Liszt: Années de pèlerinage', 'Beethoven Sonatas',
];

export const FESTIVAL_NAMES: readonly string[] = [
  'Ridgeline Sound Festival', 'Summer Static', 'Golden Hour Festival', 'Wildflower Weekend', 'Bassline Summit',
  'Open Air Sessions',
];

/** Words that generated venue and performer names are built from. */
export const NAME_WORDS = {
  adjectives: [
    'Copper', 'Velvet', 'Blue', 'Crooked', 'Golden', 'Rusty', 'Silver', 'Hidden', 'Electric', 'Painted', 'Lucky', 'Wild',
    'Lonely', 'Northern', 'Little', 'Black', 'Crimson', 'Midnight', 'Hollow', 'Neon', 'Paper', 'Lunar', 'Restless',
    'Glass', 'Marble', 'Distant', 'Sunken', 'Burning', 'Wandering', 'Feral',
  ],
  nouns: [
    'Fox', 'Lantern', 'Anchor', 'Owl', 'Cellar', 'Parlour', 'Tavern', 'Door', 'Moth', 'Crow', 'Harbour', 'Stag',
    'Compass', 'Garage', 'Attic', 'Lounge', 'Basement', 'Works', 'Engine', 'Orchard', 'Sparrow', 'Comet', 'Tide',
    'Mountain', 'River', 'Saint', 'Tiger', 'Pilot', 'Machine', 'Echo',
  ],
  theatreNames: [
    'Alhambra', 'Majestic', 'Orpheum', 'Lyric', 'Empire', 'Palace', 'Royal', 'Grand', 'Victoria', 'Apollo', 'Gaiety',
    'Rialto', 'Coliseum', 'Tivoli', 'Odeon', 'Playhouse', 'Paramount', 'Capitol',
  ],
  hallNames: ['Symphony', 'Harmony', 'Riverside', 'Festival', 'Memorial', 'Civic', 'Jubilee', 'Philharmonic'],
  firstNames: [
    'Ava', 'Leo', 'Maya', 'Noah', 'Zoé', 'Luca', 'Inès', 'Felix', 'Nora', 'Omar', 'Elena', 'Jonas', 'Aisha', 'Mateo',
    'Freya', 'Kai', 'Lena', 'Hugo', 'Sofia', 'Amir', 'Clara', 'Théo', 'Ingrid', 'Rosa', 'Emil', 'Yara', 'Dario', 'Hana',
    'Oskar', 'Léa', 'Miles', 'Iris', 'Ruben', 'Tessa', 'Jude', 'Anouk', 'Silas', 'Mei', 'Bruno', 'Esme',
  ],
  lastNames: [
    'Hart', 'Novak', 'Rivers', 'Lindqvist', 'Moreau', 'Okafor', 'Castillo', 'Brennan', 'Fischer', 'Ashdown', 'Kowalski',
    'Delacroix', 'Nakamura', 'Sørensen', 'Quinn', 'Vidal', 'Hale', 'Ortega', 'Blackwood', 'Müller', 'Santos', 'Kerr',
    'Lambert', 'Ibáñez', 'Frost', 'Marchetti', 'Haddad', 'Byrne', 'Åström', 'Calloway', 'Duarte', 'Pemberton', 'Yilmaz',
    'Varga', 'Oyelaran', 'Whitmore', 'Keller', 'Ferreira', 'Maddox', 'Lund',
  ],
  genres: ['Indie', 'Rock', 'Pop', 'Folk', 'Country', 'Hip-Hop', 'R&B', 'Soul', 'Jazz', 'Electronic', 'Metal', 'Latin', 'Punk'],
  djGenres: ['House', 'Techno', 'Drum & Bass', 'Electronic', 'Disco'],
  companyGenres: ['Drama', 'Musical', 'Family', 'Classical'],
} as const;
