/** What an organizer does to one event from its row: publish a draft, follow its sales, cancel it (after confirming). */
import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';

import { type EventStatus, WebCancelEventDocument, WebPublishEventDocument } from '../generated/graphql';
import { Sales } from './sales';

interface ActionProps {
  eventId: string;
  /** The id of the event's title, which describes each button of the row. */
  titleId: string;
  /** Says what happened, for the page's status line. */
  notify(message: string): void;
}

export function EventActions({ status, ...props }: ActionProps & { status: EventStatus }) {
  if (status === 'DRAFT') return <Publish {...props} />;
  return (
    <>
      <SalesToggle {...props} />
      {(status === 'ON_SALE' || status === 'SOLD_OUT') && <Cancel {...props} />}
    </>
  );
}

function Publish({ eventId, titleId, notify }: ActionProps) {
  const [{ fetching }, publish] = useMutation(WebPublishEventDocument);
  const [problem, setProblem] = useState('');
  async function onClick() {
    const result = await publish({ input: { eventId } });
    const payload = result.data?.publishEvent;
    const refusal = payload?.userErrors[0]?.message ?? (payload ? '' : (result.error?.message ?? 'The event could not be published.'));
    setProblem(refusal);
    if (!refusal) notify(`${payload!.event!.title} is on sale.`);
  }
  return (
    <div className="event-actions">
      <button type="button" className="primary" aria-describedby={titleId} disabled={fetching} onClick={onClick}>
        Publish
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function SalesToggle({ eventId, titleId }: ActionProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="event-actions">
      <button type="button" aria-expanded={open} aria-controls={panelId} aria-describedby={titleId} onClick={() => setOpen(!open)}>
        {open ? 'Hide sales' : 'Show sales'}
      </button>
      <div id={panelId}>{open && <Sales eventId={eventId} />}</div>
    </div>
  );
}

/** Cancelling refunds every booking and cannot be undone: the first button only opens the form that confirms it. */
function Cancel({ eventId, titleId, notify }: ActionProps) {
  const [open, setOpen] = useState(false);
  const [{ fetching }, cancel] = useMutation(WebCancelEventDocument);
  const [problem, setProblem] = useState('');
  const formId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    const result = await cancel({ input: { eventId, reason } });
    const payload = result.data?.cancelEvent;
    const refusal = payload?.userErrors[0]?.message ?? (payload ? '' : (result.error?.message ?? 'The event could not be cancelled.'));
    setProblem(refusal);
    if (!refusal) notify(`${payload!.event!.title} is cancelled; its bookings are being refunded.`);
  }

  return (
    <div className="event-actions">
      <button type="button" aria-expanded={open} aria-controls={formId} aria-describedby={titleId} onClick={() => setOpen(!open)}>
        Cancel event…
      </button>
      <div id={formId}>
        {open && (
          <form className="cancel-form" onSubmit={onSubmit}>
            <p>Cancelling stops sales at once and refunds every booking in full. It cannot be undone.</p>
            <label htmlFor={`${formId}-reason`}>Reason, shown to fans</label>
            <textarea id={`${formId}-reason`} name="reason" required maxLength={1000} rows={2} autoFocus />
            {problem && (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
            <div className="event-actions">
              <button type="submit" className="danger" disabled={fetching}>
                Cancel this event
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                Keep it
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
