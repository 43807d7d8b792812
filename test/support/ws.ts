import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestSocket {
  client: Client;
  /** Resolves with the close code once the server (or the client) closes the socket. */
  closed: Promise<number>;
  /** Runs one operation over the socket and resolves with its single result, or with the errors that refused it; rejects if the socket closes. */
  execute<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
}

/** A graphql-ws client over a real socket to `baseUrl`/graphql, carrying `token` as a client app does (and a partner's `apiKey`, if given). */
export function openSocket(baseUrl: string, token?: string, apiKey?: string): TestSocket {
  let onClosed!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(apiKey ? { apiKey } : {}) },
    on: { closed: (event) => onClosed((event as { code: number }).code) },
    onNonLazyError: () => {},
  });
  return {
    client,
    closed,
    execute: (query, variables) =>
      new Promise((resolve, reject) => {
        let result: any;
        client.subscribe(
          { query, variables },
          {
            next: (value) => (result = value),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
            complete: () => resolve(result),
          },
        );
      }),
  };
}
