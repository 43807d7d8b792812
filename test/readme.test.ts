/**
 * The README's examples work as pasted against a fresh demo server: every
 * ```graphql block and every curl to /graphql, in README order, on a demo
 * catalog seeded as `npm start` seeds it, as the demo fan. A block that
 * answers errors, a payload with userErrors, or a search that finds nothing
 * fails the test named after the block. And PARTNERS.md's curls, run by curl
 * itself with the demo partner's key, as a partner would paste them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts.js';
import { useTestServer } from './support/fixture.js';
import type { GraphQLResponse } from './support/server.js';
import { decodeQr } from './support/smtp.js';
import { openSocket, type TestSocket } from './support/ws.js';

const run = promisify(execFile);
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const PARTNERS = readFileSync(new URL('../PARTNERS.md', import.meta.url), 'utf8');

/** Each curl command of PARTNERS.md's ```sh blocks (its lines joined), named by the comment above it, with its block's assignments before it. */
function partnerCurls(): { name: string; script: string }[] {
  return [...PARTNERS.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap(([, body]) => {
    const lines = body!.replace(/\\\n\s*/g, ' ').split('\n');
    const assignments = lines.filter((line) => /^[A-Z_]+=/.test(line)).join('\n');
    let comment = '';
    return lines.flatMap((line, i) => {
      if (line.startsWith('# ')) comment = line.slice(2);
      return line.startsWith('curl ') ? [{ name: `PARTNERS.md: ${comment} (${i})`, script: `${assignments}\n${line}` }] : [];
    });
  });
}

interface Example {
  /** README line and the block's first telling line, e.g. `README.md:120 mutation { reserveSeats(...`. */
  name: string;
  kind: 'graphql' | 'curl';
  query: string;
  /** Curl only: the request carries `authorization: Bearer $TOKEN`. */
  withToken?: boolean;
}

/** Every ```graphql block and the JSON body (`-d '...'`) of every curl to /graphql, in README order. */
function readmeExamples(): Example[] {
  const examples: Example[] = [];
  for (const block of README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [, language, body] = block as unknown as [string, string, string];
    const line = README.slice(0, block.index).split('\n').length + 1;
    if (language === 'graphql') examples.push({ name: `README.md:${line} ${summary(body)}`, kind: 'graphql', query: body });
    if (language !== 'sh') continue;
    for (const curl of body.matchAll(/curl [^']*?\/graphql(?:[^']|'[^']*')*?-d '([^']*)'/g)) {
      const { query } = JSON.parse(curl[1]!) as { query: string };
      examples.push({ name: `README.md:${line} curl ${summary(query)}`, kind: 'curl', query, withToken: curl[0].includes('Bearer $TOKEN') });
    }
  }
  return examples;
}

/** An operation on one line, shortened: `mutation reserveSeats(input: { eventId: "RXZlbnQ6MQ", ...`. */
function summary(operation: string): string {
  const line = operation.replace(/\s+/g, ' ').trim();
  const [, kind = '', fields = line] = /^(?:(query|mutation|subscription)\b[^{]*)?\{ ?(.*)$/.exec(line) ?? [];
  const text = `${kind ? `${kind} ` : ''}${fields}`;
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** The search words of the paragraph that introduces searchEvents ("gretta lindqvsit", ...). */
function proseSearches(): string[] {
  const paragraph = README.split('\n\n').find((p) => p.startsWith('`searchEvents` finds events')) ?? '';
  return [...paragraph.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

const fan = DEMO_ACCOUNTS.find((account) => account.role === 'FAN')!;
const organizer = DEMO_ACCOUNTS.find((account) => account.role === 'ORGANIZER')!;
/** A block the README says the organizer sends ("# As the organizer" on its first line); the others are the fan's. */
const AS_ORGANIZER = /^\s*# As the organizer/;

// As `npm start` does on the embedded default: the demo catalog seeded by startServer (seedDemoIfEmpty, anchored today),
// its accounts with the README's passwords.
// No SMTP_URL: e-mails are written as .eml files under DATA_DIR/mail, as on a laptop.
const dataDir = mkdtempSync(path.join(tmpdir(), 'readme-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const { server } = useTestServer({ env: { SEED_DEMO: 'true', DATA_DIR: dataDir }, demoPasswords: 'published' }, { timeout: 300_000 });
let token: string;
let organizerToken: string;
/** What earlier answers gave, for the variables of later blocks. */
const answers: { eventId?: string; version?: number; admissionToken?: string; holdId?: string; code?: string } = {};

/** Where a block's variables come from, by name. */
const variables: Record<string, () => unknown> = {
  /** The first event of the latest `events` answer: step 1 of "Buying tickets". */
  eventId: () => answers.eventId,
  /** The `version` of the latest seatMap answer. */
  sinceVersion: () => answers.version,
  /** The admission token of the latest pass answered: "Buying through a waiting room". */
  admissionToken: () => answers.admissionToken,
  /** The hold of the latest reserveSeats answer: "Running events, as an organizer". */
  holdId: () => answers.holdId,
  /** The first ticket code of the latest `me.bookings` answer: "Your tickets, by e-mail and at the door". */
  code: () => answers.code,
};

function variablesOf(query: string): Record<string, unknown> {
  const declared = [...(query.split('{')[0] ?? '').matchAll(/\$(\w+)/g)].map((match) => match[1]!);
  return Object.fromEntries(
    declared.map((name) => {
      const value = variables[name]?.();
      if (value === undefined) throw new Error(`No value for $${name}: no earlier block answered it`);
      return [name, value];
    }),
  );
}

/** Fails on errors, on null answers, on any payload's userErrors, and on searches and suggestions that find nothing. */
function expectWorked(response: GraphQLResponse): Record<string, any> {
  expect(response.errors, 'errors').toBeUndefined();
  const data = response.data as Record<string, any>;
  for (const [field, value] of Object.entries(data)) expect(value, `${field} is null`).not.toBeNull();
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${path}.${i}`));
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'userErrors') expect(inner, `${path}.userErrors`).toEqual([]);
      visit(inner, `${path}.${key}`);
    }
  };
  visit(data, 'data');
  if ('searchEvents' in data) {
    expect(data.searchEvents.totalCount, 'searchEvents.totalCount').toBeGreaterThan(0);
    expect(data.searchEvents.edges, 'searchEvents.edges').not.toEqual([]);
  }
  if ('suggestEvents' in data) expect(data.suggestEvents, 'suggestEvents').not.toEqual([]);
  if (data.events?.edges?.[0]) answers.eventId = data.events.edges[0].node.id;
  if (data.seatMap) answers.version = data.seatMap.version;
  const pass = data.myQueuePass ?? data.queuePassChanged;
  if (pass?.admissionToken) answers.admissionToken = pass.admissionToken;
  if (data.reserveSeats?.hold) answers.holdId = data.reserveSeats.hold.id;
  const code = data.me?.bookings?.edges?.[0]?.node?.tickets?.[0]?.code;
  if (code) answers.code = code;
  return data;
}

/**
 * Each word of a search finds something by itself. A word that matches no
 * indexed word is dropped from a search, so a typo the search cannot place
 * would otherwise go unnoticed as long as the other words find something.
 */
async function expectEveryWordFinds(query: string): Promise<void> {
  for (const word of query.split(/\s+/).filter(Boolean)) {
    const response = await server.graphql(`query ($word: String) { searchEvents(query: $word) { totalCount } }`, { word });
    expect(response.errors).toBeUndefined();
    expect(response.data.searchEvents.totalCount, `"${word}" of "${query}" finds nothing`).toBeGreaterThan(0);
  }
}

/** The purchase's e-mail went out as the README says: SENT, and an .eml under DATA_DIR/mail whose QR code is the ticket's code. */
async function expectTicketsByMail(notification: { kind: string; status: string }, code: string): Promise<void> {
  expect(notification).toMatchObject({ kind: 'BOOKING_CONFIRMED', status: 'SENT' });
  const folder = path.join(dataDir, 'mail');
  const files = readdirSync(folder).filter((name) => name.endsWith('.eml'));
  const mails = await Promise.all(files.map(async (name) => simpleParser(readFileSync(path.join(folder, name)))));
  const codes = mails.flatMap((mail) => mail.attachments.filter((file) => file.contentType === 'image/png').map((file) => decodeQr(file.content)));
  expect(codes).toContain(code);
}

/** The first event of the subscription `query` over `socket`. */
function firstEvent(socket: TestSocket, query: string): Promise<GraphQLResponse> {
  return new Promise<GraphQLResponse>((resolve, reject) => {
    socket.client.subscribe(
      { query, variables: variablesOf(query) },
      {
        next: (result) => resolve({ status: 200, ...(result as object) }),
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => reject(new Error('completed without an event')),
      },
    );
  });
}

beforeAll(async () => {
  // What the indexer loop of `npm start` does within a second of the start.
  while ((await server.indexSearch()) > 0);
  const logIn = async ({ email, password }: { email: string; password: string }): Promise<string> => {
    const response = await server.graphql(
      `mutation ($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token userErrors { code } } }`,
      { email, password },
    );
    expect(response.data.logIn.token).toBeTruthy();
    return response.data.logIn.token;
  };
  [token, organizerToken] = await Promise.all([logIn(fan), logIn(organizer)]);
}, 300_000);

describe('README examples, in order, against a fresh demo server', () => {
  const examples = readmeExamples();

  it('has the examples this test expects', () => {
    expect(examples.filter((e) => e.kind === 'graphql').length).toBeGreaterThanOrEqual(10);
    expect(examples.some((e) => e.kind === 'curl' && e.query.includes('signUp'))).toBe(true);
    expect(examples.some((e) => e.query.includes('subscription'))).toBe(true);
    expect(proseSearches().length).toBeGreaterThanOrEqual(3);
  });

  for (const example of examples) {
    it(example.name, async () => {
      if (example.kind === 'curl') {
        expectWorked(await server.graphql(example.query, undefined, example.withToken ? token : undefined));
        return;
      }
      // What the admitter, the notifier and the job queue of `npm start` do on their own: let in the fans of open waiting
      // rooms, queue and send e-mails, refund the bookings of cancelled events.
      await server.admitWaitingRooms();
      await server.notify();
      await server.runJobs();
      if (example.query.includes('queuePassChanged')) {
        // The admitter's rounds, a few tenths of a second apart here, until they have let the fan in (600 a minute: one round
        // earns one admission per 0.1 s since the last); then, as the fan, whose pass it is: the pass comes at once.
        await vi.waitFor(
          async () => {
            await server.admitWaitingRooms();
            const { data } = await server.graphql(`query { myQueuePass(eventId: "${answers.eventId}") { status } }`, {}, token);
            expect(data.myQueuePass.status).toBe('ADMITTED');
          },
          { timeout: 10_000, interval: 150 },
        );
        const socket = openSocket(server.url, token);
        try {
          const data = expectWorked(await firstEvent(socket, example.query));
          expect(data.queuePassChanged.status).toBe('ADMITTED');
        } finally {
          await socket.client.dispose();
        }
        return;
      }
      if (example.query.trimStart().startsWith('subscription')) {
        // Anonymous, as the README's JavaScript subscribes; the first delta after a change of the map.
        const socket = openSocket(server.url);
        try {
          const first = firstEvent(socket, example.query);
          const change = await server.graphql(
            `mutation ($eventId: ID!) { reserveSeats(input: { eventId: $eventId, bestAvailable: { quantity: 1 } }) { userErrors { code message } } }`,
            { eventId: answers.eventId },
            token,
          );
          expectWorked(change);
          const data = expectWorked(await first);
          expect(data.seatMapChanged.changes).not.toEqual([]);
        } finally {
          await socket.client.dispose();
        }
        return;
      }
      const data = expectWorked(await server.graphql(example.query, variablesOf(example.query), AS_ORGANIZER.test(example.query) ? organizerToken : token));
      if (data.me?.notifications) await expectTicketsByMail(data.me.notifications.edges[0].node, answers.code!);
      const search = /\bsearchEvents\(\s*query: "([^"]*)"/.exec(example.query);
      if (search && data.searchEvents) await expectEveryWordFinds(search[1]!);
    });
  }

  it.each(proseSearches())('the search "%s" in the prose before the searchEvents example finds events', async (query) => {
    const data = expectWorked(await server.graphql(`query ($query: String) { searchEvents(query: $query) { totalCount edges { node { id } } } }`, { query }));
    expect(data.searchEvents.totalCount).toBeGreaterThan(0);
    await expectEveryWordFinds(query);
  });
});

describe('PARTNERS.md curls, as pasted against the fresh demo server', () => {
  const curls = partnerCurls();

  it('has the curls this test expects', () => expect(curls.length).toBeGreaterThanOrEqual(5));

  for (const { name, script } of curls) {
    it(name, async () => {
      const { stdout } = await run('bash', ['-c', script.replaceAll('http://localhost:4000', server.url)]);
      const body = JSON.parse(stdout);
      expect(body.errors, stdout).toBeUndefined();
      expect(
        Object.values(body.data ?? {}).every((value) => value !== null),
        stdout,
      ).toBe(true);
      expect(body.extensions.cost.requested).toBeGreaterThan(0); // answered to the demo partner's key
    });
  }
});
