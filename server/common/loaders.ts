import { Reference, type AnyEntity, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from './errors.js';

/**
 * Loads a many-to-one reference through MikroORM's dataloader (config `dataloader: ALL`), so all
 * references resolved in one GraphQL tick become one `where id in (...)` query.
 */
export async function loadRef<T extends AnyEntity>(entity: T | undefined | null): Promise<T | null> {
  if (!entity) return null;
  await Reference.create(entity).load({ dataloader: true });
  return entity;
}

/** Finds an entity by id or throws NOT_FOUND naming it, e.g. "Persona 123 does not exist". */
export async function findOrNotFound<T extends object>(em: EntityManager, entity: EntityName<T>, name: string, id: string): Promise<T> {
  const found = await em.findOne(entity, { id } as FilterQuery<T>);
  if (!found) throw notFound(name, id);
  return found;
}

/** For optional references in inputs: undefined = leave unchanged, null = clear, id = look it up. */
export async function resolveRef<T extends object>(em: EntityManager, entity: EntityName<T>, name: string, id: string | null | undefined): Promise<T | undefined | null> {
  if (id === undefined) return undefined;
  if (id === null) return null;
  return findOrNotFound(em, entity, name, id);
}
