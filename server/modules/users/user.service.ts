import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/errors.js';
import { findOrNotFound, resolveRef } from '../../common/loaders.js';
import { generatePassword, hashPassword } from '../../auth/password.js';
import { revokeCredentials } from '../../auth/auth.service.js';
import { Department } from '../departments/department.entity.js';
import { Credential, User } from './user.entity.js';
import type { Role } from './user.enums.js';
import type { ApiTokenType, UserType } from './user.type.js';

export function toUserType(user: User, lastSignInAt: Date | null = null): UserType {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    department: user.department ?? null,
    active: user.active,
    createdAt: user.createdAt,
    lastSignInAt,
    language: user.language ?? null,
    showCodes: user.showCodes,
  };
}

export function toApiTokenType(c: Credential): ApiTokenType {
  return { id: c.id, name: c.name, createdAt: c.createdAt, expiresAt: c.expiresAt ?? null, lastUsedAt: c.lastUsedAt ?? null, revokedAt: c.revokedAt ?? null };
}

/** Creates a user with a generated password (returned once, never stored or logged in clear). */
export async function createUser(em: EntityManager, input: { email: string; name: string; role: Role; departmentId?: string | null }) {
  const email = input.email.trim().toLowerCase();
  if (await em.count(User, { email })) {
    throw new AppError('CONFLICT', `A user with e-mail ${email} already exists.`, { reason: 'DUPLICATE', field: 'email' });
  }
  const password = generatePassword();
  const department = await resolveRef(em, Department, 'Department', input.departmentId);
  const user = em.create(User, { email, name: input.name, role: input.role, passwordHash: await hashPassword(password), department: department ?? undefined });
  await em.flush();
  return { user, password };
}

/** Sets a new generated password and ends the user's sessions and API tokens. */
export async function resetPassword(em: EntityManager, userId: string) {
  const user = await findOrNotFound(em, User, 'User', userId);
  const password = generatePassword();
  user.passwordHash = await hashPassword(password);
  await revokeCredentials(em, user.id);
  await em.flush();
  return { user, password };
}

/** Every user's latest sign-in (the newest session credential), in one grouped query. */
export async function lastSignIns(em: EntityManager): Promise<Map<string, Date>> {
  const rows: { user_id: string; last: Date | string }[] = await em
    .getConnection()
    .execute(`SELECT user_id, max(created_at) AS last FROM credential WHERE kind = 'SESSION' GROUP BY user_id`);
  return new Map(rows.map((r) => [r.user_id, new Date(r.last)]));
}

/** Ends every session of the user, the current one included (e.g. after a lost laptop). */
export async function endAllSessions(em: EntityManager, userId: string): Promise<number> {
  return em.nativeUpdate(Credential, { user: userId, kind: 'SESSION', revokedAt: null }, { revokedAt: new Date() });
}
