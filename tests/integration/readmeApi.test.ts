/**
 * The README's "Use the API" section, run as written: its curl, Python and TypeScript blocks against a
 * started server (demo company) with a real API token, their output checked against the API's own
 * answer. A README that drifts from the schema fails here.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLoader } from '../../seeds/demoLoader.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { freshDatabase } from '../support/testApp.js';

const run = promisify(execFile);
const README = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');

/** The fenced code blocks of one README section, with their language. */
export function codeBlocks(markdown: string, heading: string): { lang: string; code: string }[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const next = markdown.indexOf('\n## ', start + heading.length + 5);
  const section = markdown.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] ?? '', code: m[2] ?? '' }));
}

const blocks = codeBlocks(README, 'Use the API');
const block = (lang: string, index = 0) => {
  const found = blocks.filter((b) => b.lang === lang)[index];
  if (!found) throw new Error(`README "Use the API" has no ${lang} block number ${index + 1}`);
  return found.code;
};

let server: RunningServer;
let drop: (() => Promise<void>) | undefined;
let dir: string;
let env: NodeJS.ProcessEnv;
let token: string;

async function gql<T>(query: string, variables: Record<string, unknown> = {}, auth: Record<string, string> = { authorization: `Bearer ${token}` }): Promise<{ data: T; headers: Headers }> {
  const response = await fetch(new URL('/graphql', server.url), { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return { data: body.data, headers: response.headers };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-readme-'));
  const db = await freshDatabase();
  drop = db.drop;
  server = await startServer({ port: 0, dataDir: dir, databaseUrl: db.url, seedDemo: true, alertCheckMinutes: 0 }, () => {}, demoLoader);

  // What the README's steps do in the browser: sign in as the analyst, create a token on the account page.
  const analyst = server.accounts.find((a) => a.role === 'ANALYST');
  if (!analyst) throw new Error('no analyst account');
  const signIn = await gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', { e: analyst.email, p: analyst.password }, {});
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await gql<{ createApiToken: { token: string } }>('mutation { createApiToken(input: { name: "README examples", expiresInDays: 1 }) { token } }', {}, { cookie });
  token = created.data.createApiToken.token;
  // The README's export lines, with this server's address (no trailing slash, as the README's example).
  env = { ...process.env, TOUCHPOINT_URL: server.url.replace(/\/$/, ''), TOUCHPOINT_TOKEN: token };
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await drop?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Ranking {
  drivers: { customers: number; drivers: { rank: number | null; touchpointName: string; touchpointCode: string; share: number | null; n: number }[] };
}

describe('README "Use the API"', () => {
  it('has the steps, the explorer and one example per language', () => {
    expect(blocks.map((b) => b.lang)).toEqual(expect.arrayContaining(['sh', 'python', 'ts']));
    const section = README.slice(README.indexOf('## Use the API'));
    expect(section).toMatch(/\/graphql`?[^\n]*\n?[^\n]*GraphiQL/);
    expect(section).toContain('Create token');
    expect(block('sh', 0)).toContain('TOUCHPOINT_TOKEN=');
  });

  it('curl: prints the driver ranking the API computes, names beside codes', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', block('sh', 1)], { env, timeout: 60_000 });
    const printed = JSON.parse(stdout) as { data: Ranking };
    const expected = await gql<Ranking>('{ drivers(outcome: LTR) { customers drivers { rank touchpointName touchpointCode share n } } }');
    expect(printed.data).toEqual(expected.data);
    const ranking = printed.data.drivers.drivers;
    expect(ranking.length).toBeGreaterThan(3);
    expect(ranking[0]!.rank).toBe(1);
    for (const d of ranking) expect(d.touchpointName).not.toBe(d.touchpointCode);
  });

  it('Python: prints one customer\'s follow-up cases with touchpoint and persona names', async () => {
    const queue = await gql<{ followUpCases: { items: { customerId: string; touchpointName: string | null; personaName: string | null; department: { name: string } }[] } }>(
      '{ followUpCases(first: 1, filter: { kind: RECOVER }) { items { customerId touchpointName personaName department { name } } } }',
    );
    const first = queue.data.followUpCases.items[0];
    if (!first) throw new Error("the demo analyst's department has no follow-up case");
    const own = await gql<{ followUpCases: { totalCount: number } }>('query($c: String!) { followUpCases(first: 1, filter: { customerId: $c }) { totalCount } }', { c: first.customerId });
    const file = path.join(dir, 'follow_up.py');
    fs.writeFileSync(file, block('python'));
    const { stdout } = await run('python3', [file, first.customerId], { env, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`Customer ${first.customerId}: ${own.data.followUpCases.totalCount} follow-up case(s)`);
    expect(lines).toHaveLength(1 + own.data.followUpCases.totalCount);
    expect(stdout).toContain(`about ${first.touchpointName ?? 'relationship survey'} (${first.personaName})`);
    expect(stdout).toContain(first.department.name);
    expect(stdout).not.toMatch(/\bNone\b/);
  });

  it('Python: a bad token ends with the API\'s message, not a stack trace', async () => {
    const file = path.join(dir, 'follow_up_bad.py');
    fs.writeFileSync(file, block('python'));
    const failed = await run('python3', [file, 'C1'], { env: { ...env, TOUCHPOINT_TOKEN: 'not-a-token' }, timeout: 60_000 }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/sign in|token/i);
  });

  it('TypeScript: prints the top five drivers by name with their share and n', async () => {
    const source = block('ts');
    const { diagnostics, outputText } = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
    expect(diagnostics ?? []).toEqual([]);
    const file = path.join(dir, 'drivers.mjs');
    fs.writeFileSync(file, outputText);
    const { stdout } = await run(process.execPath, [file], { env, timeout: 60_000 });
    const { data } = await gql<Ranking>('{ drivers(outcome: LTR) { customers drivers { rank touchpointName touchpointCode share n } } }');
    const top = data.drivers.drivers.slice(0, 5);
    expect(stdout.trim().split('\n')).toEqual([
      `What moves likelihood to recommend (${data.drivers.customers} customers):`,
      ...top.map((d) => `${d.rank}. ${d.touchpointName}: ${d.share === null ? '-' : Math.round(d.share * 100)}% of the explained variance (n ${d.n})`),
    ]);
  });
});
