/**
 * How subscription events reach their sockets. The schema decides, per root
 * field of the Subscription type, which of two ways:
 *
 * - Shared: a field declared `@shared` (schema/base.graphql) promises that an
 *   event's payload does not depend on who subscribed. One seat-map delta
 *   goes to everyone watching the event, and graphql-js would execute and
 *   serialize it once per subscriber; here it is executed and serialized once
 *   per distinct selection, and the same JSON is written to every subscriber
 *   who made that selection.
 * - Per subscriber: every other field. Each event is executed for each
 *   subscriber with that subscriber's own context, as graphql-ws does by
 *   default, because its payload may be the subscriber's own (a waiting-room
 *   pass): sharing it would send one user's data to another.
 *
 * Why sharing is declared and not assumed: rendering once for everyone is
 * only sound while the payload cannot depend on the viewer, and that used to
 * be a comment here that a new field could silently break. Now a field is
 * shared only when the schema says so (read once, at start-up), and a shared
 * field is rendered with a context that has NO viewer (`sharedContext`), so
 * even a resolver that reads the viewer by mistake sees nobody rather than the
 * first subscriber. Authorization is per subscriber on both ways: the field's
 * `subscribe` resolver runs with the subscriber's own context when they
 * subscribe; only the rendering of each event of a shared field is
 * viewer-less.
 *
 * Both ways write through `deliver`, so both keep events in order and close a
 * socket that falls too far behind (1013). graphql-ws's own loop would wait
 * for each send while events piled up unseen in the source, without bound.
 * Plugs into graphql-ws as its `subscribe` and `onOperation` hooks.
 *
 * Sources that are EventStreams (src/event-stream.ts) are listened to, so an
 * event pushed to thousands of streams is written to their sockets in the
 * same loop, with no promise chain per subscriber; any other async iterable
 * is read event by event.
 */
import type { Socket } from 'node:net';

import {
  type ArgumentNode,
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getDirectiveValues,
  getOperationAST,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { WebSocket } from 'ws';

import type { EventStream } from '../event-stream.js';
import type { Logger } from '../logger.js';

/** The close code for a subscriber that does not read fast enough ("Try Again Later"); graphql-ws clients reconnect after it. */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;

/** The directive that declares a Subscription field shared (schema/base.graphql). */
export const SHARED_DIRECTIVE = 'shared';

export interface SharedSubscriptionsOptions {
  /** The schema whose `@shared` Subscription fields are rendered once per selection; every other field, per subscriber. */
  schema: GraphQLSchema;
  /**
   * A context with no viewer, to render an event of a shared field with (one
   * for each rendering): nobody's data can reach a shared payload.
   */
  sharedContext(): unknown;
  /** Turns an error into what the client sees (the same masking as over HTTP). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /**
   * A socket whose unsent data exceeds this many bytes is closed with
   * SLOW_CONSUMER_CLOSE_CODE instead of being sent more.
   */
  maxBufferedBytes: number;
  logger: Logger;
  /** Called at each execution of an event (once per selection of a shared field, once per subscriber otherwise); tests count them. */
  onExecute?(): void;
}

/** An event executed and serialized: the JSON `payload` of a graphql-ws "next" message, encoded once; a promise while resolvers run. */
type Rendered = Buffer | Promise<Buffer>;

const MESSAGE_END = Buffer.from('}');

/** A subscription's source stream as `deliver` gets it: its execution arguments, its Subscription field, and, when shared, its selection. */
interface Subscribed {
  args: ExecutionArgs;
  field: string;
  /** Set for a shared field: which rendering of each event the subscriber gets (selectionKey). Unset, each event is executed for them. */
  selection?: string;
}

/** What `subscribe` handed graphql-ws, for `deliver` to render the events of. */
const subscriptions = new WeakMap<object, Subscribed>();

/**
 * The subscriptions being delivered now, by Subscription field, kept by
 * schema: endpoint.ts makes the shared subscriptions, and server.ts, which
 * built the schema, reads the counts by it (a test process runs several
 * servers, each with a schema of its own).
 */
const openBySchema = new WeakMap<GraphQLSchema, Map<string, number>>();

/** The schema's counts, made at first use with every Subscription field at 0. */
function openCounts(schema: GraphQLSchema): Map<string, number> {
  let open = openBySchema.get(schema);
  if (!open) openBySchema.set(schema, (open = new Map(Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).map((field) => [field, 0]))));
  return open;
}

/** Subscriptions open now over the schema, by Subscription field: every field of the schema, 0 when none (the metrics read it). */
export function openSubscriptions(schema: GraphQLSchema): ReadonlyMap<string, number> {
  return openCounts(schema);
}

/** The names of the schema's Subscription fields declared `@shared`. */
export function sharedSubscriptionFields(schema: GraphQLSchema): ReadonlySet<string> {
  const directive = schema.getDirective(SHARED_DIRECTIVE);
  const fields = Object.values(schema.getSubscriptionType()?.getFields() ?? {});
  if (!directive) return new Set();
  return new Set(fields.filter((field) => field.astNode && getDirectiveValues(directive, field.astNode)).map((field) => field.name));
}

export function createSharedSubscriptions(options: SharedSubscriptionsOptions) {
  const sharedFields = sharedSubscriptionFields(options.schema);
  const open = openCounts(options.schema);
  const count = (field: string, change: 1 | -1) => open.set(field, (open.get(field) ?? 0) + change);
  /** Per source event, per selection key: the rendering. Events are shared objects, and go when nobody holds them. */
  const renderings = new WeakMap<object, Map<string, Rendered>>();

  function renderOnce(args: ExecutionArgs, event: unknown, contextValue: unknown): Rendered {
    options.onExecute?.();
    const serialize = (result: ExecutionResult) =>
      Buffer.from(JSON.stringify({ ...result, errors: result.errors?.map((error) => options.formatError(error.toJSON(), error)) }));
    const compiled = compiledOperation(options.schema, args.document, args.operationName);
    if (!isCompiledQuery(compiled)) return serialize(compiled);
    const result = compiled.query(event, contextValue, args.variableValues); // synchronous when every resolver is, as a waiting fan's are
    return 'then' in result ? result.then(serialize) : serialize(result);
  }

  /** An event of a subscriber's own field: executed for them, with their context. */
  function renderOwn(args: ExecutionArgs, event: unknown): Rendered {
    return renderOnce(args, event, args.contextValue);
  }

  /** An event of a shared field: executed once per selection, with no viewer, whoever asks. */
  function renderShared(args: ExecutionArgs, key: string, event: unknown): Rendered {
    if (typeof event !== 'object' || event === null) return renderOnce(args, event, options.sharedContext());
    let bySelection = renderings.get(event);
    if (!bySelection) renderings.set(event, (bySelection = new Map()));
    let rendered = bySelection.get(key);
    if (rendered === undefined) {
      rendered = renderOnce(args, event, options.sharedContext());
      bySelection.set(key, rendered);
      if (!Buffer.isBuffer(rendered))
        void rendered.then(
          (json) => bySelection.set(key, json),
          () => {},
        );
    }
    return rendered;
  }

  /**
   * One subscription's events on their way to its socket, in order. It is
   * what graphql-ws iterates (it yields nothing, and ends with the
   * subscription) and returns to stop it. A class, not closures: a seat map
   * has thousands at once, which share these methods and each hold only the
   * fields.
   */
  class Delivery implements AsyncIterableIterator<never> {
    /** The start of each of its "next" messages, up to the payload, and its length in bytes. */
    readonly #head: string;
    readonly #headBytes: number;
    #done = false;
    /** Set while a rendering is pending, so that later events wait their turn behind it. */
    #queue: Promise<void> | undefined;
    readonly #ended: Promise<void>;
    #settle!: { resolve: () => void; reject: (error: unknown) => void };

    constructor(
      private readonly socket: WebSocket,
      id: string,
      private readonly subscribed: Subscribed,
      private readonly source: AsyncIterator<unknown>,
      private readonly meter: (() => Promise<Error | undefined>) | undefined,
    ) {
      this.#head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
      this.#headBytes = Buffer.byteLength(this.#head);
      this.#ended = new Promise<void>((resolve, reject) => (this.#settle = { resolve, reject }));
      count(subscribed.field, 1);
    }

    /** Renders `event` and writes it, after the events before it. */
    take(event: unknown): void {
      const { args, selection } = this.subscribed;
      let rendered: Rendered;
      try {
        rendered = selection === undefined ? renderOwn(args, event) : renderShared(args, selection, event);
      } catch (error) {
        return void this.stop(error); // this subscriber's failure, not the others' being delivered in the same loop
      }
      if (!this.#queue && Buffer.isBuffer(rendered)) return this.write(rendered);
      const turn: Promise<void> = (this.#queue ?? Promise.resolve())
        .then(() => rendered)
        .then(
          (json) => this.write(json),
          (error: unknown) => this.stop(error),
        );
      this.#queue = turn.then(() => {
        if (this.#queue === turn) this.#queue = undefined;
      });
    }

    /** A stream that ends with an error (a seat map whose event was cancelled) ends the subscription with it, after the events before. */
    fail(error: Error): void {
      void (this.#queue ?? Promise.resolve()).then(() => this.stop(error));
    }

    /** Reads a source that is not an EventStream event by event, then ends after the last writes. */
    async read(): Promise<void> {
      try {
        for (let next = await this.source.next(); !next.done && !this.#done; next = await this.source.next()) this.take(next.value);
        await this.#queue;
        await this.stop();
      } catch (error) {
        await this.stop(error);
      }
    }

    write(json: Buffer): void {
      const { socket } = this;
      if (this.#done) return;
      if (socket.readyState !== socket.OPEN) return void this.stop();
      if (socket.bufferedAmount > options.maxBufferedBytes) {
        options.logger.warn({ bufferedBytes: socket.bufferedAmount }, 'closed a WebSocket that did not keep up with its subscription');
        socket.close(SLOW_CONSUMER_CLOSE_CODE, 'Too slow: reconnect and subscribe with sinceVersion');
        return void this.stop();
      }
      writeTextFrame(socket, this.#head, this.#headBytes, json);
      if (this.meter)
        void this.meter().then(
          (refusal) => refusal && this.stop(refusal),
          (error: unknown) => this.stop(error),
        );
    }

    async stop(error?: unknown): Promise<void> {
      if (this.#done) return;
      this.#done = true;
      count(this.subscribed.field, -1);
      await this.source.return?.();
      if (error) this.#settle.reject(error);
      else this.#settle.resolve();
    }

    [Symbol.asyncIterator]() {
      return this;
    }

    next(): Promise<IteratorResult<never>> {
      return this.#ended.then(() => FINISHED);
    }

    /** graphql-ws calls this when the client completes or the socket closes. */
    async return(): Promise<IteratorResult<never>> {
      await this.stop();
      return FINISHED;
    }
  }

  return {
    /**
     * graphql-ws `subscribe`: the field's source stream, handed to `deliver` to
     * render. The field's `subscribe` resolver (where authorization happens)
     * runs here with the subscriber's own context, shared field or not.
     */
    async subscribe(args: ExecutionArgs): Promise<AsyncIterable<unknown> | ExecutionResult> {
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in source)) return source; // the subscribe resolver failed
      const roots = rootFieldNames(args.document, args.operationName);
      // A subscription selects one root field (SingleFieldSubscriptionsRule, among the specified rules src/validation.ts runs).
      const shared = roots.length > 0 && roots.every((name) => sharedFields.has(name));
      // graphql-ws keeps these args for as long as the subscription runs. A shared field's events are rendered with no
      // viewer, so once the subscriber is authorized their context (its loaders and facades: most of what a watcher
      // would cost) is let go.
      if (shared) args.contextValue = undefined;
      subscriptions.set(source, { args, field: roots[0]!, selection: shared ? selectionKey(args) : undefined });
      return source;
    },

    /**
     * graphql-ws `onOperation`: takes each event of a source stream and writes
     * it to the socket as a "next" message (for a shared field, the same bytes
     * for every subscriber of a selection), yielding nothing to graphql-ws
     * itself. Closes the socket when it falls too far behind. `meter`, when
     * given, is told of each event written; the error it answers ends the
     * subscription with it (a partner key's budget spent).
     */
    deliver(socket: WebSocket, id: string, result: unknown, meter?: () => Promise<Error | undefined>): AsyncIterableIterator<never> | undefined {
      const subscribed = typeof result === 'object' && result !== null ? subscriptions.get(result) : undefined;
      if (!subscribed) return undefined;
      // An EventStream is its own iterator, and says `listen`.
      const source: AsyncIterator<unknown> & Partial<Pick<EventStream<unknown>, 'listen'>> = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const delivery = new Delivery(socket, id, subscribed, source, meter);
      if (typeof source.listen === 'function')
        source.listen(
          (event) => delivery.take(event),
          (error) => delivery.fail(error),
        );
      else void delivery.read();
      return delivery;
    },
  };
}

const FINISHED = { value: undefined as never, done: true as const };

/**
 * Writes one text message, `head`, then `json`, then "}", to a socket as a
 * WebSocket frame. `socket.send` takes one buffer, so the parts would be
 * copied into a new one for each subscriber (a 6.5 KB seat-map delta, to
 * 10,000 sockets: 65 MB per delta to allocate, copy and collect); here the
 * shared `json` is written as it is, the parts corked into one `writev`.
 * That costs about a third less CPU per socket (scratch measurement:
 * 16 µs against 11 on a 2-core VM). It writes to ws's own TCP socket: sound
 * because ws writes its frames there at once, never queuing them, as long as
 * nothing is compressed (endpoint.ts turns perMessageDeflate off) and no
 * Blob is sent, so no frame of ws's can be overtaken.
 */
function writeTextFrame(socket: WebSocket, head: string, headBytes: number, json: Buffer): void {
  const length = headBytes + json.length + MESSAGE_END.length;
  // FIN and the text opcode, then the length in 7 bits, or 126 and 16 bits, or 127 and 64 bits (RFC 6455 5.2); not masked.
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const start = Buffer.allocUnsafe(2 + lengthBytes + headBytes);
  start[0] = 0x81;
  if (lengthBytes === 0) start[1] = length;
  else if (lengthBytes === 2) {
    start[1] = 126;
    start.writeUInt16BE(length, 2);
  } else {
    start[1] = 127;
    start.writeBigUInt64BE(BigInt(length), 2);
  }
  start.write(head, 2 + lengthBytes);
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  tcp.cork();
  tcp.write(start);
  tcp.write(json);
  tcp.write(MESSAGE_END);
  tcp.uncork();
}

/**
 * The names of the fields an operation selects at its root, through its
 * fragments. A subscription selects one (graphql-js validates it); one that
 * selects none here (should that ever be) counts as not shared.
 */
function rootFieldNames(document: DocumentNode, operationName: string | null | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment);
      }
    }
  };
  collect(operation.selectionSet);
  return [...names];
}

/**
 * Operations on a shared field that differ only in the root field's
 * arguments (the event, the version to start from) render an event the same
 * way, as `@shared` promises: those arguments only choose the events.
 * Variables used anywhere else (say in @include) may change the rendering.
 */
function selectionKey(args: ExecutionArgs): string {
  const names = renderingVariables(args.document);
  const values = args.variableValues ?? {};
  return `${documentId(args.document)}|${args.operationName ?? ''}|${JSON.stringify(names.map((name) => values[name]))}`;
}

const compiledOperations = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
/**
 * The operation compiled by graphql-jit (or why it cannot be): a function
 * that renders an event with none of graphql-js's per-execution work
 * (collecting fields, building paths and the execution context). A waiting
 * room pushes a pass to every waiting fan every second, rendered for each fan
 * alone (not shared): graphql-js's `execute` took about 20 µs a pass, the
 * compiled query 2 (50,000 renderings of bench:onsale's selection on a 2-core
 * VM; BENCHMARKS.md has what it did to the rounds). One per
 * document and operation name: the document cache (src/validation.ts) gives
 * every subscriber of the same text the same DocumentNode, so 20,000 fans
 * share one compilation.
 */
function compiledOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompiledQuery | ExecutionResult {
  let byName = compiledOperations.get(document);
  if (!byName) compiledOperations.set(document, (byName = new Map()));
  let compiled = byName.get(operationName ?? '');
  if (compiled === undefined) byName.set(operationName ?? '', (compiled = compileQuery(schema, document, operationName ?? undefined)));
  return compiled;
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
