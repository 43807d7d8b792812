/** The logged-in fan: who they are, logging out, and what they hold and bought. */
import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';

import { WebLogOutDocument, WebMeDocument } from '../generated/graphql';
import { useSession } from '../session';
import { MyBookings } from './my-bookings';
import { MyHolds } from './my-holds';
import { describeError } from './user-errors';

export function Account() {
  const { forget } = useSession();
  const [{ data, error }] = useQuery({ query: WebMeDocument });
  const [loggingOut, logOut] = useMutation(WebLogOutDocument);
  const me = data?.me;
  // The server no longer knows the token (logged out elsewhere, or a changed password): forget it here too.
  useEffect(() => {
    if (data && !data.me) forget();
  }, [data, forget]);

  async function endSession() {
    await logOut({});
    forget(); // also when the server could not be told: this browser forgets the token either way
  }

  if (!me) return error ? <p className="error">{describeError(error)}</p> : <p>Loading your account…</p>;
  return (
    <>
      <h1>My tickets</h1>
      <p className="who">
        Logged in as {me.name} ({me.email}).{' '}
        <button type="button" onClick={endSession} disabled={loggingOut.fetching}>
          Log out
        </button>
      </p>
      <MyHolds holds={me.holds ?? []} />
      <MyBookings />
    </>
  );
}
