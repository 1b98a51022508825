import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity.js';
import type { User } from '../users/user.entity.js';
import { Role } from '../users/user.enums.js';

/**
 * The company's OpenID Connect identity provider (one row at most). The client secret never leaves the
 * server: GraphQL only says whether one is set.
 */
@Entity()
export class IdentityProvider extends BaseEntity {
  @Property({ type: 'boolean' })
  enabled: boolean & Opt = false;

  /** Shown on the sign-in button ("Sign in with <displayName>"). */
  @Property({ type: 'string' })
  displayName: string & Opt = 'company account';

  /** The issuer URL; its /.well-known/openid-configuration is discovered. */
  @Property()
  issuer!: string;

  @Property()
  clientId!: string;

  @Property({ hidden: true, nullable: true, type: 'text' })
  clientSecret?: string;

  /** The claim (in the ID token or the userinfo answer) whose values give the role, e.g. "roles" or "groups". */
  @Property({ type: 'string' })
  roleClaim: string & Opt = 'roles';

  /** Claim value → role, e.g. { "cx-admins": "ADMIN" }. A value equal to a role's name maps to it as well. */
  @Property({ type: 'json' })
  roleMapping: Record<string, Role> & Opt = {};

  /** The role of a user whose claims name none; null = such a user is refused. */
  @Enum({ items: () => Role, nullable: true })
  defaultRole?: Role;

  /** The claim whose value names the user's department (matched on the department's name); null = none. */
  @Property({ type: 'string', nullable: true })
  departmentClaim?: string;

  /** The claim that lists the user's groups, for the allowed-groups check. */
  @Property({ type: 'string' })
  groupsClaim: string & Opt = 'groups';

  /** Only members of one of these groups may sign in; empty = everyone the provider signs in. */
  @Property({ type: 'json' })
  allowedGroups: string[] & Opt = [];
}

/** Links a local user to the provider's stable subject ("sub"): e-mail addresses change, subjects do not. */
@Entity()
@Unique({ properties: ['issuer', 'subject'] })
export class ExternalIdentity extends BaseEntity {
  @ManyToOne('User', { deleteRule: 'cascade' })
  @Index()
  user!: Rel<User>;

  @Property()
  issuer!: string;

  @Property()
  subject!: string;
}
