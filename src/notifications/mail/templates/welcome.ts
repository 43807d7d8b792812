import { brandOf, link, paragraph } from '../layout.js';
import type { MailOf, Site } from '../types.js';
import type { Content } from './content.js';

/** Sent once an account is made. */
export function welcome(_message: MailOf<'WELCOME'>, site: Site): Content {
  const brand = brandOf(site);
  return {
    subject: `Welcome to ${brand}`,
    heading: `Welcome to ${brand}`,
    blocks: [
      paragraph('Your account is ready. Pick an event and your seats: your tickets come by e-mail, each with a QR code to show at the door.'),
      link('Find an event', site.publicUrl),
    ],
  };
}
