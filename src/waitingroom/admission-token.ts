/**
 * Admission tokens: what an admitted fan shows `reserveSeats` to prove that
 * the waiting room let them in. An HS256 JWT naming the user, the event and
 * the pass, expiring with the pass's admission, checked from its signature
 * alone (no database read: the booking path pays one HMAC, compared in
 * constant time by WebCrypto's verify).
 *
 * The key is derived from the service's token secret for this purpose only,
 * and the token carries its own `typ` header and audience, so a session token
 * is never taken for an admission token, nor the reverse: each is signed with
 * another key, and each check also refuses the other's typ and audience.
 *
 * Whether the pass is still ADMITTED (not left, not finished, its token not
 * already used for a hold that ended) is the queue store's answer, asked when
 * the hold is attached; a token says only who was admitted where, until when.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

import { errors, jwtVerify, SignJWT } from 'jose';

import { TOKEN_ISSUER } from '../accounts/tokens.js';

/** `typ` of the protected header: unlike a session token's `JWT`. */
export const ADMISSION_TOKEN_TYPE = 'admission+jwt';
/** The audience: unlike a session token's. */
export const ADMISSION_TOKEN_AUDIENCE = 'ticketing-api/admission';
const ALGORITHM = 'HS256';
/** The label the key is derived under: another label gives an unrelated key. */
const KEY_PURPOSE = 'admission-token';

/** The codes of a refused token, as `reserveSeats` answers them. */
export type AdmissionErrorCode = 'ADMISSION_REQUIRED' | 'ADMISSION_EXPIRED';

/** What an admission token says. */
export interface AdmissionClaims {
  userId: number;
  eventId: number;
  /** The pass's id (a decimal string, as the queue store gives it). */
  passId: string;
  /** The pass's admittedUntil; the token is good until the last whole second at or before it. */
  expiresAt: Date;
}

/** A check's answer: the pass the token admits, or why it is refused. */
export type AdmissionVerdict = { admitted: true; passId: string } | { admitted: false; code: AdmissionErrorCode };

export interface AdmissionTokens {
  /** Signs a token for an admitted pass. */
  sign(claims: AdmissionClaims, issuedAt: Date): Promise<string>;
  /**
   * Checks `token` for the user and event of a reservation at `now`.
   * ADMISSION_REQUIRED: no token, not a JWT, a signature that does not hold
   * (any byte altered, another key, a session token), another user's or
   * another event's. ADMISSION_EXPIRED: a token we signed for this user and
   * event whose time is up (only once all of that holds, so an expired token
   * never tells a forger more than a refusal).
   */
  verify(token: string | null | undefined, expected: { userId: number; eventId: number }, now: Date): Promise<AdmissionVerdict>;
}

/** Admission tokens signed with a key derived from `secret`, the service's token secret. */
export function createAdmissionTokens(secret: Uint8Array): AdmissionTokens {
  const key = admissionKey(secret);
  return {
    sign: ({ userId, eventId, passId, expiresAt }, issuedAt) =>
      new SignJWT({ evt: eventId, pid: passId })
        .setProtectedHeader({ alg: ALGORITHM, typ: ADMISSION_TOKEN_TYPE })
        .setSubject(String(userId))
        .setIssuer(TOKEN_ISSUER)
        .setAudience(ADMISSION_TOKEN_AUDIENCE)
        .setIssuedAt(issuedAt)
        // Whole seconds, rounded down, so the token never outlives the admission.
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key),
    verify: (token, expected, now) => (token ? verifyToken(key, token, expected, now) : Promise.resolve(REQUIRED)),
  };
}

const REQUIRED: AdmissionVerdict = { admitted: false, code: 'ADMISSION_REQUIRED' };
const EXPIRED: AdmissionVerdict = { admitted: false, code: 'ADMISSION_EXPIRED' };

async function verifyToken(key: KeyObject, token: string, { userId, eventId }: { userId: number; eventId: number }, now: Date): Promise<AdmissionVerdict> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM], // never "none", never an algorithm the token picks for itself
      typ: ADMISSION_TOKEN_TYPE,
      issuer: TOKEN_ISSUER,
      audience: ADMISSION_TOKEN_AUDIENCE,
      subject: String(userId), // jose checks the subject before the expiry
      currentDate: now,
      requiredClaims: ['exp', 'evt', 'pid'],
    });
    return payload.evt === eventId && typeof payload.pid === 'string' ? { admitted: true, passId: payload.pid } : REQUIRED;
  } catch (error) {
    // jose throws JWTExpired only after the signature, typ, issuer, audience and subject held; the event is ours to check.
    if (error instanceof errors.JWTExpired && error.payload.evt === eventId) return EXPIRED;
    return REQUIRED;
  }
}

/** HMAC-SHA256(secret, purpose) as an HS256 key: the session tokens' secret never signs anything else as it is. */
function admissionKey(secret: Uint8Array): KeyObject {
  return createSecretKey(createHmac('sha256', secret).update(KEY_PURPOSE).digest());
}
