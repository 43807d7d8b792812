/** Requests by document hash, as the persisted-query and trusted-document tests send them with fetch. */
import { createHash } from 'node:crypto';

/** The hex SHA-256 of a document: its APQ hash, and its documentId after `sha256:`. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What a request came back with. */
export interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

export async function answer(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** A POST of `body` as JSON to /graphql. */
export const postJson = async (url: string, body: unknown) =>
  answer(await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

/** A GET with these parameters; Apollo's CSRF prevention wants a header a plain HTML form cannot send. */
export const get = async (url: string, params: Record<string, string>) =>
  answer(await fetch(`${url}/graphql?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } }));

/** The code of the first error, if any. */
export const codeOf = (a: Answer) => a.body.errors?.[0]?.extensions?.code;
