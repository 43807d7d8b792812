/**
 * A real SMTP server for a test file, on 127.0.0.1, without TLS or log-in, that parses every
 * message it accepts (mailparser, its HTML left with its cid: links), so tests check what a mail client
 * would show:
 *
 *   const smtp = useSmtpServer();
 *
 *   it('...', async () => {
 *     const mailer = createMailer({ smtpUrl: smtp.url, ... });
 *     await mailer.send(mail, '<notification-1@tickets.example.com>');
 *     const message = await smtp.nextMessage();
 *     expect(message.subject).toBe('...');
 *   });
 *
 * `onData` decides, message by message, whether the server takes it: throwing refuses it (4xx by
 * default; an `SmtpRefusal` names the code), a promise that never settles holds the client
 * mid-send, waiting for the server's answer, until the server closes.
 */
import jsQRModule from 'jsqr';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { PNG } from 'pngjs';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

import { freePort } from './free-port.js';

// jsqr is CommonJS with types written as an ES module's: its function is module.exports and its .default.
const jsQR = jsQRModule.default;

export type { ParsedMail };

/** Who a message was sent from and to, as the client said in MAIL FROM and RCPT TO. */
export interface SmtpEnvelope {
  from: string | undefined;
  to: string[];
}

export interface SmtpServerOptions {
  /**
   * Called with each message, parsed, before the server accepts it: throw (or reject) to refuse it
   * (answered 450 unless the error has a `responseCode`, as `SmtpRefusal` does); return a promise
   * that never settles to keep the client waiting for an answer. Accepted messages, and only they,
   * are added to `messages`.
   */
  onData?: (envelope: SmtpEnvelope, message: ParsedMail) => Promise<void> | void;
}

export interface TestSmtpServer {
  port: number;
  /** smtp://127.0.0.1:PORT, for SMTP_URL or createMailer. */
  url: string;
  /** The messages accepted so far, in the order they arrived. */
  messages: ParsedMail[];
  /**
   * The next message this function has not given yet, in arrival order: the first call gives the
   * first message accepted (already there or still to come), the second call the second, and so on.
   */
  nextMessage(): Promise<ParsedMail>;
  /** All messages accepted, once there are at least `count` of them. */
  untilMessages(count: number): Promise<ParsedMail[]>;
  /** Stops listening and drops the connections still open (a held client sees its connection end); again, the same. */
  close(): Promise<void>;
}

/** A refusal with its SMTP reply code, for onData: 4xx says "try again later", 5xx "never". */
export class SmtpRefusal extends Error {
  constructor(
    message: string,
    readonly responseCode = 550,
  ) {
    super(message);
  }
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const arrived = (message: ParsedMail) => {
    messages.push(message);
    for (const wake of waiters) wake();
  };
  const until = <T>(ready: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
      check();
    });

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Connections still open when the test closes the server are dropped at once, not after 30 s.
    closeTimeout: 1,
    onData(stream, session, callback) {
      // keepCidLinks: the HTML as sent, with its cid: image links (not inlined as data: URLs).
      simpleParser(stream, { keepCidLinks: true })
        .then(async (message) => {
          await options.onData?.(envelopeOf(session.envelope), message);
          arrived(message);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  let given = 0;
  let closed: Promise<void> | undefined;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    nextMessage() {
      const index = given++;
      return until(() => messages[index]);
    },
    untilMessages(count) {
      return until(() => (messages.length >= count ? [...messages] : undefined));
    },
    close() {
      closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closed;
    },
  };
}

/**
 * An SMTP server for the enclosing block's tests, started in its beforeAll and closed in its
 * afterAll, as test/support/fixture.ts's fixtures are: use what it gives in tests and hooks.
 */
export function useSmtpServer(options: SmtpServerOptions = {}): TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startSmtpServer(options);
  });
  afterAll(() => server?.close());
  return new Proxy({} as TestSmtpServer, {
    get(_, key) {
      if (!server) throw new Error('the SMTP server is not there yet: useSmtpServer starts it in its beforeAll hook, so use it in tests and hooks');
      return Reflect.get(server, key);
    },
  });
}

/** The text of the QR code in a PNG image, or undefined when none is found. */
export function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** The addresses of a parsed message's To (or Cc, ...) header, lower-cased. */
export function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((object) => object.value.map((address) => address.address?.toLowerCase() ?? ''));
}

function envelopeOf(envelope: SMTPServerEnvelope): SmtpEnvelope {
  return { from: envelope.mailFrom ? envelope.mailFrom.address : undefined, to: envelope.rcptTo.map((address) => address.address) };
}
