/**
 * Admission tokens (src/waitingroom/admission-token.ts): a token admits only
 * its own user at its own event until its pass's admission ends; every other
 * token, forged, altered by one byte or of another kind, is refused as
 * ADMISSION_REQUIRED, and ADMISSION_EXPIRED is kept for genuine tokens whose
 * time is up.
 */
import { createHmac, createSecretKey } from 'node:crypto';

import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import { createTokenVerifier, InvalidTokenError, signToken } from '../../src/accounts/tokens.js';
import { ADMISSION_TOKEN_AUDIENCE, ADMISSION_TOKEN_TYPE, createAdmissionTokens } from '../../src/waitingroom/admission-token.js';

const secret = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256!');
const tokens = createAdmissionTokens(secret);
/** The key admission tokens are signed with, derived as the module does: to forge tokens of other shapes with it. */
const admissionKey = createSecretKey(createHmac('sha256', secret).update('admission-token').digest());

const issuedAt = new Date('2030-01-01T10:00:00.000Z');
const admittedUntil = new Date('2030-01-01T10:10:00.000Z');
const claims = { userId: 7, eventId: 42, passId: '1234', expiresAt: admittedUntil };
const owner = { userId: 7, eventId: 42 };
const during = new Date('2030-01-01T10:05:00.000Z');
const at = (date: Date, ms: number) => new Date(date.getTime() + ms);

const ADMITTED = { admitted: true, passId: '1234' };
const REQUIRED = { admitted: false, code: 'ADMISSION_REQUIRED' };
const EXPIRED = { admitted: false, code: 'ADMISSION_EXPIRED' };

/** `token` with one bit of byte `index` of segment `segment` (0 header, 1 payload, 2 signature) flipped, re-encoded. */
function alter(token: string, segment: number, index: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[segment]!, 'base64url');
  bytes[index]! ^= 0x01;
  parts[segment] = bytes.toString('base64url');
  return parts.join('.');
}

describe('admission tokens', () => {
  it("admit the pass's owner at its event until its admission ends", async () => {
    const token = await tokens.sign(claims, issuedAt);
    expect(await tokens.verify(token, owner, issuedAt)).toEqual(ADMITTED);
    expect(await tokens.verify(token, owner, during)).toEqual(ADMITTED);
    expect(await tokens.verify(token, owner, at(admittedUntil, -1))).toEqual(ADMITTED);
  });

  it('are expired from the end of the admission on, and never outlive it (whole seconds, rounded down)', async () => {
    const token = await tokens.sign(claims, issuedAt);
    expect(await tokens.verify(token, owner, admittedUntil)).toEqual(EXPIRED);
    expect(await tokens.verify(token, owner, at(admittedUntil, 3_600_000))).toEqual(EXPIRED);
    const endingMidSecond = await tokens.sign({ ...claims, expiresAt: at(admittedUntil, 999) }, issuedAt);
    expect(await tokens.verify(endingMidSecond, owner, at(admittedUntil, -1))).toEqual(ADMITTED);
    expect(await tokens.verify(endingMidSecond, owner, at(admittedUntil, 500))).toEqual(EXPIRED);
  });

  it('refuse a missing or malformed token as ADMISSION_REQUIRED', async () => {
    for (const token of [undefined, null, '', 'admitted', 'a.b.c', 'a.b', '...', 'eyJhbGciOiJIUzI1NiJ9.e30.'])
      expect([token, await tokens.verify(token, owner, during)]).toEqual([token, REQUIRED]);
  });

  it("refuse another user's or another event's token as ADMISSION_REQUIRED, expired or not", async () => {
    const token = await tokens.sign(claims, issuedAt);
    for (const now of [during, at(admittedUntil, 60_000)]) {
      expect(await tokens.verify(token, { userId: 8, eventId: 42 }, now)).toEqual(REQUIRED);
      expect(await tokens.verify(token, { userId: 7, eventId: 43 }, now)).toEqual(REQUIRED);
    }
  });

  it('refuse a token signed with another secret, expired or not', async () => {
    const forged = await createAdmissionTokens(new TextEncoder().encode('another-secret-that-is-long-enough-for-hs256')).sign(claims, issuedAt);
    expect(await tokens.verify(forged, owner, during)).toEqual(REQUIRED);
    expect(await tokens.verify(forged, owner, at(admittedUntil, 60_000))).toEqual(REQUIRED);
  });

  it('refuse a token with any one byte altered, in the header, the payload or the signature, expired or not', async () => {
    const token = await tokens.sign(claims, issuedAt);
    const sizes = token.split('.').map((part) => Buffer.from(part, 'base64url').length);
    expect(sizes[2]).toBe(32); // HMAC-SHA256
    let altered = 0;
    for (const [segment, size] of sizes.entries()) {
      for (let index = 0; index < size; index++) {
        const changed = alter(token, segment, index);
        expect(changed).not.toBe(token);
        for (const now of [during, at(admittedUntil, 60_000)])
          expect([segment, index, await tokens.verify(changed, owner, now)]).toEqual([segment, index, REQUIRED]);
        altered++;
      }
    }
    expect(altered).toBe(sizes[0]! + sizes[1]! + sizes[2]!);
  });

  it('refuse a session token, even one signed with the admission key and carrying the admission claims', async () => {
    const expiresAt = at(issuedAt, 86_400_000);
    const session = await signToken(secret, { userId: 7, sessionId: 'session-1' }, issuedAt, expiresAt);
    expect(await tokens.verify(session, owner, during)).toEqual(REQUIRED);
    const sameKey = await signToken(admissionKey, { userId: 7, sessionId: 'session-1' }, issuedAt, expiresAt);
    expect(await tokens.verify(sameKey, owner, during)).toEqual(REQUIRED);
    const sessionShaped = (typ: string, audience: string) =>
      new SignJWT({ sid: 'session-1', evt: 42, pid: '1234' })
        .setProtectedHeader({ alg: 'HS256', typ })
        .setSubject('7')
        .setIssuer('ticketing-api')
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(admissionKey);
    expect(await tokens.verify(await sessionShaped('JWT', 'ticketing-api'), owner, during)).toEqual(REQUIRED);
    expect(await tokens.verify(await sessionShaped(ADMISSION_TOKEN_TYPE, 'ticketing-api'), owner, during)).toEqual(REQUIRED);
    expect(await tokens.verify(await sessionShaped('JWT', ADMISSION_TOKEN_AUDIENCE), owner, during)).toEqual(REQUIRED);
    // The control: the same claims with the admission typ and audience are a good token.
    expect(await tokens.verify(await sessionShaped(ADMISSION_TOKEN_TYPE, ADMISSION_TOKEN_AUDIENCE), owner, during)).toEqual(ADMITTED);
  });

  it('are never taken for a session token', async () => {
    const token = await tokens.sign(claims, issuedAt);
    for (const key of [secret, admissionKey]) await expect(createTokenVerifier(key)(token, during)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuse an unsigned token ("alg": "none") and one whose event or pass claim is of the wrong type', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = { sub: '7', evt: 42, pid: '1234', iss: 'ticketing-api', aud: ADMISSION_TOKEN_AUDIENCE, exp: admittedUntil.getTime() / 1000 };
    expect(await tokens.verify(`${encode({ alg: 'none', typ: ADMISSION_TOKEN_TYPE })}.${encode(payload)}.`, owner, during)).toEqual(REQUIRED);
    const signed = (claimsSet: object) =>
      new SignJWT({ ...claimsSet })
        .setProtectedHeader({ alg: 'HS256', typ: ADMISSION_TOKEN_TYPE })
        .sign(admissionKey)
        .then((token) => tokens.verify(token, owner, during));
    expect(await signed(payload)).toEqual(ADMITTED);
    expect(await signed({ ...payload, evt: '42' })).toEqual(REQUIRED);
    expect(await signed({ ...payload, pid: 1234 })).toEqual(REQUIRED);
    expect(await signed({ ...payload, exp: undefined })).toEqual(REQUIRED);
  });
});
