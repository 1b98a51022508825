import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { requireCaller, type Context } from '../../context.js';
import { SSO_PATHS } from './sso.routes.js';
import type { IdentityProvider } from './sso.entity.js';
import { checkProvider, IdentityProviderService } from './sso.service.js';
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

const service = (ctx: Context) => new IdentityProviderService(ctx.em);

@Resolver()
export class SsoResolver {
  @Query(() => SignInOptions, { description: 'How people can sign in here (for the sign-in page); answers without signing in and holds no secret.' })
  async signInOptions(@Ctx() ctx: Context): Promise<SignInOptions> {
    const provider = await service(ctx).provider();
    const on = Boolean(provider?.enabled);
    return { singleSignOn: on, singleSignOnLabel: on && provider ? provider.displayName : null, singleSignOnUrl: on ? SSO_PATHS.start : null };
  }

  @Authorized(Rule.administer)
  @Query(() => IdentityProviderSettings, { nullable: true, description: "The company's identity provider for single sign-on, or null when none is set up. Administrators only." })
  async identityProvider(@Ctx() ctx: Context): Promise<IdentityProviderSettings | null> {
    const provider = await service(ctx).provider();
    return provider ? toSettings(provider, provider.enabled ? await checkProvider(provider) : null) : null;
  }

  @Authorized(Rule.administer)
  @Mutation(() => IdentityProviderSettings, {
    description: 'Sets up or changes single sign-on with an OpenID Connect provider. Turning it on checks that the provider answers; nothing is saved when it does not. Administrators only.',
  })
  async saveIdentityProvider(@Ctx() ctx: Context, @Arg('input', () => IdentityProviderInput, { description: 'The settings; the client secret is kept when left out.' }) input: IdentityProviderInput): Promise<IdentityProviderSettings> {
    const { provider, problem } = await service(ctx).save(requireCaller(ctx).id, input);
    return toSettings(provider, problem);
  }
}
