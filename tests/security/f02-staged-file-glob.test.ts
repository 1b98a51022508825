import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStagedFile } from '../../server/modules/imports/import.service.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 2: importData(stagedFile: "[p]asswd.csv", …) passed the path check, and DuckDB's read_csv
// expanded [p] and read passwd.csv, a symlink in the import directory to /etc/passwd.
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ customers: 50, responses: 200 });
  fs.symlinkSync('/etc/passwd', path.join(app.importDir, 'passwd.csv'));
});
afterAll(async () => app?.close());

const IMPORT = 'mutation ($file: String!) { importData(kind: CUSTOMERS, stagedFile: $file, mode: APPEND) { rows } }';

describe('finding 2: the staged-file check could be walked around with glob characters', () => {
  it('refuses "[p]asswd.csv" and every other wildcard before DuckDB sees it, without naming the directory', async () => {
    for (const file of ['[p]asswd.csv', 'pass*.csv', 'p?sswd.csv', '{passwd}.csv']) {
      const result = await app.gql(IMPORT, { file }, await app.cookie(Role.ANALYST));
      expect(result.json?.errors?.[0]?.extensions, file).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_PATH_OUTSIDE' });
      expect(result.body).not.toContain('root:');
      expect(result.body).not.toContain(app.importDir);
    }
  });

  it('re-checks the real path of exactly the file that is read: the symlink to /etc/passwd is outside', async () => {
    await expect(resolveStagedFile(app.importDir, 'passwd.csv')).rejects.toMatchObject({ code: 'IMPORT_PATH_OUTSIDE' });
  });
});
