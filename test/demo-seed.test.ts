/**
 * The demo's accounts (an ADMIN among them) get the README's passwords only
 * on the embedded default. Seeded into an external database, which needs
 * SEED_DEMO=true, each gets a generated password, printed once in the log
 * with a warning. (test/readme.test.ts seeds with the published passwords,
 * as the embedded default does; test/config.test.ts has SEED_DEMO's default.)
 */
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts.js';
import { DEMO_PARTNER_KEY } from '../src/partners/demo-partner.js';
import { useTestDatabase } from './support/fixture.js';

const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token user { role } userErrors { code } } }`;
const GENERATED = /generated passwords, shown only this once/;

describe('the demo seeded into an external database (DATABASE_URL, SEED_DEMO=true)', () => {
  const { startServer } = useTestDatabase();
  const start = () => startServer({ env: { SEED_DEMO: 'true' } });

  it(
    'gives each demo account a generated password, and the demo partner a generated key, printed once with a warning, and never the published ones',
    { timeout: 300_000 },
    async () => {
      const server = await start();
      const warnings = server.logs.filter((line) => (line.level as number) === 40).map((line) => line.msg as string);
      expect(warnings).toContainEqual(expect.stringMatching(/SEED_DEMO is on with an external database/));
      const printed = server.logs.filter((line) => GENERATED.test(String(line.msg)));
      expect(printed).toHaveLength(1);
      expect(printed[0]!.level).toBe(40);
      const accounts = printed[0]!.accounts as { email: string; password: string; role: string }[];
      expect(accounts.map(({ email, role }) => ({ email, role }))).toEqual(DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })));

      for (const [i, account] of accounts.entries()) {
        const published = DEMO_ACCOUNTS[i]!.password;
        expect(account.password).not.toBe(published);
        expect(account.password.length).toBeGreaterThanOrEqual(20);
        const withPublished = await server.graphql(LOG_IN, { input: { email: account.email, password: published } });
        expect(withPublished.data.logIn.userErrors, `${account.email} with the README password`).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
        const withPrinted = await server.graphql(LOG_IN, { input: { email: account.email, password: account.password } });
        expect(withPrinted.data.logIn.user, `${account.email} with the printed password`).toEqual({ role: account.role });
      }
      expect(new Set(accounts.map((account) => account.password)).size).toBe(accounts.length);
      // The demo partner's key too: a new one, printed with them, and not PARTNERS.md's.
      const partnerKey = printed[0]!.partnerKey as string;
      expect(partnerKey).not.toBe(DEMO_PARTNER_KEY);
      const withKey = async (key: string) =>
        (
          await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: '{"query":"{ __typename }"}',
          })
        ).status;
      expect([await withKey(partnerKey), await withKey(DEMO_PARTNER_KEY)]).toEqual([400, 401]); // an ad-hoc document: refused, but the key is good

      // Another start on the seeded database seeds nothing, so prints no password.
      const again = await start();
      expect(again.logs.some((line) => GENERATED.test(String(line.msg)))).toBe(false);
    },
  );
});
