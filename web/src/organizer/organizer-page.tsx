/**
 * `/organizer`: an organizer's (or admin's) events, drafts included, with what can be done to each, and a form for
 * a new one. Anyone else is told why there is nothing here, and where to log in.
 */
import './organizer.css';

import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';

import { WebOrganizerMeDocument } from '../generated/graphql';
import { useSession } from '../session';
import { EventForm } from './event-form';
import { OrganizedEvents } from './organized-events';

export function OrganizerPage() {
  const { session } = useSession();
  return (
    <div className="organizer">
      <h1>Your events</h1>
      {session ? <OrganizersOnly /> : <NotForYou why="Log in with an organizer's account to run your events here." />}
    </div>
  );
}

function OrganizersOnly() {
  const [{ data, error }] = useQuery({ query: WebOrganizerMeDocument });
  if (error) return <p className="error">Your account could not be loaded: {error.message}</p>;
  if (!data) return <p role="status">Loading…</p>;
  if (!data.me) return <NotForYou why="Your session has ended: log in again to run your events." />;
  if (data.me.role === 'FAN') return <NotForYou why="Your account is not an organizer's: only organizers and admins run events here." />;
  return <OrganizerTools />;
}

function NotForYou({ why }: { why: string }) {
  return (
    <p className="not-organizer">
      {why} <Link href="/me">Go to your account</Link>.
    </p>
  );
}

function OrganizerTools() {
  const [notice, setNotice] = useState('');
  const [creating, setCreating] = useState(false);
  const formId = useId();
  return (
    <>
      <p className="notice" role="status">
        {notice}
      </p>
      <section className="new-event" aria-labelledby="new-event-heading">
        <h2 id="new-event-heading">New event</h2>
        <button type="button" aria-expanded={creating} aria-controls={formId} onClick={() => setCreating(!creating)}>
          {creating ? 'Close the form' : 'Create an event'}
        </button>
        <div id={formId}>{creating && <EventForm onCreated={(title) => setNotice(`The draft ${title} is saved; publish it when it is ready.`)} />}</div>
      </section>
      <OrganizedEvents heading="Drafts" statuses={['DRAFT']} notify={setNotice} />
      <OrganizedEvents heading="On sale" statuses={['ON_SALE', 'SOLD_OUT']} notify={setNotice} />
      <OrganizedEvents heading="Cancelled and past" statuses={['CANCELLED', 'COMPLETED']} notify={setNotice} />
    </>
  );
}
