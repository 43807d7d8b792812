/**
 * Session tokens: HS256 JWTs naming a session row. The signature proves we
 * issued the token; the session row, checked on every request, says whether
 * it is still good, so logging out takes effect at once.
 */
import type { KeyObject } from 'node:crypto';

import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

export const TOKEN_ISSUER = 'ticketing-api';
export const TOKEN_AUDIENCE = 'ticketing-api';
const ALGORITHM = 'HS256';

export interface TokenClaims {
  userId: number;
  sessionId: string;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** `secret` as a KeyObject (createSecretKey) is imported once, not at every call. */
export type TokenSecret = KeyObject | Uint8Array;

export function signToken(secret: TokenSecret, claims: TokenClaims, issuedAt: Date, expiresAt: Date): Promise<string> {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(String(claims.userId))
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secret);
}

/**
 * A token check: the claims of a token we signed that has not expired;
 * InvalidTokenError with the reason otherwise. It remembers the tokens it
 * accepted (up to `maxRemembered`, the most recently used) until they
 * expire: a client sends the same token with every request, and checking
 * its HMAC costs more than the rest of authenticating it, while a remembered
 * token needs only its expiry checked. The key is the whole token, signature
 * included, so nothing unverified is ever taken from memory.
 */
export function createTokenVerifier(secret: TokenSecret, maxRemembered = 10_000) {
  const accepted = new LRUCache<string, { claims: TokenClaims; expiresAtSeconds: number }>({ max: maxRemembered });
  return async function verify(token: string, now: Date): Promise<TokenClaims> {
    const known = accepted.get(token);
    if (known) {
      if (Math.floor(now.getTime() / 1000) >= known.expiresAtSeconds) {
        accepted.delete(token);
        throw new InvalidTokenError(EXPIRED);
      }
      return known.claims;
    }
    const verified = await verifySignedToken(secret, token, now);
    accepted.set(token, verified);
    return verified.claims;
  };
}

const EXPIRED = 'The token has expired; log in again.';

async function verifySignedToken(secret: TokenSecret, token: string, now: Date): Promise<{ claims: TokenClaims; expiresAtSeconds: number }> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [ALGORITHM], // never "none", never an algorithm the token picks for itself
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || typeof payload.sid !== 'string') throw new InvalidTokenError('The token has malformed claims.');
    return { claims: { userId, sessionId: payload.sid }, expiresAtSeconds: payload.exp! };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError(EXPIRED);
    throw new InvalidTokenError('The token is not valid.');
  }
}
