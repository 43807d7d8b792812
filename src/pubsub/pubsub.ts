/**
 * Messages between the API processes of one deployment. Delivery is at most
 * once and only to processes subscribed at that moment (Redis pub/sub
 * semantics): use it for news that may be lost, never as the record of truth.
 */
export interface PubSub {
  /** Sends `message` to every subscriber of `channel`, in this process and the others. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `listener` with each message published on `channel` from now on.
   * Resolves once the subscription is in place, with the function that ends it.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  /** Ends every subscription and lets go of connections. */
  close(): Promise<void>;
}
