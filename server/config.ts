import path from 'node:path';
import { ROOT, dataDirFrom, storePathFrom } from '../analytics/paths.js';
import { ANALYTICS_DEFAULTS } from '../analytics/model/filter.js';

export { ROOT };

/** Answers older than this when they reach Touchpoint open no follow-up case (FOLLOW_UP_MAX_AGE_DAYS). */
export const DEFAULT_FOLLOW_UP_MAX_AGE_DAYS = 14;
/** Aggregates of fewer distinct customers show no numbers to roles without individual access (MIN_CELL_CUSTOMERS); declared with the other analytics defaults. */
export const DEFAULT_MIN_CELL_CUSTOMERS = ANALYTICS_DEFAULTS.minCellCustomers;

/** Every setting in one place: environment variable, default and what it does, side by side. */
export interface Config {
  /** DATABASE_URL: use this Postgres; unset = start an embedded PostgreSQL in dataDir/pg. */
  databaseUrl: string | undefined;
  /** DATA_DIR: where the embedded Postgres, the DuckDB file, staged imports and generated secrets live. Default .data. */
  dataDir: string;
  /** PG_PORT: port of the embedded Postgres; 0 = pick a free one. */
  pgPort: number;
  /** DUCKDB_PATH: the analytics store; ':memory:' for a throw-away store. Default <dataDir>/analytics.duckdb. */
  duckdbPath: string;
  /** IMPORT_DIR: where files are staged for the importData mutation. Default <dataDir>/imports. */
  importDir: string;
  /** IMPORT_UPLOAD_MAX_MB: largest file the browser may upload, in MB (1 MB = 1,048,576 bytes). Default 1024. */
  uploadMaxMegabytes: number;
  /** PORT: HTTP port for the API and the client; 0 = pick a free one. */
  port: number;
  /** HOST: interface to listen on. */
  host: string;
  /**
   * Production unless NODE_ENV=development (what `npm run dev` sets): production hides internal error
   * messages, and stack traces are shown only in development and only to signed-in admins.
   */
  production: boolean;
  /** SEED_DEMO=0 skips loading the demo company into an empty database. */
  seedDemo: boolean;
  /** ALERT_CHECK_MINUTES: minutes between follow-up/alert checks while the server runs; 0 = none. Default 60. */
  alertCheckMinutes: number;
  /** FOLLOW_UP_MAX_AGE_DAYS: answers older than this (days) when they arrive open no case. Default 14. */
  followUpMaxAgeDays: number;
  /**
   * MIN_CELL_CUSTOMERS: roles without access to individual answers see no numbers for an aggregate of
   * fewer distinct customers than this (small-cell suppression). Default 5; 1 turns it off.
   */
  minCellCustomers: number;
  /**
   * PUBLIC_URL as given: the address people open Touchpoint at (e.g. https://touchpoint.example.com). Single
   * sign-on sends the provider back to <PUBLIC_URL>/auth/sso/callback; unset = the address of each request.
   * Links in e-mails default from it too (notify.publicUrl).
   */
  publicUrl: string | undefined;
  /** Notifications, digests and the links in them (server/modules/notifications/). */
  notify: NotifyConfig;
  /**
   * TRUST_PROXY: which proxies may set X-Forwarded-For (the client address used for sign-in limits and
   * audit rows). Unset = none: the address is the socket's. A hop count ("1") or Express's names and
   * CIDRs ("loopback", "10.0.0.0/8") when Touchpoint runs behind a reverse proxy.
   */
  trustProxy: boolean | number | string;
  /** GRAPHQL_CONCURRENT_PER_USER: one user's requests running at once; the rest wait their turn. Default 4. */
  graphqlConcurrentPerUser: number;
  /** GRAPHQL_REQUESTS_PER_MINUTE: one user's requests a minute (anonymous: a fifth, per address); 0 = none. Default 600. */
  graphqlRequestsPerMinute: number;
  /** ANALYTICS_TIMEOUT_SECONDS: an analytics query running longer is interrupted (QUERY_TIMEOUT); 0 = none. Default 30. */
  analyticsTimeoutSeconds: number;
}

/** Where e-mails go out, how webhooks are retried, and when digests are sent. */
export interface NotifyConfig {
  /** SMTP_HOST: the mail server; unset = e-mails are recorded in the delivery log as not sent (SKIPPED). */
  smtpHost: string | undefined;
  /** SMTP_PORT: default 587 (465 with SMTP_SECURE=1). */
  smtpPort: number;
  /** SMTP_SECURE=1: TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  smtpSecure: boolean;
  /** SMTP_USER / SMTP_PASSWORD: sign-in at the mail server, when it asks for one. */
  smtpUser: string | undefined;
  smtpPassword: string | undefined;
  /** MAIL_FROM: the sender of every e-mail. Default "Touchpoint <touchpoint@localhost>". */
  mailFrom: string;
  /** PUBLIC_URL: the address people open Touchpoint at, for the links in e-mails and webhooks. Default http://localhost:<PORT>/. */
  publicUrl: string;
  /** NOTIFY_POLL_SECONDS: how often the delivery worker looks for due messages (it is also woken at once by new ones). Default 15. */
  pollSeconds: number;
  /** NOTIFY_MAX_ATTEMPTS: attempts per message before it is marked FAILED (an admin can replay it). Default 6. */
  maxAttempts: number;
  /** NOTIFY_RETRY_SECONDS: wait before the first retry; each further retry waits twice as long. Default 30. */
  retryBaseSeconds: number;
  /** DIGEST_CRON: when the weekly digests go out (five-field cron). Default "0 7 * * 1" (Monday 07:00). */
  digestCron: string;
  /** DAILY_SUMMARY_CRON: when daily summaries go out (five-field cron). Default "0 7 * * *". */
  dailySummaryCron: string;
  /** NOTIFY_TIME_ZONE: the time zone of both schedules (IANA name). Default Europe/Copenhagen. */
  timeZone: string;
}

/** What callers may override: any setting, and any notification setting on its own. */
export type ConfigOverrides = Partial<Omit<Config, 'notify'>> & { notify?: Partial<NotifyConfig> };

/** A setting that cannot be used; the message names every bad one and what it must be. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Touchpoint's settings are not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const INTEGER_SETTINGS = {
  pgPort: { env: 'PG_PORT', min: 0, max: 65_535, meaning: 'a TCP port, 0 = pick a free one' },
  port: { env: 'PORT', min: 0, max: 65_535, meaning: 'a TCP port, 0 = pick a free one' },
  alertCheckMinutes: { env: 'ALERT_CHECK_MINUTES', min: 0, max: 7 * 24 * 60, meaning: 'minutes between alert checks, 0 = no periodic check' },
  followUpMaxAgeDays: { env: 'FOLLOW_UP_MAX_AGE_DAYS', min: 1, max: 3650, meaning: 'days; older answers open no follow-up case' },
  minCellCustomers: { env: 'MIN_CELL_CUSTOMERS', min: 1, max: 1000, meaning: 'distinct customers an aggregate needs before roles without individual access see its numbers' },
  graphqlConcurrentPerUser: { env: 'GRAPHQL_CONCURRENT_PER_USER', min: 1, max: 1000, meaning: 'requests of one user running at once; more wait' },
  graphqlRequestsPerMinute: { env: 'GRAPHQL_REQUESTS_PER_MINUTE', min: 0, max: 1_000_000, meaning: 'requests a minute per user (anonymous: a fifth, per address), 0 = no limit' },
  analyticsTimeoutSeconds: { env: 'ANALYTICS_TIMEOUT_SECONDS', min: 0, max: 3600, meaning: 'seconds an analytics query may run before it is stopped, 0 = no limit' },
  uploadMaxMegabytes: { env: 'IMPORT_UPLOAD_MAX_MB', min: 1, max: 1_048_576, meaning: 'MB, the largest file the browser may upload' },
} as const;
type IntegerSetting = keyof typeof INTEGER_SETTINGS;

const NOTIFY_INTEGERS = {
  smtpPort: { env: 'SMTP_PORT', min: 1, max: 65_535, meaning: 'the mail server\'s TCP port' },
  pollSeconds: { env: 'NOTIFY_POLL_SECONDS', min: 1, max: 3600, meaning: 'seconds between looks for due messages' },
  maxAttempts: { env: 'NOTIFY_MAX_ATTEMPTS', min: 1, max: 20, meaning: 'attempts per message' },
  retryBaseSeconds: { env: 'NOTIFY_RETRY_SECONDS', min: 0, max: 86_400, meaning: 'seconds before the first retry' },
} as const;

/** A whole number within its range, or the fallback with the problem noted (named by its variable). */
function readInteger(spec: { env: string; min: number; max: number; meaning: string }, raw: string | number | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    problems.push(`${spec.env} must be a whole number from ${spec.min} to ${spec.max} (${spec.meaning}); got "${raw}".`);
    return fallback;
  }
  return value;
}

/** TRUST_PROXY's text as Express's "trust proxy" setting: nothing trusted unless it is set. */
function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/**
 * Reads the settings from `env` (process.env by default); `overrides` win over the environment. Paths
 * under the data directory follow an overridden dataDir unless they are set themselves, so
 * startServer({ dataDir }) keeps the DuckDB file and staged imports there too. Throws a ConfigError
 * listing every bad value.
 */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const int = (key: IntegerSetting, fallback: number): number => readInteger(INTEGER_SETTINGS[key], overrides[key] ?? str(INTEGER_SETTINGS[key].env), fallback, problems);
  const dataDir = dataDirFrom(overrides.dataDir ?? str('DATA_DIR'));
  const duckdbPath = storePathFrom(dataDir, overrides.duckdbPath ?? str('DUCKDB_PATH'));
  const seedDemo = str('SEED_DEMO') ?? '1';
  if (overrides.seedDemo === undefined && seedDemo !== '0' && seedDemo !== '1') problems.push(`SEED_DEMO must be 1 (load the demo company into an empty database) or 0; got "${seedDemo}".`);
  const port = int('port', 4000);
  const config: Config = {
    databaseUrl: 'databaseUrl' in overrides ? overrides.databaseUrl : str('DATABASE_URL'),
    dataDir,
    pgPort: int('pgPort', 0),
    duckdbPath: duckdbPath === ':memory:' ? duckdbPath : path.resolve(duckdbPath),
    importDir: path.resolve(overrides.importDir ?? str('IMPORT_DIR') ?? path.join(dataDir, 'imports')),
    port,
    host: overrides.host ?? str('HOST') ?? '127.0.0.1',
    production: overrides.production ?? env.NODE_ENV !== 'development',
    seedDemo: overrides.seedDemo ?? seedDemo !== '0',
    alertCheckMinutes: int('alertCheckMinutes', 60),
    followUpMaxAgeDays: int('followUpMaxAgeDays', DEFAULT_FOLLOW_UP_MAX_AGE_DAYS),
    minCellCustomers: int('minCellCustomers', DEFAULT_MIN_CELL_CUSTOMERS),
    uploadMaxMegabytes: int('uploadMaxMegabytes', 1024),
    publicUrl: overrides.publicUrl ?? str('PUBLIC_URL')?.replace(/\/$/, ''),
    notify: notifyConfig(overrides.notify ?? {}, str, problems, port),
    trustProxy: overrides.trustProxy ?? parseTrustProxy(str('TRUST_PROXY')),
    graphqlConcurrentPerUser: int('graphqlConcurrentPerUser', 4),
    graphqlRequestsPerMinute: int('graphqlRequestsPerMinute', 600),
    analyticsTimeoutSeconds: int('analyticsTimeoutSeconds', 30),
  };
  if (config.publicUrl !== undefined && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(config.publicUrl)) {
    problems.push(`PUBLIC_URL must be the address people open Touchpoint at, such as https://touchpoint.example.com; got "${config.publicUrl}".`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The notification settings (see NotifyConfig); bad values are added to `problems`. */
function notifyConfig(given: Partial<NotifyConfig>, str: (name: string) => string | undefined, problems: string[], port: number): NotifyConfig {
  const int = (key: keyof typeof NOTIFY_INTEGERS, fallback: number): number => readInteger(NOTIFY_INTEGERS[key], given[key] ?? str(NOTIFY_INTEGERS[key].env), fallback, problems);
  const secure = given.smtpSecure ?? str('SMTP_SECURE') === '1';
  const timeZone = given.timeZone ?? str('NOTIFY_TIME_ZONE') ?? 'Europe/Copenhagen';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`NOTIFY_TIME_ZONE must be an IANA time zone such as Europe/Copenhagen; got "${timeZone}".`);
  }
  const cron = (key: 'digestCron' | 'dailySummaryCron', name: string, fallback: string): string => {
    const value = given[key] ?? str(name) ?? fallback;
    if (!/^\S+( \S+){4}$/.test(value)) problems.push(`${name} must be a five-field cron expression such as "${fallback}"; got "${value}".`);
    return value;
  };
  const publicUrl = given.publicUrl ?? str('PUBLIC_URL') ?? `http://localhost:${port || 4000}/`;
  return {
    smtpHost: given.smtpHost ?? str('SMTP_HOST'),
    smtpPort: int('smtpPort', secure ? 465 : 587),
    smtpSecure: secure,
    smtpUser: given.smtpUser ?? str('SMTP_USER'),
    smtpPassword: given.smtpPassword ?? str('SMTP_PASSWORD'),
    mailFrom: given.mailFrom ?? str('MAIL_FROM') ?? 'Touchpoint <touchpoint@localhost>',
    publicUrl: publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
    pollSeconds: int('pollSeconds', 15),
    maxAttempts: int('maxAttempts', 6),
    retryBaseSeconds: int('retryBaseSeconds', 30),
    digestCron: cron('digestCron', 'DIGEST_CRON', '0 7 * * 1'),
    dailySummaryCron: cron('dailySummaryCron', 'DAILY_SUMMARY_CRON', '0 7 * * *'),
    timeZone,
  };
}
