import 'reflect-metadata';
import { graphql, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { Authorized, buildSchema, Field, FieldResolver, ObjectType, Query, Resolver, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { declaredGuards, resolveDirectly } from '../../server/resolveDirectly.js';
import { MAP_FIELD_RESOLVERS } from '../../server/modules/analytics/metrics/metrics.resolver.js';
import { MODEL_FIELD_RESOLVERS } from '../../server/modules/journeys/journey.resolver.js';
import { getSchema } from '../../server/schema.js';

/**
 * resolveDirectly hands a field to graphql-js past type-graphql's wrapper, which is what runs @Authorized
 * and middlewares. A field that carries either must be refused when the schema is built, not served
 * without its check.
 */
const noop: MiddlewareFn = (_, next) => next();

@ObjectType()
class DirectProbe {
  @Field(() => String)
  open!: string;

  @Authorized('ADMIN')
  @Field(() => String)
  secret!: string;

  @UseMiddleware(noop)
  @Field(() => String)
  logged!: string;
}

@Resolver(() => DirectProbe)
class DirectProbeResolver {
  @Query(() => DirectProbe)
  directProbe(): DirectProbe {
    return { open: 'o', secret: 's', logged: 'l' };
  }

  @FieldResolver(() => String)
  computed(): string {
    return 'wrapped';
  }

  @Authorized('ADMIN')
  @FieldResolver(() => String)
  guardedMethod(): string {
    return 'wrapped';
  }

  @UseMiddleware(noop)
  @FieldResolver(() => String)
  middlewareMethod(): string {
    return 'wrapped';
  }
}

@ObjectType()
class GuardedByClass {
  @Field(() => String)
  id!: string;
}

@Authorized('ADMIN')
@UseMiddleware(noop)
@Resolver(() => GuardedByClass)
class GuardedByClassResolver {
  @Query(() => GuardedByClass)
  guardedByClass(): GuardedByClass {
    return { id: 'g' };
  }

  @FieldResolver(() => String)
  extra(): string {
    return 'wrapped';
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [DirectProbeResolver, GuardedByClassResolver], authChecker: () => true, validate: false });
});

const direct = () => 'direct';

describe('resolveDirectly refuses a field whose check only type-graphql runs', () => {
  it.each([
    ['DirectProbe', 'secret', '@Authorized on DirectProbe.secret'],
    ['DirectProbe', 'logged', '@UseMiddleware on DirectProbe.logged'],
    ['DirectProbe', 'guardedMethod', '@Authorized on DirectProbeResolver.guardedMethod'],
    ['DirectProbe', 'middlewareMethod', '@UseMiddleware on DirectProbeResolver.middlewareMethod'],
    ['GuardedByClass', 'extra', '@Authorized on class GuardedByClassResolver'],
    ['GuardedByClass', 'extra', '@UseMiddleware on class GuardedByClassResolver'],
  ])('%s.%s: %s', (typeName, fieldName, guard) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`no object type ${typeName}`);
    expect(() => resolveDirectly(schema, { [typeName]: { [fieldName]: direct } })).toThrow(guard);
    // Refused before anything was replaced: the field keeps type-graphql's resolver.
    expect(type.getFields()[fieldName]?.resolve).not.toBe(direct);
  });

  it('refuses every field when buildSchema has global middlewares', () => {
    expect(() => resolveDirectly(schema, { DirectProbe: { open: direct } }, { globalMiddlewares: [noop] })).toThrow('globalMiddlewares in buildSchema');
  });

  it('hands an unguarded field to graphql-js, which then calls it', async () => {
    resolveDirectly(schema, { DirectProbe: { open: direct, computed: direct } });
    const result = await graphql({ schema, source: '{ directProbe { open computed secret } }', contextValue: {} });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ directProbe: { open: 'direct', computed: 'direct', secret: 's' } });
  });

  it('still throws for a field the schema lacks', () => {
    expect(() => resolveDirectly(schema, { DirectProbe: { missing: direct } })).toThrow('no field DirectProbe.missing');
  });
});

describe("the product's directly resolved fields", () => {
  it('carry no authorization or middleware, and the schema builds with them', async () => {
    const named = [...Object.entries(MAP_FIELD_RESOLVERS), ...Object.entries(MODEL_FIELD_RESOLVERS)].flatMap(([type, fields]) => Object.keys(fields).map((f) => [type, f] as const));
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const [type, field] of named) expect(declaredGuards(type, field), `${type}.${field}`).toEqual([]);
    await expect(getSchema()).resolves.toBeDefined();
    // The lookup does see the product's own decorators: Target.progress is a guarded field resolver.
    expect(declaredGuards('Target', 'progress')).toEqual(['@Authorized on TargetProgressResolver.progress']);
    const schemaOfProduct = await getSchema();
    expect(() => resolveDirectly(schemaOfProduct, { Target: { progress: direct } })).toThrow('@Authorized on TargetProgressResolver.progress');
  });
});
