import { Length } from 'class-validator';
import { IsUserEmail } from '../../common/validation.js';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { minCellCustomersForRole } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import { requireCaller, type Context } from '../../context.js';
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
import { UserService } from './user.service.js';

@ArgsType()
class SignInArgs {
  @Field()
  @IsUserEmail()
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

const service = (ctx: Context) => new UserService(ctx.em);

/** Routes with no @Authorized: signIn, signOut and me. Everything else names its rule. */
@Resolver()
export class UserResolver {
  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null.' })
  async me(@Ctx() ctx: Context): Promise<UserType | null> {
    if (!ctx.caller) return null;
    return service(ctx).me(ctx.caller.id);
  }

  @Mutation(() => SignInResult, { description: 'Signs in and sets an httpOnly session cookie.' })
  async signIn(@Ctx() ctx: Context, @Args(() => SignInArgs) { email, password }: SignInArgs): Promise<SignInResult> {
    const { secret, user, expiresAt } = await service(ctx).signIn(email, password, ctx.http?.ip ?? 'in-process');
    ctx.http?.setSessionCookie(secret, expiresAt);
    return { user, expiresAt };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    await service(ctx).signOut(ctx.caller);
    ctx.http?.clearSessionCookie();
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Signs you out on every browser and device, this one included; returns how many sessions ended. API tokens stay valid (revoke them one by one).' })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<number> {
    const ended = await service(ctx).signOutEverywhere(requireCaller(ctx));
    ctx.http?.clearSessionCookie();
    return ended;
  }

  @Authorized()
  @Mutation(() => UserType, { description: 'Sets the language you read Touchpoint in (null: your browser\'s language); numbers, dates and money follow it.' })
  setMyLanguage(
    @Ctx() ctx: Context,
    @Arg('language', () => Language, { nullable: true, description: 'English or Danish; null to follow the browser.' }) language: Language | null,
  ): Promise<UserType> {
    return service(ctx).setLanguage(requireCaller(ctx).id, language);
  }

  @Authorized(Rule.exploreApi)
  @Mutation(() => UserType, { description: 'Shows or hides internal codes (touchpoint, persona and unit codes) beside the names on every page, for you only; kept for your next sign-in.' })
  setMyShowCodes(@Ctx() ctx: Context, @Arg('show', { description: 'true: codes beside the names; false: names and labels only.' }) show: boolean): Promise<UserType> {
    return service(ctx).setShowCodes(requireCaller(ctx).id, show);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Changes your own password and ends your other sessions and every API token (this session too unless keepThisSession).' })
  async changePassword(@Ctx() ctx: Context, @Args(() => ChangePasswordArgs) args: ChangePasswordArgs): Promise<boolean> {
    await service(ctx).changePassword(requireCaller(ctx), args);
    if (!args.keepThisSession) ctx.http?.clearSessionCookie();
    return true;
  }

  @Authorized()
  @Query(() => [ApiTokenType], { description: 'Your API tokens (never the secrets).' })
  apiTokens(@Ctx() ctx: Context): Promise<ApiTokenType[]> {
    return service(ctx).apiTokens(requireCaller(ctx).id);
  }

  @Authorized()
  @Mutation(() => NewApiToken, { description: 'Creates an API token for scripts; the token is shown once.' })
  createApiToken(@Ctx() ctx: Context, @Arg('input', () => NewApiTokenInput) input: NewApiTokenInput): Promise<NewApiToken> {
    return service(ctx).createApiToken(requireCaller(ctx), input);
  }

  @Authorized()
  @Mutation(() => ApiTokenType, { description: 'Revokes one of your API tokens (admins: anyone\'s).' })
  revokeApiToken(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ApiTokenType> {
    return service(ctx).revokeApiToken(requireCaller(ctx), id);
  }

  @Authorized(Rule.administer)
  @Query(() => [UserType])
  users(@Ctx() ctx: Context): Promise<UserType[]> {
    return service(ctx).list();
  }

  @Authorized(Rule.administer)
  @Mutation(() => UserWithPassword, { description: 'Creates a user with a generated password, shown once.' })
  createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<UserWithPassword> {
    return service(ctx).create(requireCaller(ctx).id, input);
  }

  @Authorized(Rule.administer)
  @Mutation(() => UserType)
  updateUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput): Promise<UserType> {
    return service(ctx).update(requireCaller(ctx).id, id, input);
  }

  @Authorized(Rule.administer)
  @Mutation(() => UserWithPassword, { description: 'Sets a new generated password (shown once) and ends the user\'s sessions and API tokens.' })
  resetPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<UserWithPassword> {
    return service(ctx).resetPassword(requireCaller(ctx).id, id);
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
