/**
 * Rate-limit settings for the benchmarks' API servers (see "Rate limits" in
 * the README). A benchmark runs its whole crowd from this one machine: unless
 * each buyer says its own address through X-Forwarded-For (bench:onsale and
 * bench:requests do), every buyer is 127.0.0.1, and the limits per address
 * would measure themselves. The limits per user stay on where the buyers act
 * as fans do, so the benchmark shows that they cost a fan nothing.
 */

/** Turns off every limit per client address (open WebSockets have no "off": a bound no benchmark reaches). */
export const PER_ADDRESS_LIMITS_OFF = {
  MAX_SOCKETS_PER_ADDRESS: '1000000',
  RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '0',
  RATE_LIMIT_JOINS_PER_ADDRESS: '0',
  RATE_LIMIT_RESERVES_PER_ADDRESS: '0',
  RATE_LIMIT_RELEASES_PER_ADDRESS: '0',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '0',
} as const;

/**
 * Also turns off the limits per user, for drivers that act faster than any fan
 * (bench:fanout holds and releases each seat about once a second per user: the
 * churn those limits exist to stop).
 */
export const RATE_LIMITS_OFF = {
  ...PER_ADDRESS_LIMITS_OFF,
  RATE_LIMIT_RESERVES_PER_USER: '0',
  RATE_LIMIT_RELEASES_PER_USER: '0',
  RATE_LIMIT_RELEASES_PER_USER_PER_EVENT: '0',
} as const;
