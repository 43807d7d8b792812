/**
 * The request baseline: a bare Node `http` server that reads each POST's JSON
 * body and answers what the API answers to `{ __typename }`. It is the floor
 * of the HTTP stack (parsing, one JSON in, one JSON out, keep-alive) under
 * the API's GraphQL and everything else. Prints {"port": n} once listening.
 * Run by bench/request-costs.ts in a process of its own, as the API is.
 */
import { createServer } from 'node:http';

const ANSWER = JSON.stringify({ data: { __typename: 'Query' } });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(ANSWER) });
    res.end(ANSWER);
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
process.stdin.resume().on('end', () => server.close(() => process.exit(0)));
