import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity.js';
import type { Department } from '../departments/department.entity.js';
import { Language, Role } from './user.enums.js';

/** A person who signs in. The password hash never leaves the server (see user.type.ts for what GraphQL shows). */
@Entity()
export class User extends BaseEntity {
  @Property()
  @Unique()
  email!: string;

  @Property()
  name!: string;

  @Enum(() => Role)
  role!: Role;

  /** Scopes follow-up cases to this department. */
  @ManyToOne('Department', { nullable: true, deleteRule: 'set null' })
  department?: Rel<Department>;

  /** scrypt hash, "scrypt$N$r$p$salt$hash". */
  @Property({ hidden: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /** The language chosen by the user; null: the browser's language. */
  @Enum({ items: () => Language, nullable: true })
  language?: Language;

  /** Analysts' choice to see internal codes (touchpoint, persona, unit) beside names; off: names only. */
  @Property({ type: 'boolean' })
  showCodes: boolean & Opt = false;
}

/** A browser session (httpOnly cookie) or an API token for scripts; only the SHA-256 of the secret is stored. */
@Entity()
export class Credential extends BaseEntity {
  @ManyToOne('User', { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Enum({ items: ['SESSION', 'API_TOKEN'] })
  kind!: 'SESSION' | 'API_TOKEN';

  @Property({ type: 'string' })
  name: string & Opt = '';

  @Property({ hidden: true })
  @Unique()
  secretHash!: string;

  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date;
}

/** Who did what, when: sign-ins, denials, imports and every read of an individual customer's data. */
@Entity()
@Index({ properties: ['at'] })
export class AuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  @Property({ type: 'datetime' })
  at: Date & Opt = new Date();

  @Property({ nullable: true, type: 'uuid' })
  userId?: string;

  @Property()
  action!: string;

  @Property({ nullable: true })
  @Index()
  customerId?: string;

  @Property({ type: 'json' })
  detail: Record<string, unknown> & Opt = {};
}
