import type { WebSearchEventsQuery } from '../generated/graphql';
import { withParam } from './search-params';

type Facets = WebSearchEventsQuery['searchEvents']['facets'];

/** How the results spread over categories and cities; a value narrows the search to it, and again widens it back. */
export function Facets({ facets, params, onChange }: { facets: Facets | undefined; params: URLSearchParams; onChange(next: URLSearchParams): void }) {
  if (!facets) return null;
  return (
    <>
      <Facet title="Category" name="category" values={facets.category} label={categoryName} params={params} onChange={onChange} />
      <Facet title="City" name="city" values={facets.city} label={(city) => city} params={params} onChange={onChange} />
    </>
  );
}

interface FacetProps {
  title: string;
  /** The address's key for it. */
  name: string;
  values: Facets['city'];
  label(value: string): string;
  params: URLSearchParams;
  onChange(next: URLSearchParams): void;
}

function Facet({ title, name, values, label, params, onChange }: FacetProps) {
  const chosen = params.get(name);
  if (values.length === 0) return null;
  return (
    <section className="facet" aria-labelledby={`facet-${name}`}>
      <h2 id={`facet-${name}`}>{title}</h2>
      <ul>
        {values.map(({ value, count }) => (
          <li key={value}>
            <button
              type="button"
              className="facet-value"
              aria-pressed={value === chosen}
              onClick={() => onChange(withParam(params, name, value === chosen ? null : value))}
            >
              {label(value)} <span className="facet-count">({count})</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Concert" for CONCERT. */
function categoryName(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}
