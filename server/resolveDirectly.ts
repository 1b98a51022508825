import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import type { Context } from './context.js';

/**
 * A field resolver of some object type: declared as a method so that TypeScript compares its source and
 * arguments both ways, as a resolver for Journey must fit the schema's resolver of any source.
 */
export type FieldResolver = { resolve(source: unknown, args: unknown, context: Context, info: GraphQLResolveInfo): unknown }['resolve'];

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
/** A class as type-graphql's metadata records it (its `target`). */
type Target = MetadataStorage['objectTypes'][number]['target'];

/** The class itself or a class it extends: decorators on a base class apply to its subclasses. */
const sameOrBase = (base: Target, cls: Target) => base === cls || Object.prototype.isPrototypeOf.call(base, cls);

/**
 * The type-graphql guards declared for one schema field, in words: `@Authorized` and `@UseMiddleware` on
 * the field or its resolver method, or on the resolver class around it. type-graphql applies them in its
 * wrapper; a field resolved directly would skip them silently.
 */
export function declaredGuards(typeName: string, fieldName: string, storage: MetadataStorage = getMetadataStorage()): string[] {
  const classes = storage.objectTypes.filter((o) => o.name === typeName).map((o) => o.target);
  const declaredOn = (owner: Target | undefined) => owner !== undefined && classes.some((cls) => sameOrBase(owner, cls));
  /** Where the field is declared: a @Field on the type (or a base) or a @FieldResolver for it. */
  const places: { target: Target; member: string }[] = [
    ...storage.fields.filter((f) => f.schemaName === fieldName && declaredOn(f.target)).map((f) => ({ target: f.target, member: f.name })),
    ...storage.fieldResolvers
      .filter((r) => r.schemaName === fieldName)
      .filter((r) => declaredOn(r.kind === 'internal' ? r.target : storage.resolverClasses.find((c) => c.target === r.target)?.getObjectType()))
      .map((r) => ({ target: r.target, member: r.methodName })),
  ];
  const guards: string[] = [];
  for (const { target, member } of places) {
    const on = (t: Target, m: string) => sameOrBase(t, target) && m === member;
    if (storage.authorizedFields.some((a) => on(a.target, a.fieldName))) guards.push(`@Authorized on ${target.name}.${member}`);
    if (storage.middlewares.some((m) => on(m.target, m.fieldName))) guards.push(`@UseMiddleware on ${target.name}.${member}`);
    if (storage.authorizedResolver.some((a) => sameOrBase(a.target, target))) guards.push(`@Authorized on class ${target.name}`);
    if (storage.resolverMiddlewares.some((m) => sameOrBase(m.target, target))) guards.push(`@UseMiddleware on class ${target.name}`);
  }
  return guards;
}

/**
 * Fields whose resolver graphql-js calls directly instead of type-graphql's wrapper: the map's hundreds
 * of metrics and department fields (why: MAP_FIELD_RESOLVERS, MODEL_FIELD_RESOLVERS). The schema (types,
 * arguments, descriptions) stays what the decorators declare. It throws when the schema is built for a
 * field named here that the schema lacks, and for one that carries an authorization check or a middleware
 * (on the field, its resolver class, or every field through the build options): the wrapper is what runs
 * those, so bypassing it would drop a check without a word.
 */
export function resolveDirectly(
  schema: GraphQLSchema,
  resolvers: Record<string, Record<string, FieldResolver>>,
  options: Pick<BuildSchemaOptions, 'globalMiddlewares'> = {},
  storage: MetadataStorage = getMetadataStorage(),
): void {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`resolveDirectly: no object type ${typeName} in the schema`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`resolveDirectly: no field ${typeName}.${fieldName} in the schema`);
      const guards = [...declaredGuards(typeName, fieldName, storage), ...(options.globalMiddlewares?.length ? ['globalMiddlewares in buildSchema'] : [])];
      if (guards.length > 0) {
        throw new Error(`resolveDirectly: ${typeName}.${fieldName} has ${guards.join(', ')}, which only type-graphql's resolver runs; resolve it through type-graphql instead`);
      }
      field.resolve = resolve;
    }
  }
}
