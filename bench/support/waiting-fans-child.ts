/** The child process of `forkWaitingFans`: its options come as the first argument. */
import { serveWaitingFans } from './waiting-fans.js';

await serveWaitingFans(JSON.parse(process.argv[2]!));
