export function HomePage() {
  return <h1>Events</h1>;
}
