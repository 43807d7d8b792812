/**
 * Filters of a search: dates, a highest price, and "Near me" from the browser's geolocation (asked for only when
 * the fan presses it). The fields follow the address (Back, a shared link) and "Apply" writes them back to it.
 */
import { type FormEvent, useState } from 'react';

import { hasFilters, NEAR_RADIUS_KM, withoutFilters, withParam } from './search-params';

/** Currencies offered for the highest price, besides one the address already names. */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'SEK'];

export function SearchFilters({ params, onChange }: { params: URLSearchParams; onChange(next: URLSearchParams): void }) {
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState('');
  const addressed = { from: params.get('from') ?? '', to: params.get('to') ?? '', max: params.get('max') ?? '', currency: params.get('currency') ?? 'USD' };
  const [fields, setFields] = useState(addressed);
  // A new address (Back, a shared link, Clear) sets the fields again; the form stays, and so does its focus.
  const address = JSON.stringify(addressed);
  const [fieldsOf, setFieldsOf] = useState(address);
  if (fieldsOf !== address) {
    setFieldsOf(address);
    setFields(addressed);
  }
  const edit = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields((shown) => ({ ...shown, [name]: event.target.value })),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    let next = params;
    for (const key of ['from', 'to', 'max'] as const) next = withParam(next, key, fields[key].trim());
    onChange(withParam(next, 'currency', next.has('max') ? fields.currency : null));
  }

  function nearMe() {
    if (params.has('near')) return onChange(withParam(params, 'near', null));
    if (!('geolocation' in navigator)) return setLocationError('This browser cannot tell where you are.');
    setLocating(true);
    setLocationError('');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setLocating(false);
        // About a kilometre is near enough, and keeps the fan's exact position out of the address.
        onChange(withParam(params, 'near', `${coords.latitude.toFixed(2)},${coords.longitude.toFixed(2)}`));
      },
      () => {
        setLocating(false);
        setLocationError('Your location is not available: allow this site to use it to find events near you.');
      },
    );
  }

  return (
    // Folded away until wanted, or while the address sets none.
    <details className="search-filters" open={hasFilters(params) || undefined}>
      <summary>Filters</summary>
      <form aria-label="Filters" onSubmit={apply}>
        <div className="filter-dates">
          <label>
            From <input type="date" {...edit('from')} />
          </label>
          <label>
            To <input type="date" {...edit('to')} />
          </label>
        </div>
        <div className="filter-price">
          <label>
            Max price <input type="number" min={0} step="any" inputMode="decimal" {...edit('max')} />
          </label>
          <label>
            Currency
            <select {...edit('currency')}>
              {[...new Set([fields.currency, ...CURRENCIES])].map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
        </div>
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          <button type="button" aria-pressed={params.has('near')} disabled={locating} onClick={nearMe}>
            {locating ? 'Finding you…' : `Near me (${NEAR_RADIUS_KM} km)`}
          </button>
          {hasFilters(params) && (
            <button type="button" onClick={() => onChange(withoutFilters(params))}>
              Clear filters
            </button>
          )}
        </div>
        {locationError && (
          <p className="error" role="alert">
            {locationError}
          </p>
        )}
      </form>
    </details>
  );
}
