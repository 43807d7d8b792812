export function OrganizerPage() {
  return <h1>Your events</h1>;
}
