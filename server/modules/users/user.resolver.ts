import { IsEmail, Length, MaxLength } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { audit, checkCurrentPassword, issueCredential, revokeCredentials, signIn } from '../../auth/auth.service.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import { minCellCustomersForRole } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import { AppError } from '../../common/errors.js';
import { findOrNotFound, resolveRef } from '../../common/loaders.js';
import { requireCaller, type Caller, type Context } from '../../context.js';
import { Department } from '../departments/department.entity.js';
import { Credential, User } from './user.entity.js';
import { Language } from './user.enums.js';
import {
  ApiTokenType,
  CreateUserInput,
  NewApiToken,
  NewApiTokenInput,
  SignInResult,
  UpdateUserInput,
  UserType,
  UserWithPassword,
} from './user.type.js';
import { createUser, endAllSessions, lastSignIns, resetPassword, toApiTokenType, toUserType } from './user.service.js';

@ArgsType()
class SignInArgs {
  @Field()
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @Field()
  @Length(1, 200)
  password!: string;
}

@ArgsType()
class ChangePasswordArgs {
  @Field()
  @Length(1, 200)
  currentPassword!: string;

  @Field()
  @Length(1, 200)
  newPassword!: string;

  @Field({ defaultValue: true, description: 'Keep this session signed in (true, the default) or end it too (false). Every other session and every API token ends either way.' })
  keepThisSession!: boolean;
}

function requireSession(caller: Caller): void {
  if (caller.via !== 'SESSION') {
    throw new AppError('FORBIDDEN', 'Sign in with a password to manage passwords and API tokens; an API token cannot.', { reason: 'SESSION_REQUIRED' });
  }
}

/** Routes with no @Authorized: signIn, signOut and me. Everything else names its rule. */
@Resolver()
export class UserResolver {
  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null.' })
  async me(@Ctx() ctx: Context): Promise<UserType | null> {
    if (!ctx.caller) return null;
    return toUserType(await ctx.em.findOneOrFail(User, ctx.caller.id, { populate: ['department'] }));
  }

  @Mutation(() => SignInResult, { description: 'Signs in and sets an httpOnly session cookie.' })
  async signIn(@Ctx() ctx: Context, @Args(() => SignInArgs) { email, password }: SignInArgs): Promise<SignInResult> {
    const { secret, user, expiresAt } = await signIn(ctx.em, email, password, ctx.http?.ip ?? 'in-process');
    ctx.http?.setSessionCookie(secret, expiresAt);
    await ctx.em.populate(user, ['department']);
    return { user: toUserType(user), expiresAt };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    if (ctx.caller?.via === 'SESSION') {
      await ctx.em.nativeUpdate(Credential, { id: ctx.caller.credentialId }, { revokedAt: new Date() });
    }
    ctx.http?.clearSessionCookie();
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Signs you out on every browser and device, this one included; returns how many sessions ended. API tokens stay valid (revoke them one by one).' })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<number> {
    const caller = requireCaller(ctx);
    requireSession(caller);
    const ended = await endAllSessions(ctx.em, caller.id);
    audit(ctx.em, 'SIGNED_OUT_EVERYWHERE', caller.id, { sessions: ended });
    await ctx.em.flush();
    ctx.http?.clearSessionCookie();
    return ended;
  }

  @Authorized()
  @Mutation(() => UserType, { description: 'Sets the language you read Touchpoint in (null: your browser\'s language); numbers, dates and money follow it.' })
  async setMyLanguage(
    @Ctx() ctx: Context,
    @Arg('language', () => Language, { nullable: true, description: 'English or Danish; null to follow the browser.' }) language: Language | null,
  ): Promise<UserType> {
    const caller = requireCaller(ctx);
    const user = await ctx.em.findOneOrFail(User, caller.id, { populate: ['department'] });
    user.language = language ?? undefined;
    await ctx.em.flush();
    return toUserType(user);
  }

  @Authorized(Rule.exploreApi)
  @Mutation(() => UserType, { description: 'Shows or hides internal codes (touchpoint, persona and unit codes) beside the names on every page, for you only; kept for your next sign-in.' })
  async setMyShowCodes(@Ctx() ctx: Context, @Arg('show', { description: 'true: codes beside the names; false: names and labels only.' }) show: boolean): Promise<UserType> {
    const caller = requireCaller(ctx);
    const user = await ctx.em.findOneOrFail(User, caller.id, { populate: ['department'] });
    user.showCodes = show;
    await ctx.em.flush();
    return toUserType(user);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Changes your own password and ends your other sessions and every API token (this session too unless keepThisSession).' })
  async changePassword(@Ctx() ctx: Context, @Args(() => ChangePasswordArgs) args: ChangePasswordArgs): Promise<boolean> {
    const caller = requireCaller(ctx);
    requireSession(caller);
    const user = await ctx.em.findOneOrFail(User, caller.id);
    await checkCurrentPassword(caller.id, args.currentPassword, user.passwordHash);
    const problem = passwordProblem(args.newPassword);
    if (problem) throw new AppError('BAD_USER_INPUT', `newPassword ${problem}.`, { reason: 'WEAK_PASSWORD', field: 'newPassword' });
    user.passwordHash = await hashPassword(args.newPassword);
    const revoked = await revokeCredentials(ctx.em, caller.id, args.keepThisSession ? caller.credentialId : undefined);
    if (!args.keepThisSession) ctx.http?.clearSessionCookie();
    audit(ctx.em, 'PASSWORD_CHANGED', caller.id, { revoked });
    await ctx.em.flush();
    return true;
  }

  @Authorized()
  @Query(() => [ApiTokenType], { description: 'Your API tokens (never the secrets).' })
  async apiTokens(@Ctx() ctx: Context): Promise<ApiTokenType[]> {
    const tokens = await ctx.em.find(Credential, { user: requireCaller(ctx).id, kind: 'API_TOKEN' }, { orderBy: { createdAt: 'desc' } });
    return tokens.map(toApiTokenType);
  }

  @Authorized()
  @Mutation(() => NewApiToken, { description: 'Creates an API token for scripts; the token is shown once.' })
  async createApiToken(@Ctx() ctx: Context, @Arg('input', () => NewApiTokenInput) input: NewApiTokenInput): Promise<NewApiToken> {
    const caller = requireCaller(ctx);
    requireSession(caller);
    const user = await ctx.em.findOneOrFail(User, caller.id);
    const expiresAt = new Date(Date.now() + (input.expiresInDays ?? 90) * 86400_000);
    const { secret, credential } = issueCredential(ctx.em, user, 'API_TOKEN', input.name, expiresAt);
    audit(ctx.em, 'API_TOKEN_CREATED', caller.id, { name: input.name });
    await ctx.em.flush();
    return { token: secret, apiToken: toApiTokenType(credential) };
  }

  @Authorized()
  @Mutation(() => ApiTokenType, { description: 'Revokes one of your API tokens (admins: anyone\'s).' })
  async revokeApiToken(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ApiTokenType> {
    const caller = requireCaller(ctx);
    const token = await ctx.em.findOne(Credential, { id, kind: 'API_TOKEN' });
    if (!token || (token.user.id !== caller.id && caller.role !== 'ADMIN')) throw new AppError('NOT_FOUND', `API token ${id} does not exist.`);
    token.revokedAt ??= new Date();
    audit(ctx.em, 'API_TOKEN_REVOKED', caller.id, { tokenId: id });
    await ctx.em.flush();
    return toApiTokenType(token);
  }

  @Authorized(Rule.administer)
  @Query(() => [UserType])
  async users(@Ctx() ctx: Context): Promise<UserType[]> {
    const users = await ctx.em.find(User, {}, { orderBy: { email: 'asc' }, populate: ['department'] });
    const last = await lastSignIns(ctx.em);
    return users.map((u) => toUserType(u, last.get(u.id) ?? null));
  }

  @Authorized(Rule.administer)
  @Mutation(() => UserWithPassword, { description: 'Creates a user with a generated password, shown once.' })
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<UserWithPassword> {
    const { user, password } = await createUser(ctx.em, input);
    audit(ctx.em, 'USER_CREATED', requireCaller(ctx).id, { userId: user.id, role: user.role });
    await ctx.em.flush();
    return { user: toUserType(user), password };
  }

  @Authorized(Rule.administer)
  @Mutation(() => UserType)
  async updateUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput): Promise<UserType> {
    const user = await findOrNotFound(ctx.em, User, 'User', id);
    const { departmentId, ...plain } = input;
    ctx.em.assign(user, plain, { ignoreUndefined: true });
    const department = await resolveRef(ctx.em, Department, 'Department', departmentId);
    if (department !== undefined) user.department = department ?? undefined;
    // A deactivated user's sessions and tokens end now, not only while the flag stays off.
    const revoked = plain.active === false ? await revokeCredentials(ctx.em, id) : 0;
    audit(ctx.em, 'USER_UPDATED', requireCaller(ctx).id, { userId: id, ...plain, ...(revoked ? { revoked } : {}) });
    await ctx.em.flush();
    return toUserType(user);
  }

  @Authorized(Rule.administer)
  @Mutation(() => UserWithPassword, { description: 'Sets a new generated password (shown once) and ends the user\'s sessions and API tokens.' })
  async resetPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<UserWithPassword> {
    const { user, password } = await resetPassword(ctx.em, id);
    audit(ctx.em, 'PASSWORD_RESET', requireCaller(ctx).id, { userId: id });
    await ctx.em.flush();
    return { user: toUserType(user), password };
  }
}

/** What a user's role is shown of small groups: the same threshold every aggregate applies (server/auth/privacy.ts). */
@Resolver(() => UserType)
export class UserPrivacyResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'The fewest distinct customers a group needs before this user sees its figures (MIN_CELL_CUSTOMERS); smaller groups come back marked suppressed. Null when the role may read individual answers, so nothing is hidden.',
  })
  minCellCustomers(@Root() user: UserType, @Ctx() ctx: Context): number | null {
    return minCellCustomersForRole(user.role, ctx.deps.minCellCustomers);
  }
}
