import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { welcomeBanner } from '../../server/main.js';
import { Role } from '../../server/modules/users/user.enums.js';

// Finding 8: the start-up banner printed every generated password to stdout, which ends up in service logs.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-banner-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const running = { url: 'http://127.0.0.1:4000/', accounts: [{ role: Role.ADMIN, email: 'admin@demo.test', password: 'S3cret-generated-pass', department: null }] };

describe('finding 8: generated passwords in logs', () => {
  it('keeps passwords out of a non-interactive banner and writes them once to a 0600 file under the data directory', () => {
    const banner = welcomeBanner(running, { interactive: false, dataDir });
    expect(banner).not.toContain('S3cret-generated-pass');
    const file = path.join(dataDir, 'first-passwords.txt');
    expect(banner).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toContain('S3cret-generated-pass');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('shows them on an interactive terminal, and writes no file', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-banner-tty-'));
    expect(welcomeBanner(running, { interactive: true, dataDir: other })).toContain('S3cret-generated-pass');
    expect(fs.readdirSync(other)).toEqual([]);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
