import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLInputType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../server/schema.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

/** Root fields anyone may call: signing in and out, and asking who you are. */
const PUBLIC = new Set(['Query.me', 'Query.signInOptions', 'Mutation.signIn', 'Mutation.signOut']);
const ROLES = [Role.ADMIN, Role.STRATEGIST, Role.ANALYST, Role.EXECUTIVE];

/** The roles each root field allows, read from the @Authorized metadata (an empty list = any signed-in user). */
function rulesByField(): Map<string, Role[]> {
  const storage = getMetadataStorage();
  const rules = new Map<string, Role[]>();
  for (const [kind, list] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
  ] as const) {
    for (const handler of list) {
      const auth = storage.authorizedFields.find((a) => a.target === handler.target && a.fieldName === handler.methodName);
      if (auth) rules.set(`${kind}.${handler.schemaName}`, auth.roles.length ? (auth.roles as Role[]) : ROLES);
    }
  }
  return rules;
}

/** A literal that passes GraphQL validation for a required argument (the resolver may still refuse it). */
function literal(type: GraphQLInputType): string {
  const inner = getNullableType(type);
  if (isListType(inner)) return `[${literal(inner.ofType)}]`;
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    const required = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'ID':
        return '"00000000-0000-4000-8000-000000000000"';
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'false';
      case 'DateTimeISO':
        return '"2025-01-01T00:00:00.000Z"';
      case 'JSONObject':
        return '{}';
      default:
        return '"x@example.com"';
    }
  }
  throw new Error(`No literal for ${String(type)}`);
}

function operationFor(kind: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${literal(a.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? '{ __typename }' : '';
  return `${kind === 'Query' ? 'query' : 'mutation'} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
}

let app: TestApp;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => app?.close());

/** Object types holding one customer's data say so in their description ("Personal data: ..."). */
function reachesPersonalData(type: GraphQLNamedType, seen = new Set<string>()): boolean {
  if (!isObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  if (type.description?.startsWith('Personal data')) return true;
  return Object.values(type.getFields()).some((f) => reachesPersonalData(getNamedType(f.type), seen));
}

describe('authorisation matrix generated from the schema', () => {
  it('no root field lets an EXECUTIVE reach a type marked as personal data', async () => {
    const schema = await getSchema();
    const rules = rulesByField();
    const personal = (['Query', 'Mutation'] as const).flatMap((kind) =>
      Object.values((kind === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields())
        .filter((f) => reachesPersonalData(getNamedType(f.type)))
        .map((f) => `${kind}.${f.name}`),
    );
    expect(personal.length).toBeGreaterThan(0);
    const tooWide = personal.filter((f) => (rules.get(f) ?? ROLES).includes(Role.EXECUTIVE));
    console.log(`Root fields reaching personal data: ${personal.join(', ')}`);
    expect(tooWide, 'these fields let an EXECUTIVE read personal data').toEqual([]);
  });

  it('every root field has a rule or is deliberately public', async () => {
    const schema = await getSchema();
    const rules = rulesByField();
    const fields = (['Query', 'Mutation'] as const).flatMap((kind) =>
      Object.keys((kind === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()).map((name) => `${kind}.${name}`),
    );
    const missing = fields.filter((f) => !rules.has(f) && !PUBLIC.has(f));
    expect(missing, 'root fields without @Authorized(rule): add a rule in server/auth/rules.ts').toEqual([]);
  });

  it('each role gets FORBIDDEN exactly where its rule says, anonymous callers UNAUTHENTICATED, with no data', async () => {
    const schema = await getSchema();
    const rules = rulesByField();
    const mismatches: string[] = [];
    let cells = 0;
    for (const kind of ['Query', 'Mutation'] as const) {
      const root = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(root.getFields())) {
        const key = `${kind}.${field.name}`;
        if (PUBLIC.has(key)) continue;
        const allowed = rules.get(key) ?? [];
        const operation = operationFor(kind, field);
        for (const role of [...ROLES, null]) {
          cells++;
          const result = await app.gql(operation, {}, role);
          const got = codes(result);
          const expected = role === null ? 'UNAUTHENTICATED' : allowed.includes(role) ? 'ALLOWED' : 'FORBIDDEN';
          const actual = got.includes('UNAUTHENTICATED') ? 'UNAUTHENTICATED' : got.includes('FORBIDDEN') ? 'FORBIDDEN' : 'ALLOWED';
          if (actual !== expected) mismatches.push(`${key} as ${role ?? 'anonymous'}: expected ${expected}, got ${actual} ${JSON.stringify(got)}`);
          if (actual !== 'ALLOWED' && result.data && result.data[field.name] != null) mismatches.push(`${key} as ${role}: denied but returned data`);
        }
      }
    }
    console.log(`Authorisation matrix: ${cells} cells (${cells / 5} root fields x 4 roles + anonymous)`);
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThan(100);
  });

  it('a STRATEGIST edits the journey model; an EXECUTIVE and an ANALYST may only read it', async () => {
    const create = `mutation { createJourney(input: { name: "Edited by role" }) { id } }`;
    expect(codes(await app.gql(create, {}, Role.STRATEGIST))).toEqual([]);
    expect(codes(await app.gql(create, {}, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(create, {}, Role.ANALYST))).toEqual(['FORBIDDEN']);
    const { journeys } = await app.ok(`{ journeys { name } }`, {}, Role.EXECUTIVE);
    expect(journeys.map((j: any) => j.name)).toContain('Edited by role');
  });

  it('names the role and the field in a denial', async () => {
    const result = await app.gql(`{ users { email } }`, {}, Role.ANALYST);
    expect(result.errors![0]!.message).toBe('Your role ANALYST may not read or change Query.users.');
    expect(result.data).toBeNull();
  });

  it('audits denied requests', async () => {
    await app.gql(`{ users { email } }`, {}, Role.EXECUTIVE);
    const rows = await app.orm.em.fork().getConnection().execute(`select detail from audit_event where action = 'DENIED'`);
    expect(rows.some((r: any) => r.detail.codes.includes('FORBIDDEN'))).toBe(true);
  });
});
