import { ArrayMaxSize, IsBoolean, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Role } from '../users/user.enums.js';

@ObjectType({ description: 'How people can sign in on this installation, for the sign-in page (no secret in it).' })
export class SignInOptions {
  @Field({ description: 'True when people can sign in with their company account (single sign-on).' })
  singleSignOn!: boolean;

  @Field(() => String, { nullable: true, description: 'What the single sign-on button calls the company account, e.g. "Nordlys account"; null without single sign-on.' })
  singleSignOnLabel!: string | null;

  @Field(() => String, { nullable: true, description: 'The address the single sign-on button opens (it redirects to the identity provider); null without single sign-on.' })
  singleSignOnUrl!: string | null;
}

@ObjectType({ description: 'One rule turning a value of the role claim into a Touchpoint role.' })
export class RoleMappingEntry {
  @Field({ description: 'A value the identity provider sends in the role claim, e.g. a group name "cx-analysts".' })
  claimValue!: string;

  @Field(() => Role, { description: 'The Touchpoint role people with that value get.' })
  role!: Role;
}

@ObjectType({ description: "The company's OpenID Connect identity provider as set up by an administrator; the client secret is never shown." })
export class IdentityProviderSettings {
  @Field({ description: 'Whether people can sign in with it; local accounts keep working either way.' })
  enabled!: boolean;

  @Field({ description: 'What the sign-in button calls the company account.' })
  displayName!: string;

  @Field({ description: "The provider's issuer URL; its /.well-known/openid-configuration is read from there." })
  issuer!: string;

  @Field({ description: 'The client id Touchpoint is registered under at the provider.' })
  clientId!: string;

  @Field({ description: 'True when a client secret is stored (the secret itself is never shown again).' })
  hasClientSecret!: boolean;

  @Field({ description: 'The claim whose values give the role, e.g. "roles" or "groups".' })
  roleClaim!: string;

  @Field(() => [RoleMappingEntry], { description: 'Claim values and the roles they give; a value that is a role name (e.g. "ANALYST") gives that role without a rule. The most privileged match wins.' })
  roleMapping!: RoleMappingEntry[];

  @Field(() => Role, { nullable: true, description: 'The role of someone whose claims give none; null refuses them.' })
  defaultRole!: Role | null;

  @Field(() => String, { nullable: true, description: "The claim naming the user's department (matched on the department's name); null leaves departments to administrators." })
  departmentClaim!: string | null;

  @Field({ description: "The claim listing the user's groups, for the allowed-groups check." })
  groupsClaim!: string;

  @Field(() => [String], { description: 'Only members of one of these groups may sign in; empty lets in everyone the provider signs in.' })
  allowedGroups!: string[];

  @Field(() => String, { nullable: true, description: 'The problem found when the provider was last checked (its discovery document could not be read), or null when it answered.' })
  problem!: string | null;
}

@InputType({ description: 'One rule turning a value of the role claim into a Touchpoint role.' })
export class RoleMappingInput {
  @Field({ description: 'A value the identity provider sends in the role claim.' })
  @Length(1, 200)
  claimValue!: string;

  @Field(() => Role, { description: 'The Touchpoint role people with that value get.' })
  role!: Role;
}

@InputType({ description: "Settings of the company's OpenID Connect identity provider." })
export class IdentityProviderInput {
  @Field({ description: 'Whether people can sign in with it. Turning it on checks that the provider answers.' })
  @IsBoolean()
  enabled!: boolean;

  @Field({ description: 'What the sign-in button calls the company account, e.g. "Nordlys account".' })
  @Length(1, 80)
  displayName!: string;

  @Field({ description: "The provider's issuer URL (https; plain http only for a provider on this machine)." })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] }, { message: 'must be a URL such as https://login.example.com' })
  @MaxLength(500)
  issuer!: string;

  @Field({ description: 'The client id Touchpoint is registered under at the provider.' })
  @Length(1, 200)
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'A new client secret; leave out (null) to keep the stored one, or send an empty text to remove it (public client).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  clientSecret?: string | null;

  @Field({ description: 'The claim whose values give the role.', defaultValue: 'roles' })
  @Length(1, 100)
  roleClaim!: string;

  @Field(() => [RoleMappingInput], { description: 'Claim values and the roles they give.', defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  roleMapping!: RoleMappingInput[];

  @Field(() => Role, { nullable: true, description: 'The role of someone whose claims give none; null refuses them.' })
  @IsOptional()
  defaultRole?: Role | null;

  @Field(() => String, { nullable: true, description: "The claim naming the user's department; null leaves departments to administrators." })
  @IsOptional()
  @Length(1, 100)
  departmentClaim?: string | null;

  @Field({ description: "The claim listing the user's groups.", defaultValue: 'groups' })
  @Length(1, 100)
  groupsClaim!: string;

  @Field(() => [String], { description: 'Only members of one of these groups may sign in; empty lets in everyone.', defaultValue: [] })
  @ArrayMaxSize(200)
  @Length(1, 200, { each: true })
  allowedGroups!: string[];
}
