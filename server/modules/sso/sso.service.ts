import type { EntityManager } from '@mikro-orm/postgresql';
import * as oidc from 'openid-client';
import { badInput } from '../../common/errors.js';
import { audit, issueCredential, SESSION_HOURS, sha256 } from '../../auth/auth.service.js';
import { Department } from '../departments/department.entity.js';
import { Credential, User } from '../users/user.entity.js';
import { inAllowedGroup, roleFromClaims } from './sso.claims.js';
import { ExternalIdentity, IdentityProvider } from './sso.entity.js';
import type { IdentityProviderInput } from './sso.type.js';
import { normalEmail } from '../../common/validation.js';

/** The credential name that marks a browser session started through the identity provider. */
export const SSO_SESSION_NAME = 'single sign-on';
/** Accounts made by single sign-on have no password of ours (this never verifies) until an admin resets one. */
const NO_PASSWORD = 'sso-only';
/** How long a started sign-in may take at the provider before its state is forgotten. */
const PENDING_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

/** Why a sign-in through the provider was refused; the sign-in page words each reason for the user. */
export type SsoRefusal = 'SSO_DISABLED' | 'SSO_STATE_UNKNOWN' | 'SSO_PROVIDER_ERROR' | 'SSO_NOT_ALLOWED' | 'SSO_NO_ROLE' | 'SSO_NO_EMAIL' | 'SSO_EMAIL_IN_USE' | 'SSO_DEACTIVATED';

export class SsoError extends Error {
  constructor(
    readonly reason: SsoRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'SsoError';
  }
}

export async function loadProvider(em: EntityManager): Promise<IdentityProvider | null> {
  const [provider] = await em.find(IdentityProvider, {}, { orderBy: { createdAt: 'asc' }, limit: 1 });
  return provider ?? null;
}

/** Plain http is allowed for a provider on this machine only (tests, a provider beside the app). */
export function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The provider's discovered configuration, cached until its settings change. */
export function discover(provider: Pick<IdentityProvider, 'issuer' | 'clientId' | 'clientSecret' | 'updatedAt'>): Promise<oidc.Configuration> {
  const secretHash = sha256(provider.clientSecret ?? '');
  const key = `${provider.issuer}|${provider.clientId}|${secretHash}|${provider.updatedAt.getTime()}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(provider.issuer);
    const auth = provider.clientSecret ? oidc.ClientSecretPost(provider.clientSecret) : oidc.None();
    found = oidc.discovery(issuer, provider.clientId, undefined, auth, {
      execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    found.catch(() => configurations.delete(key));
    configurations.clear();
    configurations.set(key, found);
  }
  return found;
}

interface Pending {
  verifier: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
  expires: number;
}
/** Sign-ins started and not yet returned, by their state value (one server process holds them). */
const pending = new Map<string, Pending>();

function forgetExpired(now: number): void {
  for (const [state, p] of pending) if (p.expires <= now) pending.delete(state);
  while (pending.size >= MAX_PENDING) {
    const oldest = pending.keys().next().value;
    if (oldest === undefined) break;
    pending.delete(oldest);
  }
}

/** The provider's authorisation URL for a new sign-in (PKCE, state and nonce), remembered for the callback. */
export async function beginSignIn(em: EntityManager, redirectUri: string, returnTo: string): Promise<URL> {
  const provider = await loadProvider(em);
  if (!provider?.enabled) throw new SsoError('SSO_DISABLED', 'Single sign-on is not set up; sign in with your e-mail and password.');
  const config = await discover(provider).catch((error: unknown) => {
    throw new SsoError('SSO_PROVIDER_ERROR', `The identity provider could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();
  forgetExpired(now);
  pending.set(state, { verifier, nonce, redirectUri, returnTo, expires: now + PENDING_MS });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
}

/**
 * Finishes a sign-in at the callback URL: checks state, nonce and PKCE, reads the claims (ID token, then
 * userinfo for what it lacks), applies the allowed groups and the role rules, finds or creates the user,
 * and issues a browser session. Refusals are audited.
 */
export async function completeSignIn(em: EntityManager, callbackUrl: URL, ip: string) {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const started = pending.get(state);
  pending.delete(state);
  const provider = await loadProvider(em);
  if (!provider?.enabled) throw new SsoError('SSO_DISABLED', 'Single sign-on is not set up; sign in with your e-mail and password.');
  if (!started || started.expires <= Date.now()) {
    throw new SsoError('SSO_STATE_UNKNOWN', 'This sign-in link has expired or was already used; start again from the sign-in page.');
  }
  const refuse = async (reason: SsoRefusal, message: string, detail: Record<string, unknown>): Promise<never> => {
    audit(em, 'SIGN_IN_REFUSED', null, { via: 'oidc', reason, ip, ...detail });
    await em.flush();
    throw new SsoError(reason, message);
  };

  let claims: Record<string, unknown>;
  try {
    const config = await discover(provider);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: started.verifier,
      expectedState: state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the provider sent no ID token');
    const userInfo = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub) : {};
    claims = { ...userInfo, ...idToken };
  } catch (error) {
    return refuse('SSO_PROVIDER_ERROR', `The identity provider's answer could not be used: ${error instanceof Error ? error.message : String(error)}`, {});
  }

  const subject = String(claims.sub);
  const email = typeof claims.email === 'string' ? normalEmail(claims.email) : '';
  if (!email) return refuse('SSO_NO_EMAIL', 'Your company account has no e-mail address; ask your administrator to add one.', { subject });
  if (!inAllowedGroup(provider, claims)) {
    return refuse('SSO_NOT_ALLOWED', 'Your company account is not in a group allowed to use Touchpoint; ask your administrator for access.', { subject, email });
  }
  const role = roleFromClaims(provider, claims);
  if (!role) return refuse('SSO_NO_ROLE', 'Your company account has no Touchpoint role; ask your administrator to give you one.', { subject, email });

  const identity = await em.findOne(ExternalIdentity, { issuer: provider.issuer, subject }, { populate: ['user'] });
  let user = identity?.user ?? null;
  if (!user) {
    const existing = await em.findOne(User, { email });
    // Link to an existing local account only when the provider vouches for the address.
    if (existing && claims.email_verified !== true) {
      return refuse('SSO_EMAIL_IN_USE', `A Touchpoint account for ${email} already exists and your provider has not verified that address; ask your administrator.`, { subject, email });
    }
    user = existing ?? em.create(User, { email, name: typeof claims.name === 'string' && claims.name ? claims.name : email, role, passwordHash: NO_PASSWORD });
    em.create(ExternalIdentity, { user, issuer: provider.issuer, subject });
  }
  if (!user.active) return refuse('SSO_DEACTIVATED', 'Your Touchpoint account is deactivated; ask your administrator.', { subject, email, userId: user.id });

  // The provider is the source of truth for the role (and the department, when it names one) at every sign-in.
  user.role = role;
  const departmentName = provider.departmentClaim ? claims[provider.departmentClaim] : undefined;
  if (typeof departmentName === 'string' && departmentName) {
    const department = await em.findOne(Department, { name: departmentName });
    if (department) user.department = department;
  }
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const issued = issueCredential(em, user, 'SESSION', SSO_SESSION_NAME, expiresAt);
  audit(em, 'SIGN_IN', user.id, { via: 'oidc', ip, role });
  await em.flush();
  return { ...issued, user, expiresAt, returnTo: started.returnTo };
}

/**
 * Ends the session behind `secret` and returns where the browser goes next: the provider's end-session
 * endpoint when the session came from single sign-on and the provider has one, else the sign-in page.
 */
export async function signOutUrl(em: EntityManager, secret: string | undefined, origin: string): Promise<string> {
  const signInPage = `${origin}/sign-in`;
  if (!secret) return signInPage;
  const credential = await em.findOne(Credential, { secretHash: sha256(secret), kind: 'SESSION' });
  if (!credential) return signInPage;
  credential.revokedAt ??= new Date();
  audit(em, 'SIGN_OUT', credential.user.id, {});
  await em.flush();
  const provider = await loadProvider(em);
  if (credential.name !== SSO_SESSION_NAME || !provider?.enabled) return signInPage;
  const config = await discover(provider).catch(() => null);
  if (!config?.serverMetadata().end_session_endpoint) return signInPage;
  return oidc.buildEndSessionUrl(config, { client_id: provider.clientId, post_logout_redirect_uri: signInPage }).toString();
}

/** Checks that the provider answers discovery now, for the admin's settings form. */
export async function checkProvider(provider: Pick<IdentityProvider, 'issuer' | 'clientId' | 'clientSecret' | 'updatedAt'>): Promise<string | null> {
  try {
    await discover(provider);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The company's identity provider as administrators set it up (the sign-in flow itself is in the functions above). */
export class IdentityProviderService {
  constructor(private readonly em: EntityManager) {}

  provider(): Promise<IdentityProvider | null> {
    return loadProvider(this.em);
  }

  /**
   * Sets up or changes the provider. Turning it on checks that the provider answers; nothing is saved when
   * it does not. Returns the provider with the problem discovery reported (null: it answered).
   */
  async save(byUserId: string, input: IdentityProviderInput): Promise<{ provider: IdentityProvider; problem: string | null }> {
    const issuer = new URL(input.issuer);
    if (issuer.protocol !== 'https:' && !isLoopback(issuer)) throw badInput('issuer', 'must start with https:// (plain http only for a provider on this machine).');
    const mapping: Record<string, IdentityProviderInput['roleMapping'][number]['role']> = {};
    for (const [i, rule] of input.roleMapping.entries()) {
      if (mapping[rule.claimValue] && mapping[rule.claimValue] !== rule.role) {
        throw badInput(`roleMapping.${i}.claimValue`, `"${rule.claimValue}" is mapped to two roles; keep one.`);
      }
      mapping[rule.claimValue] = rule.role;
    }
    const existing = await loadProvider(this.em);
    const provider = existing ?? this.em.create(IdentityProvider, { issuer: input.issuer, clientId: input.clientId });
    this.em.assign(provider, {
      enabled: input.enabled,
      displayName: input.displayName.trim(),
      issuer: input.issuer.replace(/\/$/, ''),
      clientId: input.clientId,
      roleClaim: input.roleClaim,
      roleMapping: mapping,
      defaultRole: input.defaultRole ?? undefined,
      departmentClaim: input.departmentClaim ?? undefined,
      groupsClaim: input.groupsClaim,
      allowedGroups: input.allowedGroups,
      updatedAt: new Date(),
    });
    if (input.clientSecret !== undefined && input.clientSecret !== null) provider.clientSecret = input.clientSecret || undefined;
    const problem = await checkProvider(provider);
    if (input.enabled && problem) {
      this.em.clear();
      throw badInput('issuer', `the provider did not answer at ${provider.issuer}/.well-known/openid-configuration (${problem}); check the issuer URL.`, 'PROVIDER_UNREACHABLE');
    }
    audit(this.em, 'SSO_SETTINGS_CHANGED', byUserId, { issuer: provider.issuer, enabled: provider.enabled });
    await this.em.flush();
    return { provider, problem };
  }
}
