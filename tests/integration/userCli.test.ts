import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../server/config.js';
import { initORM } from '../../server/db.js';
import { verifyPassword } from '../../server/auth/password.js';
import { User } from '../../server/modules/users/user.entity.js';
import { freshDatabase } from '../support/testApp.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.drop());

const userCli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/user.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: db.url },
  });

it('npm run user: create prints a generated password once, list shows the user, reset-password replaces it', async () => {
  const created = userCli('create', 'Mette@Example.com', 'strategist', 'Mette', 'Hansen');
  expect(created.status, created.stderr).toBe(0);
  const password = /Password \(shown once\): (\S+)/.exec(created.stdout)?.[1];
  expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

  const listed = userCli('list');
  expect(listed.stdout).toMatch(/STRATEGIST\s+mette@example\.com\s+active\s+Mette Hansen/);
  expect(listed.stdout).not.toContain(password);

  const reset = userCli('reset-password', 'mette@example.com');
  const newPassword = /\(shown once; sessions ended\): (\S+)/.exec(reset.stdout)?.[1];
  expect(newPassword).toBeDefined();
  expect(newPassword).not.toBe(password);

  const orm = await initORM(db.url);
  const user = await orm.em.fork().findOneOrFail(User, { email: 'mette@example.com' });
  expect(await verifyPassword(newPassword!, user.passwordHash)).toBe(true);
  expect(await verifyPassword(password!, user.passwordHash)).toBe(false);
  await orm.close(true);
}, 120_000);

it('npm run user: explains what is wrong with bad arguments and exits non-zero', () => {
  const badRole = userCli('create', 'x@example.com', 'BOSS');
  expect(badRole.status).toBe(1);
  expect(badRole.stderr).toContain('create needs an e-mail and a role (ADMIN, STRATEGIST, ANALYST, EXECUTIVE)');
  const unknown = userCli('reset-password', 'nobody@example.com');
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('No user with e-mail "nobody@example.com"');
}, 120_000);
