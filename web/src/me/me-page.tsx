export function MePage() {
  return <h1>My tickets</h1>;
}
