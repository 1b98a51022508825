import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/errors.js';
import { findOrNotFound } from '../../common/loaders.js';
import { Department } from './department.entity.js';
import type { DepartmentInput } from './department.input.js';

/** Departments: who owns touchpoints, initiatives and follow-up cases. */
export class DepartmentService {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<Department[]> {
    return this.em.find(Department, {}, { orderBy: { name: 'asc' } });
  }

  async create(input: DepartmentInput): Promise<Department> {
    if (!input.name) throw new AppError('BAD_USER_INPUT', 'A new department needs a name.', { reason: 'MISSING_FIELDS', fields: ['name'] });
    const department = this.em.create(Department, { name: input.name, description: input.description ?? '' });
    await this.em.flush();
    return department;
  }

  async update(id: string, input: DepartmentInput): Promise<Department> {
    const department = this.em.assign(await findOrNotFound(this.em, Department, 'Department', id), input, { ignoreUndefined: true });
    await this.em.flush();
    return department;
  }

  /** Its touchpoints and initiatives keep existing without an owner. */
  async delete(id: string): Promise<string> {
    await this.em.remove(await findOrNotFound(this.em, Department, 'Department', id)).flush();
    return id;
  }
}
