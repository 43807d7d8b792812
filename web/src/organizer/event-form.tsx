/**
 * Creating an event as a draft on one of the organizer's venues: title, category, times (typed as the venue's
 * clocks show them), the currency and a price per section. What the API refuses is shown next to the field it names.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useMutation, useQuery } from 'urql';

import {
  type CreateEventInput,
  type EventCategory,
  WebCreateEventDocument,
  WebOrganizerVenuesDocument,
  type WebOrganizerVenuesQuery,
} from '../generated/graphql';
import { venueTimeToInstant } from './venue-time';

type Venue = NonNullable<NonNullable<WebOrganizerVenuesQuery['me']>['venues']>['edges'][number]['node'];

const CATEGORIES: { value: EventCategory; label: string }[] = [
  { value: 'CONCERT', label: 'Concert' },
  { value: 'SPORTS', label: 'Sports' },
  { value: 'THEATRE', label: 'Theatre' },
  { value: 'COMEDY', label: 'Comedy' },
  { value: 'FAMILY', label: 'Family' },
  { value: 'FESTIVAL', label: 'Festival' },
];

/** Messages by the form's field names; `form` for those that name no field of the form. */
type FieldErrors = Record<string, string>;

export function EventForm({ onCreated }: { onCreated(title: string): void }) {
  const [{ data, error }] = useQuery({ query: WebOrganizerVenuesDocument });
  const venues = data?.me?.venues?.edges.map((edge) => edge.node);
  if (error) return <p className="error">Your venues could not be loaded: {error.message}</p>;
  if (!venues) return <p role="status">Loading your venues…</p>;
  if (venues.length === 0) return <p>You have no venues yet: create one with the API's `createVenue`, then come back to put an event on it.</p>;
  return <DraftForm venues={venues} onCreated={onCreated} />;
}

function DraftForm({ venues, onCreated }: { venues: Venue[]; onCreated(title: string): void }) {
  const [venueId, setVenueId] = useState(venues[0]!.id);
  const venue = venues.find((v) => v.id === venueId) ?? venues[0]!;
  const [{ fetching }, createEvent] = useMutation(WebCreateEventDocument);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    const text = (name: string) => String(values.get(name) ?? '').trim();
    const currency = text('currency').toUpperCase();
    // Sections left blank stay unpriced: the draft saves, and publishing says what is missing.
    const priced = venue.sections.filter((section) => text(`price-${section.id}`) !== '');
    const input: CreateEventInput = {
      title: text('title'),
      description: text('description'),
      category: text('category') as EventCategory,
      venueId: venue.id,
      startsAt: venueTimeToInstant(text('startsAt'), venue.timezone),
      endsAt: venueTimeToInstant(text('endsAt'), venue.timezone),
      onSaleAt: venueTimeToInstant(text('onSaleAt'), venue.timezone),
      prices: priced.map((section) => ({ sectionId: section.id, amount: Math.round(Number(text(`price-${section.id}`)) * 100), currency })),
    };
    const result = await createEvent({ input });
    const payload = result.data?.createEvent;
    if (!payload) return setErrors({ form: result.error?.graphQLErrors[0]?.message ?? 'The event could not be created; try again.' });
    if (payload.userErrors.length > 0) return setErrors(byField(payload.userErrors, priced));
    setErrors({});
    form.reset();
    setVenueId(venues[0]!.id);
    onCreated(payload.event!.title);
  }

  const field = (name: string) => ({
    id: `new-event-${name}`,
    name,
    'aria-invalid': name in errors || undefined,
    'aria-describedby': name in errors ? `new-event-${name}-error` : undefined,
  });
  const problem = (name: string) =>
    errors[name] && (
      <span id={`new-event-${name}-error`} className="field-error">
        {errors[name]}
      </span>
    );

  return (
    <form className="event-form" onSubmit={submit}>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <Row label="Title" name="title" problem={problem('title')}>
        <input {...field('title')} required maxLength={200} />
      </Row>
      <Row label="Category" name="category" problem={problem('category')}>
        <select {...field('category')} required defaultValue="CONCERT">
          {CATEGORIES.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Row>
      <Row label="Venue" name="venueId" problem={problem('venueId')}>
        <select {...field('venueId')} value={venue.id} onChange={(event) => setVenueId(event.target.value)}>
          {venues.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}, {v.city}
            </option>
          ))}
        </select>
      </Row>
      <p className="muted">Times are the venue's local time ({venue.timezone}).</p>
      <Row label="Starts" name="startsAt" problem={problem('startsAt')}>
        <input {...field('startsAt')} type="datetime-local" required />
      </Row>
      <Row label="Ends" name="endsAt" problem={problem('endsAt')}>
        <input {...field('endsAt')} type="datetime-local" required />
      </Row>
      <Row label="On sale from" name="onSaleAt" problem={problem('onSaleAt')}>
        <input {...field('onSaleAt')} type="datetime-local" required />
      </Row>
      <Row label="Description (optional)" name="description" problem={problem('description')}>
        <textarea {...field('description')} maxLength={5000} rows={3} />
      </Row>
      <fieldset>
        <legend>Prices per ticket, all-in</legend>
        <Row label="Currency" name="currency" problem={problem('currency')}>
          <input {...field('currency')} required defaultValue="USD" pattern="[A-Za-z]{3}" maxLength={3} size={4} autoCapitalize="characters" />
        </Row>
        {/* Keyed by venue: another venue's sections start blank. */}
        <div key={venue.id}>
          {venue.sections.map((section) => (
            <Row
              key={section.id}
              label={`${section.name} (${section.kind === 'RESERVED' ? 'seats' : 'standing'}, ${section.capacity})`}
              name={`price-${section.id}`}
              problem={problem(`price-${section.id}`)}
            >
              <input {...field(`price-${section.id}`)} type="number" min={0} step="0.01" inputMode="decimal" />
            </Row>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={fetching}>
        Create draft
      </button>
    </form>
  );
}

function Row({ label, name, problem, children }: { label: string; name: string; problem: ReactNode; children: ReactNode }) {
  return (
    <div className="form-row">
      <label htmlFor={`new-event-${name}`}>{label}</label>
      {children}
      {problem}
    </div>
  );
}

/** Each user error by the form field it names (a price's by its section); the first error of a field wins. */
function byField(userErrors: readonly { message: string; field?: readonly string[] | null }[], priced: readonly { id: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { message, field } of userErrors) {
    // ["input", "title"], or ["input", "prices", "2", "amount"] for the third price sent.
    const [, name, index, part] = field ?? [];
    const section = name === 'prices' ? priced[Number(index)] : undefined;
    const key = section ? (part === 'currency' ? 'currency' : `price-${section.id}`) : name && FORM_FIELDS.has(name) ? name : 'form';
    errors[key] ??= message;
  }
  return errors;
}

const FORM_FIELDS = new Set(['title', 'category', 'venueId', 'startsAt', 'endsAt', 'onSaleAt', 'description']);
