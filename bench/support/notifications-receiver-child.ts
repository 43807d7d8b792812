/** The child process of `forkMailReceiver`. */
import { serveMailReceiver } from './notifications-receiver.js';

await serveMailReceiver();
