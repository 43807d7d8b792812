/**
 * The waiting room in front of an event's seats: join, then a live place in line and estimated wait
 * (`queuePassChanged`, read out politely as they change), then, once admitted, the seat choice with the admission
 * token that reserveSeats needs, until the admission runs out.
 */
import './waiting-room.css';

import type { ReactNode } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';

import { Countdown } from '../checkout/countdown';
import { formatEventDate } from '../format';
import { WebJoinWaitingRoomDocument, WebMyQueuePassDocument, WebQueuePassChangedDocument } from '../generated/graphql';
import { LogInForm } from '../me/log-in-form';
import { describeError } from '../me/user-errors';
import { useSession } from '../session';

interface WaitingRoomProps {
  eventId: string;
  opensAt: string;
  onSaleAt: string;
  timeZone: string;
  /** The seat choice, for an admitted fan. */
  children(admissionToken: string): ReactNode;
}

export function WaitingRoom(props: WaitingRoomProps) {
  const { session } = useSession();
  return (
    <section className="waiting-room" aria-labelledby="waiting-room-heading">
      <h2 id="waiting-room-heading">Waiting room</h2>
      <p>
        Fans are let in to choose seats a few at a time, so the sale stays fair and fast. Those who join before the sale opens (
        {formatEventDate(props.onSaleAt, props.timeZone)}) get a place in line at random then; after that, first come, first served.
      </p>
      {session ? <Queue {...props} /> : <LogInForm heading="Log in to join the waiting room" level={3} />}
    </section>
  );
}

function Queue({ eventId, opensAt, timeZone, children }: WaitingRoomProps) {
  const [mine] = useQuery({ query: WebMyQueuePassDocument, variables: { eventId }, requestPolicy: 'network-only' });
  const [joined, join] = useMutation(WebJoinWaitingRoomDocument);
  const known = joined.data?.joinWaitingRoom?.pass ?? mine.data?.myQueuePass ?? null;
  // Only a fan with a pass may subscribe; its first answer is the pass as it is now.
  const [live] = useSubscription({ query: WebQueuePassChangedDocument, variables: { eventId }, pause: !known });
  const pass = (known && live.data?.queuePassChanged) || known;
  const failed = joined.error ?? mine.error ?? live.error;
  const problem = failed ? describeError(failed) : refusal(joined.data?.joinWaitingRoom?.userErrors[0], opensAt, timeZone);

  if (!mine.data && !mine.error) return <p>Looking for your place in line…</p>;
  const joinButton = (label: string) => (
    <>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="primary" disabled={joined.fetching} onClick={() => join({ eventId })}>
        {label}
      </button>
    </>
  );

  if (!pass || pass.status === 'LEFT') {
    return joinButton('Join the waiting room');
  }
  if (pass.status === 'EXPIRED') {
    return (
      <>
        <p>Your admission has ended.</p>
        {joinButton('Join the waiting room again')}
      </>
    );
  }
  if (pass.status === 'ADMITTED' && pass.admissionToken && pass.admittedUntil) {
    return (
      <>
        <p className="admitted" role="status">
          It is your turn: choose your seats and reserve them before your admission runs out.
        </p>
        <Countdown until={pass.admittedUntil} purpose="to reserve" />
        {children(pass.admissionToken)}
      </>
    );
  }
  return (
    <div className="queue-place" role="status">
      {pass.position === null ? (
        <p>You are in the waiting room. You get your place in line when the sale opens.</p>
      ) : (
        <p>
          You are <strong>number {pass.position}</strong> in line. {waitWords(pass.estimatedWaitSeconds)}
        </p>
      )}
      {problem && <p className="error">{problem}</p>}
      <p className="muted">Keep this page open: it moves on by itself when it is your turn.</p>
    </div>
  );
}

/** Why joining was refused. The server's message says when the room opens in UTC; the venue's clock reads better. */
function refusal(error: { code: string; message: string } | undefined, opensAt: string, timeZone: string): string | undefined {
  if (error?.code !== 'WAITING_ROOM_CLOSED') return error?.message;
  return `The waiting room is not open yet: it opens ${formatEventDate(opensAt, timeZone)}.`;
}

/** The estimated wait, roughly: the estimate itself is rough (position ÷ the recent admission rate). */
function waitWords(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return 'Your turn should come within a minute.';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `Estimated wait: about ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
  return `Estimated wait: about ${Math.round(minutes / 60)} hours.`;
}
