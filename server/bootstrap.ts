import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from './modules/users/user.entity.js';
import { Role } from './modules/users/user.enums.js';
import { createUser } from './modules/users/user.service.js';

export interface CreatedAccount {
  email: string;
  role: Role;
  password: string;
}

/**
 * First start: no default passwords. Creates an ADMIN (and, for the demo company, one user per role)
 * with generated passwords that are returned once for printing, never stored in clear or logged.
 */
export async function createFirstUsers(em: EntityManager, options: { demo: boolean; domain?: string }): Promise<CreatedAccount[]> {
  if ((await em.count(User)) > 0) return [];
  const domain = options.domain ?? 'touchpoint.local';
  const wanted: { email: string; name: string; role: Role }[] = [{ email: `admin@${domain}`, name: 'Administrator', role: Role.ADMIN }];
  if (options.demo) {
    wanted.push(
      { email: `strategist@${domain}`, name: 'Demo Strategist', role: Role.STRATEGIST },
      { email: `analyst@${domain}`, name: 'Demo Analyst', role: Role.ANALYST },
      { email: `executive@${domain}`, name: 'Demo Executive', role: Role.EXECUTIVE },
    );
  }
  const created: CreatedAccount[] = [];
  for (const account of wanted) {
    const { user, password } = await createUser(em, account);
    created.push({ email: user.email, role: user.role, password });
  }
  return created;
}
