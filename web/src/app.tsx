/** The app's frame: a header with the site's sections, one page per route, and where the API is. */
import { Link, Route, Switch } from 'wouter';

import { EventPage } from './event/event-page';
import { HomePage } from './home/home-page';
import { MePage } from './me/me-page';
import { OrganizerPage } from './organizer/organizer-page';
import { useSession } from './session';

export function App() {
  const { session } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Tickets
        </Link>
        <nav aria-label="Main">
          <Link href="/">Events</Link>
          <Link href="/me">{session ? 'My tickets' : 'Log in'}</Link>
          <Link href="/organizer">Organizer</Link>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/events/:id">{(params) => <EventPage id={params.id} />}</Route>
          <Route path="/me" component={MePage} />
          <Route path="/organizer" component={OrganizerPage} />
          <Route>
            <h1>Page not found</h1>
            <p>
              <Link href="/">See the events</Link>
            </p>
          </Route>
        </Switch>
      </main>
      <footer className="site-footer">
        The <a href="/graphql">GraphQL API</a> and its <a href="/schema.graphql">schema</a>.
      </footer>
    </>
  );
}
