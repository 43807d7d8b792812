export function EventPage({ id }: { id: string }) {
  return <h1>Event {id}</h1>;
}
