import type Mail from 'nodemailer/lib/mailer';

import type { Block } from '../layout.js';

/** What a template says: the layout puts it in the page (render.ts). */
export interface Content {
  subject: string;
  /** The title above the greeting. */
  heading: string;
  blocks: Block[];
  attachments?: Mail.Attachment[];
}
