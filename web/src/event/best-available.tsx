/** "Best available": how many tickets, and optionally which section; the server picks the seats. */
import { useId } from 'react';

import { formatMoney } from '../format';
import type { EventData } from './event-page';

export interface BestAvailableChoice {
  quantity: number;
  /** A Section ID, or '' for the cheapest section with seats together. */
  sectionId: string;
}

interface BestAvailableProps {
  sections: EventData['sections'];
  limit: number;
  value: BestAvailableChoice;
  onChange(next: BestAvailableChoice): void;
  /** userErrors naming the fields, by field. */
  errors: Record<string, string>;
}

export function BestAvailable({ sections, limit, value, onChange, errors }: BestAvailableProps) {
  const id = useId();
  return (
    <div className="best-available">
      <div>
        <label htmlFor={`${id}-quantity`}>Tickets</label>
        <select
          id={`${id}-quantity`}
          value={value.quantity}
          onChange={(event) => onChange({ ...value, quantity: Number(event.target.value) })}
          aria-describedby={errors.quantity ? `${id}-quantity-error` : undefined}
        >
          {Array.from({ length: limit }, (_, index) => (
            <option key={index + 1}>{index + 1}</option>
          ))}
        </select>
        {errors.quantity && (
          <p id={`${id}-quantity-error`} className="error">
            {errors.quantity}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-section`}>Section</label>
        <select
          id={`${id}-section`}
          value={value.sectionId}
          onChange={(event) => onChange({ ...value, sectionId: event.target.value })}
          aria-describedby={errors.sectionId ? `${id}-section-error` : undefined}
        >
          <option value="">Any section, cheapest first</option>
          {sections
            .filter(({ availability }) => availability.available > 0)
            .map(({ section, price, availability }) => (
              <option key={section.id} value={section.id}>
                {section.name}: {formatMoney(price)} ({availability.available} left)
              </option>
            ))}
        </select>
        {errors.sectionId && (
          <p id={`${id}-section-error`} className="error">
            {errors.sectionId}
          </p>
        )}
      </div>
    </div>
  );
}
