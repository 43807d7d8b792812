/** The fan's live holds, each a link back to its checkout. */
import { Link } from 'wouter';

import { formatMoney } from '../format';
import type { WebMeQuery } from '../generated/graphql';

type Hold = NonNullable<NonNullable<WebMeQuery['me']>['holds']>[number];

export function MyHolds({ holds }: { holds: readonly Hold[] }) {
  if (holds.length === 0) return null;
  return (
    <section aria-labelledby="holds-heading">
      <h2 id="holds-heading">Seats on hold</h2>
      <ul className="my-holds">
        {holds.map((hold) => (
          <li key={hold.id}>
            {hold.event.title}: {hold.tickets.length === 1 ? '1 seat' : `${hold.tickets.length} seats`}, {formatMoney(hold.total)}.{' '}
            <Link href={`/events/${hold.event.id}?hold=${encodeURIComponent(hold.id)}`}>Continue to checkout</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
