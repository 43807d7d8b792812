/** The child process of `forkSeatMapSubscribers`: its options come as the first argument. */
import { serveForkedSubscribers } from './seat-map-subscribers.js';

await serveForkedSubscribers(JSON.parse(process.argv[2]!));
