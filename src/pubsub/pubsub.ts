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
   * Resolves with the function that ends the subscription, once it is in
   * place; while the broker is out of reach, at once, and the subscription is
   * made when the connection comes back.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  /**
   * Calls `listener` each time the connection to the broker has come back and
   * every subscription is in place again. Whatever was published while it was
   * away is lost: this is the moment to catch up from the record of truth.
   */
  onReconnect(listener: () => void): void;
  /** Ends every subscription and lets go of connections. */
  close(): Promise<void>;
}
