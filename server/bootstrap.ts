import type { EntityManager } from '@mikro-orm/postgresql';
import { Department } from './modules/departments/department.entity.js';
import { User } from './modules/users/user.entity.js';
import { Role } from './modules/users/user.enums.js';
import { createUser } from './modules/users/user.service.js';

export interface CreatedAccount {
  email: string;
  role: Role;
  password: string;
  /** The department whose follow-up queue the user works, if any. */
  department: string | null;
}

/**
 * First start: no default passwords. Creates an ADMIN (and, for the demo company, one user per role)
 * with generated passwords that are returned once for printing, never stored in clear or logged.
 * `departments` names the department of a demo role (its follow-up queue); a name the model does not
 * have (the model is not the demo company) leaves that user without one.
 */
export async function createFirstUsers(
  em: EntityManager,
  options: { demo: boolean; departments?: Partial<Record<Role, string>>; domain?: string },
): Promise<CreatedAccount[]> {
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
  const names = Object.values(options.departments ?? {});
  const departments = names.length ? await em.find(Department, { name: { $in: names } }) : [];
  const departmentOf = (role: Role) => departments.find((d) => d.name === options.departments?.[role])?.id ?? null;
  const created: CreatedAccount[] = [];
  for (const account of wanted) {
    const { user, password } = await createUser(em, { ...account, departmentId: options.demo ? departmentOf(account.role) : null });
    created.push({ email: user.email, role: user.role, password, department: user.department?.name ?? null });
  }
  return created;
}
