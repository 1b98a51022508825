import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Department } from '../departments/department.entity.js';
import { Language, Role } from './user.enums.js';
import { IsUserEmail } from '../../common/validation.js';

/** What GraphQL shows of a user: never the password hash. */
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field()
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the user last signed in with a password (a new session); null if never.' })
  lastSignInAt!: Date | null;

  @Field(() => Language, { nullable: true, description: 'The language the user chose for Touchpoint; null: the browser\'s language is used.' })
  language!: Language | null;

  @Field({ description: 'Whether the user sees internal codes (touchpoint, persona and unit codes) beside the names; false: names and labels only.' })
  showCodes!: boolean;
}

@ObjectType()
export class SignInResult {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => Date, { description: 'When the session (an httpOnly cookie) expires.' })
  expiresAt!: Date;
}

@ObjectType()
export class ApiTokenType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class NewApiToken {
  @Field({ description: 'The token, shown this once. Send it as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => ApiTokenType)
  apiToken!: ApiTokenType;
}

@ObjectType()
export class UserWithPassword {
  @Field(() => UserType)
  user!: UserType;

  @Field({ description: 'Generated password, shown this once; the user should change it.' })
  password!: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsUserEmail()
  email!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

@InputType()
export class UpdateUserInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => Role, { nullable: true })
  @IsOptional()
  role?: Role;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  active?: boolean;
}

@InputType()
export class NewApiTokenInput {
  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Days until the token expires (1-365); default 90.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}
