import { listUnits } from '../../../analytics/queries/units/listUnits.js';
import { deleteUnit, saveUnit } from '../../../analytics/queries/units/saveUnit.js';
import { audit } from '../../auth/auth.service.js';
import { AppError } from '../../common/errors.js';
import { requireCaller, type Context } from '../../context.js';
import type { UnitInput, UnitType } from './unit.types.js';

/** Units live in the analytics store (dim_units) beside the customer data that names them; changes are audited. */
export class UnitService {
  constructor(private readonly ctx: Context) {}

  list(): Promise<UnitType[]> {
    return listUnits(this.ctx.deps.analytics);
  }

  async save(input: UnitInput): Promise<UnitType> {
    const name = input.name.trim();
    if (!name) throw new AppError('BAD_USER_INPUT', 'name is empty: give the unit a name.', { reason: 'INVALID_FIELD', field: 'name' });
    await saveUnit(this.ctx.deps.analytics, { code: input.code, name });
    audit(this.ctx.em, 'UNIT_SAVED', requireCaller(this.ctx).id, { code: input.code, name });
    await this.ctx.em.flush();
    const saved = (await this.list()).find((u) => u.code === input.code);
    return saved ?? { code: input.code, name, customers: 0 };
  }

  /** Only a unit no customer belongs to (CONFLICT otherwise: rename it instead). */
  async delete(code: string): Promise<string> {
    const unit = (await this.list()).find((u) => u.code === code);
    if (!unit) throw new AppError('NOT_FOUND', `Unit ${code} does not exist. Pick one from the list of units.`, { reason: 'UNIT_NOT_FOUND', field: 'code' });
    if (unit.customers > 0) {
      throw new AppError('CONFLICT', `Unit ${code} has ${unit.customers} customers in the data; it can be renamed, not deleted.`, { reason: 'IN_USE', field: 'code' });
    }
    await deleteUnit(this.ctx.deps.analytics, code);
    audit(this.ctx.em, 'UNIT_DELETED', requireCaller(this.ctx).id, { code });
    await this.ctx.em.flush();
    return code;
  }
}
