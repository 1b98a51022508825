import fs from 'node:fs';
import type { Server } from 'node:http';
import { DEMO_MONTHS, demoCompany } from '../../../seeds/demo/company.js';
import { loadDemoCompany } from '../../../seeds/demo/load.js';
import { generate } from '../../../seeds/generate/index.js';
import { startAnalytics, type AnalyticsRuntime } from '../../../server/analytics.js';
import { createApp, type AppOptions } from '../../../server/app.js';
import { initORM, type ORM } from '../../../server/db.js';
import { Role } from '../../../server/modules/users/user.enums.js';
import { createUser } from '../../../server/modules/users/user.service.js';
import { freshDatabase } from '../../support/testApp.js';
import { gqlPost, request, signIn, tempDir, type Account, type HttpResult } from '../../reliability/support/serverProcess.js';

export { gqlPost, request, signIn, type HttpResult };

/**
 * The real HTTP app (express, limits, Apollo, formatError) in production mode on loopback, over the demo
 * company's model and a small generated data set, with one account per role: what the probe of a
 * default `npm start` met, in this process so a crash fails the test.
 */
export async function startSecurityApp(options: { customers?: number; responses?: number; app?: Partial<AppOptions> } = {}) {
  const importDir = tempDir('touchpoint-security-');
  const db = await freshDatabase();
  const orm: ORM = await initORM(db.url);
  await loadDemoCompany(orm.em.fork(), demoCompany);
  const analytics: AnalyticsRuntime = await startAnalytics(':memory:', db.url);
  await generate(analytics.store, { customers: options.customers ?? 300, responses: options.responses ?? 3_000, months: DEMO_MONTHS, seed: 11, dimensions: 'never' });
  const accounts = new Map<Role, Account>();
  for (const role of Object.values(Role)) {
    const email = `${role.toLowerCase()}@security.test`;
    const { password } = await createUser(orm.em.fork(), { email, name: role, role });
    accounts.set(role, { email, role, password });
  }
  const { app, apollo, deps } = await createApp({ orm, analytics: analytics.store, production: true, onModelChanged: analytics.syncModel, importDir, ...options.app });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const cookies = new Map<Role, string>();
  return {
    base,
    /** The app's dependencies, for what the server does on a user's behalf (board pack, digests). */
    deps,
    orm,
    analytics,
    importDir,
    account: (role: Role): Account => accounts.get(role)!,
    /** A session cookie for the role's account (signed in once, then reused). */
    async cookie(role: Role): Promise<string> {
      const known = cookies.get(role);
      if (known) return known;
      const cookie = await signIn(base, accounts.get(role)!);
      cookies.set(role, cookie);
      return cookie;
    },
    gql: (query: string, variables: Record<string, unknown> = {}, cookie?: string) => gqlPost(base, query, variables, cookie),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await analytics.close();
      await orm.close(true);
      await db.drop();
      fs.rmSync(importDir, { recursive: true, force: true });
    },
  };
}

export type SecurityApp = Awaited<ReturnType<typeof startSecurityApp>>;

/** The error codes and reasons of an HTTP GraphQL result. */
export const reasons = (result: HttpResult) => (result.json?.errors ?? []).map((e) => `${String(e.extensions?.code)}/${String(e.extensions?.reason)}`);
