import type { EntityManager } from '@mikro-orm/postgresql';
import { DAY_MS } from '../../../analytics/localDate.js';
import { AppError } from '../../common/errors.js';
import { findOrNotFound, resolveRef } from '../../common/loaders.js';
import { generatePassword, hashPassword } from '../../auth/password.js';
import { audit, checkCurrentPassword, forgetCallers, issueCredential, revokeCredentials, signIn } from '../../auth/auth.service.js';
import { passwordProblem } from '../../auth/password.js';
import type { Caller } from '../../context.js';
import { Department } from '../departments/department.entity.js';
import { Credential, User } from './user.entity.js';
import type { Language, Role } from './user.enums.js';
import type { ApiTokenType, UserType } from './user.type.js';
import { normalEmail } from '../../common/validation.js';
import { sql } from '../../common/sql.js';

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
  const email = normalEmail(input.email);
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
async function lastSignIns(em: EntityManager): Promise<Map<string, Date>> {
  const rows = await sql<{ user_id: string; last: Date | string }[]>(em, `SELECT user_id, max(created_at) AS last FROM credential WHERE kind = 'SESSION' GROUP BY user_id`);
  return new Map(rows.map((r) => [r.user_id, new Date(r.last)]));
}

/** Ends every session of the user, the current one included (e.g. after a lost laptop). */
async function endAllSessions(em: EntityManager, userId: string): Promise<number> {
  const ended = await em.nativeUpdate(Credential, { user: userId, kind: 'SESSION', revokedAt: null }, { revokedAt: new Date() });
  forgetCallers();
  return ended;
}

function requireSession(caller: Caller): void {
  if (caller.via !== 'SESSION') {
    throw new AppError('FORBIDDEN', 'Sign in with a password to manage passwords and API tokens; an API token cannot.', { reason: 'SESSION_REQUIRED' });
  }
}

/** The changes updateUser takes; absent fields stay as they are, departmentId null clears it. */
export interface UserChange {
  name?: string;
  role?: Role;
  active?: boolean;
  departmentId?: string | null;
}

/**
 * Users, sign-in and credentials. Session cookies are the caller's (HTTP) business: the service returns
 * the secret and says when a session ended. Every change by an administrator or to a credential is audited.
 */
export class UserService {
  constructor(private readonly em: EntityManager) {}

  private own(callerId: string): Promise<User> {
    return this.em.findOneOrFail(User, callerId, { populate: ['department'] });
  }

  async me(callerId: string): Promise<UserType> {
    return toUserType(await this.own(callerId));
  }

  /** Checks the password (with the sign-in limits) and opens a session. */
  async signIn(email: string, password: string, ip: string): Promise<{ secret: string; user: UserType; expiresAt: Date }> {
    const { secret, user, expiresAt } = await signIn(this.em, email, password, ip);
    await this.em.populate(user, ['department']);
    return { secret, user: toUserType(user), expiresAt };
  }

  /** Ends the caller's current session (an API token stays valid: revoke it by id). */
  async signOut(caller: Caller | null): Promise<void> {
    if (caller?.via === 'SESSION') {
      await this.em.nativeUpdate(Credential, { id: caller.credentialId }, { revokedAt: new Date() });
      forgetCallers();
    }
  }

  /** Ends every session of the caller, this one included; returns how many ended. */
  async signOutEverywhere(caller: Caller): Promise<number> {
    requireSession(caller);
    const ended = await endAllSessions(this.em, caller.id);
    audit(this.em, 'SIGNED_OUT_EVERYWHERE', caller.id, { sessions: ended });
    await this.em.flush();
    return ended;
  }

  async setLanguage(callerId: string, language: Language | null): Promise<UserType> {
    const user = await this.own(callerId);
    user.language = language ?? undefined;
    await this.em.flush();
    return toUserType(user);
  }

  async setShowCodes(callerId: string, show: boolean): Promise<UserType> {
    const user = await this.own(callerId);
    user.showCodes = show;
    await this.em.flush();
    return toUserType(user);
  }

  /** Changes the caller's password and ends every other credential (this session too unless keepThisSession). */
  async changePassword(caller: Caller, args: { currentPassword: string; newPassword: string; keepThisSession: boolean }): Promise<void> {
    requireSession(caller);
    const user = await this.em.findOneOrFail(User, caller.id);
    await checkCurrentPassword(caller.id, args.currentPassword, user.passwordHash);
    const problem = passwordProblem(args.newPassword);
    if (problem) throw new AppError('BAD_USER_INPUT', `newPassword ${problem}.`, { reason: 'WEAK_PASSWORD', field: 'newPassword' });
    user.passwordHash = await hashPassword(args.newPassword);
    const revoked = await revokeCredentials(this.em, caller.id, args.keepThisSession ? caller.credentialId : undefined);
    audit(this.em, 'PASSWORD_CHANGED', caller.id, { revoked });
    await this.em.flush();
  }

  /** The caller's API tokens, newest first (never the secrets). */
  async apiTokens(callerId: string): Promise<ApiTokenType[]> {
    const tokens = await this.em.find(Credential, { user: callerId, kind: 'API_TOKEN' }, { orderBy: { createdAt: 'desc' } });
    return tokens.map(toApiTokenType);
  }

  /** A new API token (default 90 days); the secret is returned once. */
  async createApiToken(caller: Caller, input: { name: string; expiresInDays?: number | null }): Promise<{ token: string; apiToken: ApiTokenType }> {
    requireSession(caller);
    const user = await this.em.findOneOrFail(User, caller.id);
    const expiresAt = new Date(Date.now() + (input.expiresInDays ?? 90) * DAY_MS);
    const { secret, credential } = issueCredential(this.em, user, 'API_TOKEN', input.name, expiresAt);
    audit(this.em, 'API_TOKEN_CREATED', caller.id, { name: input.name });
    await this.em.flush();
    return { token: secret, apiToken: toApiTokenType(credential) };
  }

  /** Revokes one of the caller's API tokens (an admin's: anyone's); another's token answers NOT_FOUND. */
  async revokeApiToken(caller: Caller, id: string): Promise<ApiTokenType> {
    const token = await this.em.findOne(Credential, { id, kind: 'API_TOKEN' });
    if (!token || (token.user.id !== caller.id && caller.role !== 'ADMIN')) throw new AppError('NOT_FOUND', `API token ${id} does not exist.`);
    token.revokedAt ??= new Date();
    audit(this.em, 'API_TOKEN_REVOKED', caller.id, { tokenId: id });
    await this.em.flush();
    return toApiTokenType(token);
  }

  /** Every user by e-mail, with the latest sign-in. */
  async list(): Promise<UserType[]> {
    const users = await this.em.find(User, {}, { orderBy: { email: 'asc' }, populate: ['department'] });
    const last = await lastSignIns(this.em);
    return users.map((u) => toUserType(u, last.get(u.id) ?? null));
  }

  /** Creates a user with a generated password (returned once), audited as done by `byUserId`. */
  async create(byUserId: string, input: { email: string; name: string; role: Role; departmentId?: string | null }): Promise<{ user: UserType; password: string }> {
    const { user, password } = await createUser(this.em, input);
    audit(this.em, 'USER_CREATED', byUserId, { userId: user.id, role: user.role });
    await this.em.flush();
    return { user: toUserType(user), password };
  }

  async update(byUserId: string, id: string, input: UserChange): Promise<UserType> {
    const user = await findOrNotFound(this.em, User, 'User', id);
    const { departmentId, ...plain } = input;
    this.em.assign(user, plain, { ignoreUndefined: true });
    const department = await resolveRef(this.em, Department, 'Department', departmentId);
    if (department !== undefined) user.department = department ?? undefined;
    // A deactivated user's sessions and tokens end now, not only while the flag stays off.
    const revoked = plain.active === false ? await revokeCredentials(this.em, id) : 0;
    audit(this.em, 'USER_UPDATED', byUserId, { userId: id, ...plain, ...(revoked ? { revoked } : {}) });
    await this.em.flush();
    return toUserType(user);
  }

  /** Sets a new generated password (returned once) and ends the user's sessions and API tokens. */
  async resetPassword(byUserId: string, id: string): Promise<{ user: UserType; password: string }> {
    const { user, password } = await resetPassword(this.em, id);
    audit(this.em, 'PASSWORD_RESET', byUserId, { userId: id });
    await this.em.flush();
    return { user: toUserType(user), password };
  }
}
