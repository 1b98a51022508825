import { createHash, randomBytes } from 'node:crypto';
import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import type { Caller } from '../context.js';
import { AuditEvent, Credential, User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.enums.js';
import { verifyPassword } from './password.js';
import { normalEmail } from '../common/validation.js';
import { sql } from '../common/sql.js';

export const SESSION_HOURS = 12;
export const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Sign-in limits. Each attempt is counted before the password is checked (consume, then verify): a
 * check-then-count let 100 parallel guesses pass a limit of 5, as all of them read the count before any
 * failure was recorded. RateLimiterMemory counts synchronously, so concurrent attempts cannot overtake.
 *  - per e-mail and IP: 5 attempts in 15 minutes, then a 15-minute block;
 *  - per e-mail across all IPs: 10 attempts in 15 minutes, then a block that doubles on each repeat
 *    (15 minutes, 30, 60, ... up to a day): a botnet cannot out-guess it by rotating addresses;
 *  - per IP across all e-mails: 50 attempts in 15 minutes (password spraying).
 * A successful sign-in gives its attempt back.
 */
export const SIGN_IN_LIMITS = { perAccountAndIp: 5, perAccount: 10, perIp: 50, windowSeconds: 15 * 60, maxBlockSeconds: 24 * 3600 };
const perAccountAndIp = new RateLimiterMemory({ points: SIGN_IN_LIMITS.perAccountAndIp, duration: SIGN_IN_LIMITS.windowSeconds, blockDuration: SIGN_IN_LIMITS.windowSeconds });
const perAccount = new RateLimiterMemory({ points: SIGN_IN_LIMITS.perAccount, duration: SIGN_IN_LIMITS.windowSeconds });
const perIp = new RateLimiterMemory({ points: SIGN_IN_LIMITS.perIp, duration: SIGN_IN_LIMITS.windowSeconds, blockDuration: SIGN_IN_LIMITS.windowSeconds });
/** How many times an account has been blocked lately: the exponent of its backoff. */
const accountStrikes = new RateLimiterMemory({ points: 1000, duration: SIGN_IN_LIMITS.maxBlockSeconds });
/** Wrong current passwords in changePassword, per user: the same guessing, from a stolen session. */
const passwordChecks = new RateLimiterMemory({ points: 5, duration: SIGN_IN_LIMITS.windowSeconds, blockDuration: SIGN_IN_LIMITS.windowSeconds });

const rateLimited = (msBeforeNext: number, what = 'sign-ins') =>
  new AppError('RATE_LIMITED', `Too many failed ${what}; try again in ${Math.ceil(msBeforeNext / 60000)} minutes.`, {
    retryAfterSeconds: Math.ceil(msBeforeNext / 1000),
  });
const msOf = (rejection: unknown): number =>
  typeof rejection === 'object' && rejection !== null && 'msBeforeNext' in rejection && typeof rejection.msBeforeNext === 'number' ? rejection.msBeforeNext : 60_000;

/**
 * Counts one sign-in attempt against each limit in turn, narrowest first, and stops at the first that
 * refuses (an attempt refused per e-mail and IP does not also use up the IP's or the account's budget);
 * returns the wait when one refuses, else null.
 */
async function consumeSignIn(email: string, ip: string): Promise<number | null> {
  const account = normalEmail(email);
  try {
    await perAccountAndIp.consume(`${account}|${ip}`);
  } catch (rejection) {
    return msOf(rejection);
  }
  try {
    await perAccount.consume(account);
  } catch (rejection) {
    if ((await perAccount.get(account))?.consumedPoints !== SIGN_IN_LIMITS.perAccount + 1) return msOf(rejection);
    // The first refusal of this window: block the account, twice as long as the time before.
    const strikes = (await accountStrikes.penalty(account, 1)).consumedPoints;
    const seconds = Math.min(SIGN_IN_LIMITS.windowSeconds * 2 ** (strikes - 1), SIGN_IN_LIMITS.maxBlockSeconds);
    await perAccount.block(account, seconds);
    return seconds * 1000;
  }
  try {
    await perIp.consume(ip);
  } catch (rejection) {
    return msOf(rejection);
  }
  return null;
}

async function giveBackSignIn(email: string, ip: string): Promise<void> {
  const account = normalEmail(email);
  await Promise.all([perAccountAndIp.delete(`${account}|${ip}`), perAccount.reward(account, 1), perIp.reward(ip, 1)]);
}

/**
 * Checks a signed-in user's current password (changePassword), counted before the check like a
 * sign-in; throws RATE_LIMITED after 5 attempts in 15 minutes and BAD_USER_INPUT for a wrong one.
 */
export async function checkCurrentPassword(userId: string, password: string, passwordHash: string): Promise<void> {
  try {
    await passwordChecks.consume(userId);
  } catch (rejection) {
    throw rateLimited(msOf(rejection), 'current-password checks');
  }
  if (!(await verifyPassword(password, passwordHash))) {
    throw new AppError('BAD_USER_INPUT', 'currentPassword is wrong.', { reason: 'BAD_CREDENTIALS', field: 'currentPassword' });
  }
  await passwordChecks.delete(userId);
}

export function audit(em: EntityManager, action: string, userId: string | null, detail: Record<string, unknown> = {}, customerId?: string): void {
  em.create(AuditEvent, { action, userId: userId ?? undefined, detail, customerId });
}

/**
 * Ends every session and API token of a user (a password reset, a password change, a deactivation):
 * a credential issued under the old password must not outlive it. `keep` spares one credential (the
 * session that changes its own password, when asked). Returns how many were revoked.
 */
export async function revokeCredentials(em: EntityManager, userId: string, keep?: string): Promise<number> {
  const revoked = await em.nativeUpdate(Credential, { user: userId, revokedAt: null, ...(keep ? { id: { $ne: keep } } : {}) }, { revokedAt: new Date() });
  forgetCallers();
  return revoked;
}

/** Issues a new secret; only its SHA-256 is stored, the secret itself is returned once. */
export function issueCredential(em: EntityManager, user: User, kind: Credential['kind'], name = '', expiresAt?: Date) {
  const secret = `${kind === 'SESSION' ? 'tps' : 'tpt'}_${randomBytes(32).toString('base64url')}`;
  const credential = em.create(Credential, { user, kind, name, secretHash: sha256(secret), expiresAt });
  return { secret, credential };
}

export async function signIn(em: EntityManager, email: string, password: string, ip: string) {
  const waitMs = await consumeSignIn(email, ip);
  if (waitMs !== null) {
    audit(em, 'SIGN_IN_BLOCKED', null, { email, ip });
    await em.flush();
    throw rateLimited(waitMs);
  }
  const user = await em.findOne(User, { email: normalEmail(email), active: true });
  // Verify even for unknown users so response time does not reveal which e-mails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
  if (!user || !ok) {
    audit(em, 'SIGN_IN_FAILED', user?.id ?? null, { email, ip });
    await em.flush();
    throw new AppError('UNAUTHENTICATED', 'E-mail or password is wrong.', { reason: 'BAD_CREDENTIALS' });
  }
  await giveBackSignIn(email, ip);
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const issued = issueCredential(em, user, 'SESSION', 'browser', expiresAt);
  audit(em, 'SIGN_IN', user.id, { ip });
  await em.flush();
  return { ...issued, user, expiresAt };
}

/** One row of the credential lookup, checked at this boundary. */
const CallerRow = z.object({
  credential_id: z.string(),
  kind: z.enum(['SESSION', 'API_TOKEN']),
  /** Not revoked, not expired (by this server's clock, as before), and the user active. */
  valid: z.boolean(),
  /** Last use recorded more than a minute ago (or never). */
  stale: z.boolean(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(Role),
  department_id: z.string().nullable(),
  language: z.enum(['EN', 'DA']).nullable(),
  /** The credential's expiry in epoch milliseconds; null = never. */
  expires_ms: z.number().nullable(),
});
const CALLER_SQL = `SELECT c.id AS credential_id, c.kind,
    (c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > ?) AND u.active) AS valid,
    (c.last_used_at IS NULL OR c.last_used_at < ?) AS stale,
    u.id AS user_id, u.email, u.name, u.role, u.department_id, u.language,
    (extract(epoch FROM c.expires_at) * 1000)::float8 AS expires_ms
  FROM credential c JOIN "user" u ON u.id = c.user_id WHERE c.secret_hash = ?`;

/**
 * Callers found in the last second, by the hash of their secret: under load most requests of a caller
 * come within a second of each other, and the lookup was a third of a point lookup's cost (npm run bench,
 * bench/README.md "Issue 20"). Any change to users or credentials made through this process forgets them
 * all at once (forgetCallers: revocation, sign-out, deactivation, role changes); a change made elsewhere
 * (another process, SQL by hand) takes effect within `callerCache.ms`. Unknown secrets are not kept.
 */
export const callerCache = { ms: 1000 };
const CALLER_CACHE_MAX = 10_000;
const recentCallers = new Map<string, { caller: Caller; until: number }>();
/** Bumped by forgetCallers: a lookup that started before a change does not store what it read. */
let callersGeneration = 0;

/** Drops every remembered caller; call after any change to credentials or users that bypasses the ORM's flush. */
export function forgetCallers(): void {
  callersGeneration++;
  recentCallers.clear();
}

/** Forgets the remembered callers after every flush or transaction that wrote anything (users and credentials included). */
export class ForgetCallersOnWrite implements EventSubscriber {
  afterFlush(args: FlushEventArgs): void {
    if (args.uow.getChangeSets().length > 0) forgetCallers();
  }
  afterTransactionCommit(): void {
    forgetCallers();
  }
}

/**
 * The caller for a presented secret, or null when it is unknown, revoked or expired. Every request
 * asks, so this is one plain statement, not an entity query (the ORM's findOne with its populate,
 * hydration and identity map was most of a point lookup's fixed cost), and a found caller is
 * remembered for up to `callerCache.ms` (never past the credential's expiry).
 */
export async function resolveCaller(em: EntityManager, secret: string | undefined): Promise<Caller | null> {
  if (!secret) return null;
  const hash = sha256(secret);
  const now = new Date();
  const remembered = recentCallers.get(hash);
  if (remembered && remembered.until > now.getTime()) return remembered.caller;
  const generation = callersGeneration;
  // Record use at most once a minute: a write per request would double the cost of reads.
  const [found] = await sql(em, CALLER_SQL, [now, new Date(now.getTime() - 60_000), hash]);
  if (found === undefined) return null;
  const row = CallerRow.parse(found);
  if (!row.valid) return null;
  if (row.stale) await sql(em, 'UPDATE credential SET last_used_at = ? WHERE id = ?', [now, row.credential_id], 'run');
  const caller: Caller = {
    id: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    departmentId: row.department_id,
    language: row.language,
    via: row.kind,
    credentialId: row.credential_id,
  };
  if (generation === callersGeneration) {
    if (recentCallers.size >= CALLER_CACHE_MAX) recentCallers.clear();
    recentCallers.set(hash, { caller, until: Math.min(now.getTime() + callerCache.ms, row.expires_ms ?? Infinity) });
  }
  return caller;
}
