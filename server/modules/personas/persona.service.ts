import type { EntityManager } from '@mikro-orm/postgresql';
import { countPersonaCustomers } from '../../../analytics/queries/customers/countPersonaCustomers.js';
import type { Store } from '../../../analytics/store.js';
import { AppError } from '../../common/errors.js';
import { findOrNotFound } from '../../common/loaders.js';
import { Persona } from './persona.entity.js';
import type { PersonaInput } from './persona.input.js';

/** In inputs, an absent field (undefined) means "leave unchanged". */
const KEEP_UNSET = { ignoreUndefined: true } as const;

/** Personas: the customer groups journeys and figures are cut by. */
export class PersonaService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: Store,
  ) {}

  list(): Promise<Persona[]> {
    return this.em.find(Persona, {}, { orderBy: { name: 'asc' } });
  }

  get(id: string): Promise<Persona> {
    return findOrNotFound(this.em, Persona, 'Persona', id);
  }

  /** Customers in the customer data whose persona code is exactly this one (0: the code does not occur). */
  codeCustomers(code: string): Promise<number> {
    return countPersonaCustomers(this.store, code);
  }

  async create(input: PersonaInput): Promise<Persona> {
    const { name, code, ...rest } = input;
    if (!name || !code) {
      throw new AppError('BAD_USER_INPUT', 'A new persona needs name and code.', { reason: 'MISSING_FIELDS', fields: ['name', 'code'] });
    }
    const persona = this.em.assign(this.em.create(Persona, { name, code }), rest, KEEP_UNSET);
    await this.em.flush();
    return persona;
  }

  async update(id: string, input: PersonaInput): Promise<Persona> {
    const persona = this.em.assign(await this.get(id), input, KEEP_UNSET);
    await this.em.flush();
    return persona;
  }

  /** Journeys for the persona become journeys for all customers. */
  async delete(id: string): Promise<string> {
    await this.em.remove(await this.get(id)).flush();
    return id;
  }
}
