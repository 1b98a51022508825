import { registerEnumType } from 'type-graphql';

/** What a user may do; rules per role are in server/auth/rules.ts. */
export enum Role {
  ADMIN = 'ADMIN',
  STRATEGIST = 'STRATEGIST',
  ANALYST = 'ANALYST',
  EXECUTIVE = 'EXECUTIVE',
}
registerEnumType(Role, { name: 'Role' });
