/**
 * The composition root: builds the database, GraphQL and HTTP layers from the
 * configuration. Everything the app is made of is wired here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createCatalogLoaders } from './catalog/loaders.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { openDatabase } from './db/database.js';
import { seedDemoIfEmpty } from './db/seed/demo.js';
import { maskInternalErrors } from './format-error.js';
import { loadTypeDefs } from './graphql-schema.js';
import { createRequestListener } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { resolvers } from './resolvers/index.js';

export interface ServerOptions {
  /** Defaults to a logger at the configured level. */
  logger?: Logger;
  /** The source of "now" for every request. Defaults to the system clock. */
  clock?: Clock;
  /** Called with the text of every SQL statement; tests count statements with it. */
  onQuery?: (statement: string) => void;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000; GraphQL is at `${url}/graphql`. */
  url: string;
  /** Stops accepting, drains in-flight requests, closes the pool, stops the embedded PostgreSQL. */
  stop(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2_000;

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config, logger, options.onQuery);
  try {
    if (config.seedDemo) await seedDemoIfEmpty(database.sql, { logger });

    const httpServer = createServer();
    const apollo = new ApolloServer<Context>({
      typeDefs: loadTypeDefs(),
      resolvers,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors(logger),
      stopOnTerminationSignals: false, // main.ts owns signals and the order of shutdown
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs })],
    });
    await apollo.start();

    let stopping = false;
    httpServer.on(
      'request',
      createRequestListener<Context>({
        apollo,
        context: async () => ({ db: database.db, clock, loaders: createCatalogLoaders(database.db, clock) }),
        isReady: async () => !stopping && (await answersWithin(database.sql`SELECT 1`, READINESS_TIMEOUT_MS)),
      }),
    );
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    return {
      url,
      async stop() {
        stopping = true;
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function answersWithin(query: PromiseLike<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([Promise.resolve(query).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
