/**
 * Subscriptions whose events many subscribers share: one seat-map delta goes
 * to everyone watching the event. graphql-js would execute and serialize an
 * event once per subscriber; here it is executed and serialized once per
 * distinct selection, and the same JSON is written to every subscriber who
 * made that selection. Plugs into graphql-ws as its `subscribe` and
 * `onOperation` hooks.
 *
 * Subscription sources are EventStreams (src/event-stream.ts): `deliver`
 * listens to them, so an event pushed to thousands of streams is written to
 * their sockets in the same loop, with no promise chain per subscriber.
 *
 * Sharing is sound because a subscription payload never depends on who asked:
 * authorization happens when subscribing, in the field's `subscribe`
 * resolver, never while rendering an event. Keep it that way.
 */
import {
  createSourceEventStream,
  execute,
  Kind,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { WebSocket } from 'ws';
import type { EventStream } from '../event-stream.js';
import type { Logger } from '../logger.js';

/** The close code for a subscriber that does not read fast enough ("Try Again Later"); graphql-ws clients reconnect after it. */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;

export interface SharedSubscriptionsOptions {
  /** Turns an error into what the client sees (the same masking as over HTTP). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /**
   * A socket whose unsent data exceeds this many bytes is closed with
   * SLOW_CONSUMER_CLOSE_CODE instead of being sent more.
   */
  maxBufferedBytes: number;
  logger: Logger;
  /** Called at each execution of an event; tests count them. */
  onExecute?(): void;
}

/** An event executed and serialized: the JSON `payload` of a graphql-ws "next" message, encoded once; a promise while resolvers run. */
type Rendered = Buffer | Promise<Buffer>;

const MESSAGE_END = Buffer.from('}');

/** The execution arguments of each subscription's source stream, for `deliver` to render its events with. */
const sources = new WeakMap<object, ExecutionArgs>();

export function createSharedSubscriptions(options: SharedSubscriptionsOptions) {
  /** Per source event, per selection key: the rendering. Events are shared objects, and go when nobody holds them. */
  const renderings = new WeakMap<object, Map<string, Rendered>>();

  function renderOnce(args: ExecutionArgs, event: unknown): Rendered {
    options.onExecute?.();
    const serialize = (result: ExecutionResult) =>
      Buffer.from(JSON.stringify({ ...result, errors: result.errors?.map((error) => options.formatError(error.toJSON(), error)) }));
    const result = execute({ ...args, rootValue: event }); // synchronous when every resolver is, as the seat map's are
    return 'then' in result ? result.then(serialize) : serialize(result);
  }

  function render(args: ExecutionArgs, event: unknown): Rendered {
    if (typeof event !== 'object' || event === null) return renderOnce(args, event);
    let bySelection = renderings.get(event);
    if (!bySelection) renderings.set(event, (bySelection = new Map()));
    const key = selectionKey(args);
    let rendered = bySelection.get(key);
    if (rendered === undefined) {
      rendered = renderOnce(args, event);
      bySelection.set(key, rendered);
      if (!Buffer.isBuffer(rendered))
        void rendered.then(
          (json) => bySelection.set(key, json),
          () => {},
        );
    }
    return rendered;
  }

  return {
    /** graphql-ws `subscribe`: the field's source stream, handed to `deliver` to render. */
    async subscribe(args: ExecutionArgs): Promise<EventStream<unknown> | ExecutionResult> {
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in source)) return source; // the subscribe resolver failed
      sources.set(source, args);
      return source as EventStream<unknown>;
    },

    /**
     * graphql-ws `onOperation`: listens to a source stream and writes each of
     * its events to the socket as a "next" message, the same bytes for every
     * subscriber of a selection, yielding nothing to graphql-ws itself. Closes
     * the socket when it falls too far behind.
     */
    deliver(socket: WebSocket, id: string, result: unknown): AsyncIterableIterator<never> | undefined {
      const args = typeof result === 'object' && result !== null ? sources.get(result) : undefined;
      if (!args) return undefined;
      const source = result as EventStream<unknown>;
      const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
      let settle!: { resolve: () => void; reject: (error: unknown) => void };
      const ended = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      let done = false;
      const stop = async (error?: unknown) => {
        if (done) return;
        done = true;
        await source.return?.();
        if (error) settle.reject(error);
        else settle.resolve();
      };
      const write = (json: Buffer) => {
        if (done) return;
        if (socket.readyState !== socket.OPEN) return void stop();
        if (socket.bufferedAmount > options.maxBufferedBytes) {
          options.logger.warn({ bufferedBytes: socket.bufferedAmount }, 'closed a WebSocket that did not keep up with its subscription');
          socket.close(SLOW_CONSUMER_CLOSE_CODE, 'Too slow: reconnect and subscribe with sinceVersion');
          return void stop();
        }
        socket.send(Buffer.concat([head, json, MESSAGE_END]), { binary: false });
      };
      /** Set while a rendering is pending, so that later events wait their turn behind it. */
      let queue: Promise<void> | undefined;
      source.listen((event) => {
        let rendered: Rendered;
        try {
          rendered = render(args, event);
        } catch (error) {
          return void stop(error); // this subscriber's failure, not the others' being delivered in the same loop
        }
        if (!queue && Buffer.isBuffer(rendered)) return write(rendered);
        const turn: Promise<void> = (queue ?? Promise.resolve()).then(() => rendered).then(write, stop);
        queue = turn.then(() => {
          if (queue === turn) queue = undefined;
        });
      });
      const finished = { value: undefined as never, done: true as const };
      const iterator: AsyncIterableIterator<never> = {
        [Symbol.asyncIterator]: () => iterator,
        next: () => ended.then(() => finished),
        // graphql-ws calls this when the client completes or the socket closes.
        return: async () => {
          await stop();
          return finished;
        },
      };
      return iterator;
    },
  };
}

/**
 * Operations that differ only in the root field's arguments (the event, the
 * version to start from) render an event the same way; variables used
 * anywhere else (say in @include) may change the rendering.
 */
function selectionKey(args: ExecutionArgs): string {
  const names = renderingVariables(args.document);
  const values = args.variableValues ?? {};
  return `${documentId(args.document)}|${args.operationName ?? ''}|${JSON.stringify(names.map((name) => values[name]))}`;
}

const documentIds = new WeakMap<DocumentNode, number>();
let lastDocumentId = 0;
function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = ++lastDocumentId));
  return id;
}

const renderingVariablesOf = new WeakMap<DocumentNode, string[]>();
/** Names of the variables a document uses other than in its root fields' arguments. */
function renderingVariables(document: DocumentNode): string[] {
  let names = renderingVariablesOf.get(document);
  if (names) return names;
  const rootArguments = new Set<ArgumentNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD) for (const argument of selection.arguments ?? []) rootArguments.add(argument);
    }
  }
  const used = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Argument: (node) => (rootArguments.has(node) ? false : undefined),
    Variable: (node) => void used.add(node.name.value),
  });
  renderingVariablesOf.set(document, (names = [...used].sort()));
  return names;
}
