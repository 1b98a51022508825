import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { audit } from '../../auth/auth.service.js';
import { Rule } from '../../auth/rules.js';
import { badInput } from '../../common/errors.js';
import { requireCaller, type Context } from '../../context.js';
import { SSO_PATHS } from './sso.routes.js';
import { IdentityProvider } from './sso.entity.js';
import { checkProvider, isLoopback, loadProvider } from './sso.service.js';
import { IdentityProviderInput, IdentityProviderSettings, SignInOptions } from './sso.type.js';

function toSettings(provider: IdentityProvider, problem: string | null): IdentityProviderSettings {
  return {
    enabled: provider.enabled,
    displayName: provider.displayName,
    issuer: provider.issuer,
    clientId: provider.clientId,
    hasClientSecret: Boolean(provider.clientSecret),
    roleClaim: provider.roleClaim,
    roleMapping: Object.entries(provider.roleMapping).map(([claimValue, role]) => ({ claimValue, role })),
    defaultRole: provider.defaultRole ?? null,
    departmentClaim: provider.departmentClaim ?? null,
    groupsClaim: provider.groupsClaim,
    allowedGroups: provider.allowedGroups,
    problem,
  };
}

@Resolver()
export class SsoResolver {
  @Query(() => SignInOptions, { description: 'How people can sign in here (for the sign-in page); answers without signing in and holds no secret.' })
  async signInOptions(@Ctx() ctx: Context): Promise<SignInOptions> {
    const provider = await loadProvider(ctx.em);
    const on = Boolean(provider?.enabled);
    return { singleSignOn: on, singleSignOnLabel: on && provider ? provider.displayName : null, singleSignOnUrl: on ? SSO_PATHS.start : null };
  }

  @Authorized(Rule.administer)
  @Query(() => IdentityProviderSettings, { nullable: true, description: "The company's identity provider for single sign-on, or null when none is set up. Administrators only." })
  async identityProvider(@Ctx() ctx: Context): Promise<IdentityProviderSettings | null> {
    const provider = await loadProvider(ctx.em);
    return provider ? toSettings(provider, provider.enabled ? await checkProvider(provider) : null) : null;
  }

  @Authorized(Rule.administer)
  @Mutation(() => IdentityProviderSettings, {
    description: 'Sets up or changes single sign-on with an OpenID Connect provider. Turning it on checks that the provider answers; nothing is saved when it does not. Administrators only.',
  })
  async saveIdentityProvider(@Ctx() ctx: Context, @Arg('input', () => IdentityProviderInput, { description: 'The settings; the client secret is kept when left out.' }) input: IdentityProviderInput): Promise<IdentityProviderSettings> {
    const caller = requireCaller(ctx);
    const issuer = new URL(input.issuer);
    if (issuer.protocol !== 'https:' && !isLoopback(issuer)) throw badInput('issuer', 'must start with https:// (plain http only for a provider on this machine).');
    const mapping: Record<string, IdentityProviderInput['roleMapping'][number]['role']> = {};
    for (const [i, rule] of input.roleMapping.entries()) {
      if (mapping[rule.claimValue] && mapping[rule.claimValue] !== rule.role) {
        throw badInput(`roleMapping.${i}.claimValue`, `"${rule.claimValue}" is mapped to two roles; keep one.`);
      }
      mapping[rule.claimValue] = rule.role;
    }
    const existing = await loadProvider(ctx.em);
    const provider = existing ?? ctx.em.create(IdentityProvider, { issuer: input.issuer, clientId: input.clientId });
    ctx.em.assign(provider, {
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
      ctx.em.clear();
      throw badInput('issuer', `the provider did not answer at ${provider.issuer}/.well-known/openid-configuration (${problem}); check the issuer URL.`, 'PROVIDER_UNREACHABLE');
    }
    audit(ctx.em, 'SSO_SETTINGS_CHANGED', caller.id, { issuer: provider.issuer, enabled: provider.enabled });
    await ctx.em.flush();
    return toSettings(provider, problem);
  }
}
