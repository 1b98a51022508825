import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppError } from '../common/errors.js';
import type { Caller } from '../context.js';
import { AuditEvent, Credential, User } from '../modules/users/user.entity.js';
import { verifyPassword } from './password.js';

export const SESSION_HOURS = 12;
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** 5 failed sign-ins per e-mail+IP in 15 minutes, then a 15-minute block (brute-force limit). */
const failedSignIns = new RateLimiterMemory({ points: 5, duration: 15 * 60, blockDuration: 15 * 60 });

export function audit(em: EntityManager, action: string, userId: string | null, detail: Record<string, unknown> = {}, customerId?: string): void {
  em.create(AuditEvent, { action, userId: userId ?? undefined, detail, customerId });
}

export function toCaller(user: User, credential: Credential): Caller {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    departmentId: user.department?.id ?? null,
    via: credential.kind,
    credentialId: credential.id,
  };
}

/** Issues a new secret; only its SHA-256 is stored, the secret itself is returned once. */
export function issueCredential(em: EntityManager, user: User, kind: Credential['kind'], name = '', expiresAt?: Date) {
  const secret = `${kind === 'SESSION' ? 'tps' : 'tpt'}_${randomBytes(32).toString('base64url')}`;
  const credential = em.create(Credential, { user, kind, name, secretHash: sha256(secret), expiresAt });
  return { secret, credential };
}

export async function signIn(em: EntityManager, email: string, password: string, ip: string) {
  const key = `${email.toLowerCase()}|${ip}`;
  const limit = await failedSignIns.get(key);
  if (limit && limit.consumedPoints >= 5) {
    audit(em, 'SIGN_IN_BLOCKED', null, { email, ip });
    await em.flush();
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${Math.ceil(limit.msBeforeNext / 60000)} minutes.`, {
      retryAfterSeconds: Math.ceil(limit.msBeforeNext / 1000),
    });
  }
  const user = await em.findOne(User, { email: email.toLowerCase(), active: true });
  // Verify even for unknown users so response time does not reveal which e-mails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
  if (!user || !ok) {
    await failedSignIns.penalty(key, 1);
    audit(em, 'SIGN_IN_FAILED', user?.id ?? null, { email, ip });
    await em.flush();
    throw new AppError('UNAUTHENTICATED', 'E-mail or password is wrong.', { reason: 'BAD_CREDENTIALS' });
  }
  await failedSignIns.delete(key);
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const issued = issueCredential(em, user, 'SESSION', 'browser', expiresAt);
  audit(em, 'SIGN_IN', user.id, { ip });
  await em.flush();
  return { ...issued, user, expiresAt };
}

/** The caller for a presented secret, or null when it is unknown, revoked or expired. */
export async function resolveCaller(em: EntityManager, secret: string | undefined): Promise<Caller | null> {
  if (!secret) return null;
  const credential = await em.findOne(Credential, { secretHash: sha256(secret) }, { populate: ['user'] });
  if (!credential || credential.revokedAt || (credential.expiresAt && credential.expiresAt <= new Date()) || !credential.user.active) return null;
  // Record use at most once a minute: a write per request would double the cost of reads.
  if (!credential.lastUsedAt || Date.now() - credential.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(Credential, { id: credential.id }, { lastUsedAt: new Date() });
  }
  return toCaller(credential.user, credential);
}
