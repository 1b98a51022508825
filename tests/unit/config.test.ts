import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ROOT, loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('keeps the DuckDB file and the import directory under the data directory, also an overridden one', () => {
    expect(loadConfig({}, {})).toMatchObject({
      dataDir: path.join(ROOT, '.data'),
      duckdbPath: path.join(ROOT, '.data', 'analytics.duckdb'),
      importDir: path.join(ROOT, '.data', 'imports'),
    });
    expect(loadConfig({ dataDir: '/srv/tp' }, { DATA_DIR: '/elsewhere' })).toMatchObject({
      dataDir: '/srv/tp',
      duckdbPath: '/srv/tp/analytics.duckdb',
      importDir: '/srv/tp/imports',
    });
    expect(loadConfig({}, { DATA_DIR: '/var/tp' })).toMatchObject({ duckdbPath: '/var/tp/analytics.duckdb', importDir: '/var/tp/imports' });
  });

  it('takes paths set on their own: overrides before the environment', () => {
    const env = { DATA_DIR: '/var/tp', DUCKDB_PATH: '/fast/a.duckdb', IMPORT_DIR: '/incoming' };
    expect(loadConfig({}, env)).toMatchObject({ duckdbPath: '/fast/a.duckdb', importDir: '/incoming' });
    expect(loadConfig({ importDir: '/staged', duckdbPath: ':memory:' }, env)).toMatchObject({ duckdbPath: ':memory:', importDir: '/staged' });
  });

  it('reads the follow-up and alert settings, with their defaults', () => {
    expect(loadConfig({}, {})).toMatchObject({ alertCheckMinutes: 60, followUpMaxAgeDays: 14, port: 4000, pgPort: 0, seedDemo: true });
    expect(loadConfig({}, { ALERT_CHECK_MINUTES: '0', FOLLOW_UP_MAX_AGE_DAYS: '30' })).toMatchObject({ alertCheckMinutes: 0, followUpMaxAgeDays: 30 });
    expect(loadConfig({ alertCheckMinutes: 5 }, { ALERT_CHECK_MINUTES: '0' }).alertCheckMinutes).toBe(5);
  });

  it('names every bad setting, what it must be and what it got', () => {
    const load = () => loadConfig({}, { ALERT_CHECK_MINUTES: 'hourly', FOLLOW_UP_MAX_AGE_DAYS: '0', PORT: '70000', SEED_DEMO: 'yes' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      [
        "Touchpoint's settings are not valid:",
        '  - SEED_DEMO must be 1 (load the demo company into an empty database) or 0; got "yes".',
        '  - PORT must be a whole number from 0 to 65535 (a TCP port, 0 = pick a free one); got "70000".',
        '  - ALERT_CHECK_MINUTES must be a whole number from 0 to 10080 (minutes between alert checks, 0 = no periodic check); got "hourly".',
        '  - FOLLOW_UP_MAX_AGE_DAYS must be a whole number from 1 to 3650 (days; older answers open no follow-up case); got "0".',
      ].join('\n'),
    );
    expect(() => loadConfig({ followUpMaxAgeDays: 0.5 }, {})).toThrow('FOLLOW_UP_MAX_AGE_DAYS must be a whole number from 1 to 3650');
  });

  it('reads the notification settings: SMTP, retries and the digest schedule in Copenhagen time by default', () => {
    expect(loadConfig({}, {}).notify).toMatchObject({
      smtpHost: undefined,
      smtpPort: 587,
      smtpSecure: false,
      publicUrl: 'http://localhost:4000/',
      maxAttempts: 6,
      retryBaseSeconds: 30,
      digestCron: '0 7 * * 1',
      dailySummaryCron: '0 7 * * *',
      timeZone: 'Europe/Copenhagen',
    });
    const env = { SMTP_HOST: 'mail.example.com', SMTP_SECURE: '1', PUBLIC_URL: 'https://tp.example.com', NOTIFY_TIME_ZONE: 'Europe/London' };
    expect(loadConfig({}, env).notify).toMatchObject({ smtpHost: 'mail.example.com', smtpPort: 465, smtpSecure: true, publicUrl: 'https://tp.example.com/', timeZone: 'Europe/London' });
    expect(loadConfig({ notify: { retryBaseSeconds: 1 } }, {}).notify.retryBaseSeconds).toBe(1);
  });

  it('names a bad time zone, cron expression or retry count', () => {
    expect(() => loadConfig({}, { NOTIFY_TIME_ZONE: 'Mars/Olympus', DIGEST_CRON: 'mondays', NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(
      [
        "Touchpoint's settings are not valid:",
        '  - NOTIFY_TIME_ZONE must be an IANA time zone such as Europe/Copenhagen; got "Mars/Olympus".',
        '  - NOTIFY_MAX_ATTEMPTS must be a whole number from 1 to 20 (attempts per message); got "0".',
        '  - DIGEST_CRON must be a five-field cron expression such as "0 7 * * 1"; got "mondays".',
      ].join('\n'),
    );
  });
});
