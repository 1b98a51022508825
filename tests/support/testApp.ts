import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Options } from '@mikro-orm/postgresql';
import { createApp } from '../../server/app.js';
import type { AppDeps, Caller, Context } from '../../server/context.js';
import { startAnalytics } from '../../server/analytics.js';
import { loadConfig } from '../../server/config.js';
import { initORM, type ORM } from '../../server/db.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';

/** A fresh database on the test run's Postgres (tests/setup/postgres.global.ts), migrated. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(inject('pgUrl'));
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface GqlResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

/**
 * The real schema on a real Postgres, executed in-process. `gql(query, vars, role)` runs as a
 * user of that role (null = anonymous); `sql` records every SQL statement the ORM sends.
 */
export async function makeTestApp(options: Partial<Options> = {}, settings: Partial<Pick<AppDeps, 'importDir' | 'followUpMaxAgeDays' | 'minCellCustomers' | 'uploadMaxBytes'>> = {}) {
  const db = await freshDatabase();
  const sql: string[] = [];
  const orm: ORM = await initORM(db.url, {
    debug: ['query'],
    colors: false,
    logger: (message: string) => {
      if (message.startsWith('[query]')) sql.push(message);
    },
    ...options,
  });
  const modelChanges: number[] = [];
  const analytics = await startAnalytics(':memory:', db.url);
  const config = loadConfig();
  const deps: AppDeps = {
    orm,
    analytics: analytics.store,
    production: false,
    onModelChanged: async () => {
      modelChanges.push(Date.now());
      await analytics.syncModel();
    },
    importDir: settings.importDir ?? config.importDir,
    followUpMaxAgeDays: settings.followUpMaxAgeDays ?? config.followUpMaxAgeDays,
    minCellCustomers: settings.minCellCustomers ?? config.minCellCustomers,
    uploadMaxBytes: settings.uploadMaxBytes,
    trustProxy: config.trustProxy,
  };
  const { apollo, app } = await createApp(deps);

  const callers = new Map<Role, Caller>();
  async function callerFor(role: Role): Promise<Caller> {
    const existing = callers.get(role);
    if (existing) return existing;
    const em = orm.em.fork();
    const { user } = await createUser(em, { email: `${role.toLowerCase()}@test.local`, name: role, role });
    const caller: Caller = { id: user.id, email: user.email, name: user.name, role, departmentId: null, via: 'SESSION', credentialId: randomUUID() };
    callers.set(role, caller);
    return caller;
  }

  async function gql(query: string, variables: Record<string, unknown> = {}, role: Role | null = Role.ADMIN): Promise<GqlResult> {
    const contextValue: Context = { em: orm.em.fork(), deps, caller: role ? await callerFor(role) : null };
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('Expected a single GraphQL result');
    return response.body.singleResult as GqlResult;
  }

  /** Runs a query that must succeed and returns its data. */
  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, role: Role | null = Role.ADMIN): Promise<T> {
    const result = await gql(query, variables, role);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    return result.data as T;
  }

  return {
    orm,
    sql,
    modelChanges,
    gql,
    ok,
    callerFor,
    analytics,
    /** The Express app (HTTP routes beside /graphql), for tests that listen on a port. */
    http: app,
    deps,
    async close() {
      await apollo.stop();
      await analytics.close();
      await orm.close(true);
      await db.drop();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

/** Error codes of a result, in order. */
export const codes = (result: GqlResult) => (result.errors ?? []).map((e) => e.extensions?.code);
