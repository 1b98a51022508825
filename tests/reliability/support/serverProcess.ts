import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../../server/config.js';

export interface Account {
  email: string;
  role: string;
  password: string;
}

export interface ServerProcess {
  url: string;
  pid: number;
  accounts: Account[];
  child: ChildProcess;
  /** Everything the server printed. */
  output(): string;
  /** The server's memory after a full GC (RSS and V8 heap) and DuckDB's own count (`duckdb`, bytes), asked over IPC. */
  memory(): Promise<ServerMemory>;
  /** True while the process runs. */
  alive(): boolean;
  /** Resolves with the exit code and signal when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export type ServerMemory = NodeJS.MemoryUsage & { duckdb: number };

const CHILD = path.join(ROOT, 'tests/reliability/support/serverChild.ts');

/**
 * Starts server/main.ts's startServer in a child process with `env` on top of ours (DATABASE_URL,
 * DUCKDB_PATH, DATA_DIR, IMPORT_DIR, SEED_DEMO, ...) on a free loopback port, and waits until it serves.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = fork(CHILD, [], {
    cwd: ROOT,
    // SERVER_CPU_PROFILE_DIR=dir writes the server's V8 CPU profile there when it stops (node --cpu-prof),
    // to see where a load test's time goes (--cpu-prof is refused in NODE_OPTIONS).
    execArgv: ['--import', '@swc-node/register/esm-register', '--expose-gc', ...(process.env.SERVER_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SERVER_CPU_PROFILE_DIR}`] : [])],
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<{ url: string; accounts: Account[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}, signal ${signal}) before it served:\n${output}`));
    });
  });
  const { url, accounts } = await ready;
  let status: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void exited.then((s) => (status = s));
  return {
    url: url.replace(/\/$/, ''),
    pid: child.pid!,
    accounts,
    child,
    output: () => output,
    alive: () => status === null,
    exited,
    memory: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The server did not report its memory')), 30_000);
        child.once('message', (message: { memory: ServerMemory }) => {
          clearTimeout(timer);
          resolve(message.memory);
        });
        child.send('memory');
      }),
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (status === null) child.kill(signal);
      return exited;
    },
  };
}

/** A temp directory for one test file (the caller removes it). Traversable, as embedded Postgres needs. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface HttpResult {
  status: number;
  body: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
  headers: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request over a keep-alive loopback connection; never rejects on an HTTP status, only on a network error. */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers, agent, timeout: options.timeoutMs ?? 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        let json: HttpResult['json'];
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body, json, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 60_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs a GraphQL operation as JSON. */
export function gqlPost(base: string, query: string, variables: Record<string, unknown> = {}, cookie?: string): Promise<HttpResult> {
  return request(`${base}/graphql`, {
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(base: string, account: Account): Promise<string> {
  const result = await gqlPost(base, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt } }', { e: account.email, p: account.password });
  const cookie = [result.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0];
  if (!cookie) throw new Error(`Sign-in as ${account.email} failed: ${result.body}`);
  return cookie;
}

export const account = (server: ServerProcess, role: string): Account => {
  const found = server.accounts.find((a) => a.role === role);
  if (!found) throw new Error(`No ${role} account was created on this start`);
  return found;
};
