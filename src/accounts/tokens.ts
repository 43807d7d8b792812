/**
 * Session tokens: HS256 JWTs naming a session row. The signature proves we
 * issued the token; the session row, checked on every request, says whether
 * it is still good, so logging out takes effect at once.
 */
import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

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

/** The claims of a token we signed that has not expired; InvalidTokenError with the reason otherwise. */
export async function verifyToken(secret: TokenSecret, token: string, now: Date): Promise<TokenClaims> {
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
    return { userId, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The token has expired; log in again.');
    throw new InvalidTokenError('The token is not valid.');
  }
}
