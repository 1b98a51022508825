import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** An enum value in a literal (written bare, not quoted). */
class EnumName {
  constructor(readonly name: string) {}
}
type Value = null | undefined | boolean | number | string | EnumName | Value[] | { [key: string]: Value };

/** GraphQL literal text for a value; NaN and Infinity come out as the invalid tokens they are. */
function literal(value: Value): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof EnumName) return value.name;
  if (typeof value === 'number') return String(value); // NaN and Infinity are syntax errors, on purpose
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')}}`;
}

/** The same value as JSON for variables (enums as strings). */
function json(value: Value): unknown {
  if (value instanceof EnumName) return value.name;
  if (Array.isArray(value)) return value.map(json);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, json(v)]));
  return value;
}

export interface FuzzCase {
  /** What kind of malformation the case carries, for the report. */
  kind: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** For GET: the query string. */
  search?: string;
  /** Send the session cookie. */
  signedIn: boolean;
}

/**
 * Root fields that run a whole analysis (hundreds of ms to seconds each, even on small data): fuzzed
 * too, but picked 1 in 20 as often as the rest, so 10,000 requests stay within a minute or two.
 */
const HEAVY = new Set([
  'initiativeRanking', 'businessCase', 'targets', 'target', 'units', 'personaGaps', 'priorities', 'drivers', 'emotionalDrivers',
  'loyaltyBySatisfaction', 'statusDiagnosis', 'trend', 'emotionCurve', 'compareMetrics', 'followUpLoopMetrics', 'importData',
]);

/** Fields a fuzzer must not call as the signed-in admin: they end or change its own session. */
const SESSION_KILLERS = new Set(['signOut', 'signOutEverywhere', 'changePassword', 'resetPassword', 'updateUser']);

/**
 * Malformed GraphQL requests generated from the schema's root fields and their arguments with a
 * seeded PRNG: case i of seed s is always the same request.
 */
export function graphqlFuzzer(schema: GraphQLSchema, makeRandom: (seed: number) => () => number, realIds: string[]) {
  const roots = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
    Object.values(type.getFields())
      .filter((f) => !SESSION_KILLERS.has(f.name))
      .map((field) => ({ operation: type === schema.getQueryType() ? 'query' : 'mutation', field })),
  );

  return function generate(seed: number, index: number): FuzzCase {
    const random = makeRandom(seed * 1_000_003 + index);
    const int = (n: number) => Math.floor(random() * n);
    const chance = (p: number) => random() < p;
    const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

    const longString = () => pick(['x', 'é', '🙂', "'; DROP TABLE journeys; --", '\u0000', '%s%n', '../../etc/passwd']).repeat(pick([1_000, 50_000, 300_000]));
    const weirdNumber = () => pick([NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, -1, -999_999_999, 0.5, -0.0, 1e-320, 12345678901234567890]);
    const shortString = () => pick(['', ' ', 'NaN', '-1', '1e999', '2025-13-45', '0000-00-00', 'null', 'true', '{}', '[]', '\uFFFF\uD800', 'TP_WEB_QUOTE']);
    const weirdString = () => (chance(0.1) ? longString() : shortString());
    const deepObject = (depth: number): Value => (depth === 0 ? 1 : { a: deepObject(depth - 1), b: [depth] });
    const garbage = (): Value =>
      pick<() => Value>([
        () => weirdNumber(),
        () => weirdString(),
        () => chance(0.5),
        () => null,
        () => [],
        () => Array.from({ length: pick([3, 5_000]) }, () => shortString()),
        () => ({ unknownField: 1 }),
        () => deepObject(pick([3, 30, 200])),
        () => new EnumName(pick(['NOT_AN_ENUM', 'true', 'ADMIN', 'MONTH'])),
      ])();

    /** A value that fits the type (mostly), or with probability `bad` a malformed one. */
    function value(type: GraphQLInputType, bad: number, depth = 0): Value {
      if (chance(bad)) return garbage();
      if (isNonNullType(type)) return value(type.ofType, bad, depth);
      if (chance(0.05)) return null;
      if (isListType(type)) return Array.from({ length: pick([0, 1, 2, 3]) }, () => value(type.ofType, bad, depth + 1));
      if (isEnumType(type)) return new EnumName(pick(type.getValues()).name);
      if (isInputObjectType(type)) {
        const out: Record<string, Value> = {};
        for (const f of Object.values(type.getFields())) {
          if (isNonNullType(f.type) || chance(0.5)) out[f.name] = depth > 4 ? null : value(f.type, bad, depth + 1);
        }
        return out;
      }
      if (isScalarType(type)) {
        switch (type.name) {
          case 'Int':
            return pick([0, 1, 10, 50, 200, -1, 2 ** 31 - 1]);
          case 'Float':
            return pick([0, 0.08, 1.5, -3, 100]);
          case 'Boolean':
            return chance(0.5);
          case 'ID':
            return pick([...realIds, '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '1']);
          case 'DateTimeISO':
            return pick(['2025-01-01T00:00:00Z', '2026-06-30T12:00:00.000Z']);
          case 'JSONObject':
            return pick<Value>([{}, { responseId: 'id' }, { timestampFormat: '%d/%m/%Y' }]);
          default:
            return pick(['2025-01-01', '2025-12-31', 'FAMILY', 'TP_WEB_QUOTE', 'responses.csv', 'x']);
        }
      }
      return null;
    }

    /** A selection set for a type, sometimes nested past the depth limit, with arguments on nested fields. */
    function selection(type: GraphQLNamedType, depth: number, maxDepth: number): string {
      if (isLeafType(type)) return '';
      if (isUnionType(type)) return `{ __typename ${type.getTypes().map((t) => `... on ${t.name} ${selection(t, depth + 1, maxDepth)}`).join(' ')} }`;
      if (!isObjectType(type) && !isInterfaceType(type)) return '';
      const fields = Object.values(type.getFields());
      const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
      const nested = depth < maxDepth ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
      const chosen = [...leaves.filter(() => chance(0.6)), ...nested.filter(() => chance(0.4))];
      if (chosen.length === 0) chosen.push(leaves[0] ?? fields[0]!);
      const parts = chosen.map((f) => {
        const args = f.args.length && chance(0.5) ? argumentsText(f, 0.2).inline : '';
        const sub = selection(getNamedType(f.type), depth + 1, maxDepth);
        if (!isLeafType(getNamedType(f.type)) && !sub) return '__typename';
        return `${f.name}${args} ${sub}`;
      });
      return `{ ${parts.join(' ')} }`;
    }

    /** Arguments as inline literals, plus variable definitions and values for the variables form. */
    function argumentsText(field: GraphQLField<unknown, unknown>, bad: number) {
      const args: GraphQLArgument[] = field.args.filter((a) => isNonNullType(a.type) ? !chance(0.03) : chance(0.6));
      const values = args.map((a) => [a, value(a.type, bad)] as const);
      if (chance(0.05)) values.push([{ name: 'unknownArgument', type: field.args[0]?.type } as GraphQLArgument, garbage()]);
      const inline = values.length ? `(${values.map(([a, v]) => `${a.name}: ${literal(v)}`).join(', ')})` : '';
      const definitions = values.map(([a], i) => `$v${i}: ${chance(0.05) ? 'String' : String(a.type ?? 'String')}`).join(', ');
      const call = values.length ? `(${values.map(([a], i) => `${a.name}: $v${i}`).join(', ')})` : '';
      const variables = Object.fromEntries(values.map(([, v], i) => [`v${i}`, json(v)]));
      return { inline, definitions, call, variables };
    }

    const jsonHeaders = { 'content-type': 'application/json' };
    const post = (kind: string, body: unknown, signedIn = true): FuzzCase => ({ kind, method: 'POST', headers: jsonHeaders, body: typeof body === 'string' ? body : JSON.stringify(body), signedIn });

    const r = random();
    if (r < 0.12) {
      // Transport-level garbage: bad JSON, wrong content types, odd shapes, GETs.
      const q = '{ journeys { id } }';
      return pick<() => FuzzCase>([
        () => post('bad JSON', pick(['{', '{"query": ', '{"query": "{ journeys { id } }", "variables": {"a": NaN}}', '\u0000\u0001', 'null', '[]', '"just a string"', '{"query": 1}', '{"query": "{ me { email } }", "variables": "x"}', '{"query": ["a"]}'])),
        () => post('batch', [{ query: q }, { query: q }]),
        () => ({ kind: 'wrong content type', method: 'POST', headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/graphql']) }, body: JSON.stringify({ query: q }), signedIn: true }),
        () => ({ kind: 'no content type', method: 'POST', headers: {}, body: JSON.stringify({ query: q }), signedIn: true }),
        () => ({ kind: 'GET', method: 'GET', headers: pick<Record<string, string>>([{}, { 'apollo-require-preflight': 'true' }]), search: `?query=${encodeURIComponent(pick([q, 'mutation { signOut }', '{', '{ __schema { types { name } } }']))}`, signedIn: true }),
        () => post('binary body', Buffer.from(Array.from({ length: 200 }, () => int(256))).toString('latin1')),
        () => post('deep nesting', { query: `{ ${'journeys { phases { journey '.repeat(pick([20, 400]))} id ${'} } }'.repeat(pick([20, 400]))} }` }),
        () => post('many aliases', { query: `{ ${Array.from({ length: pick([20, 2_000]) }, (_, i) => `a${i}: me { email }`).join(' ')} }` }),
        () => post('long query', { query: `{ me { email } } # ${longString()}` }),
        () => post('unknown field', { query: `{ ${weirdString().replace(/[^A-Za-z_]/g, '') || 'x'} }` }),
        () => post('anonymous', { query: q }, false),
      ])();
    }

    let { operation, field } = pick(roots);
    while (HEAVY.has(field.name) && !chance(0.05)) ({ operation, field } = pick(roots));
    const bad = pick([0, 0.3, 0.7, 1]);
    const maxDepth = pick([2, 3, 6, 14]);
    const sub = selection(getNamedType(field.type), 1, maxDepth);
    const args = argumentsText(field, bad);
    const signedIn = !chance(0.05);
    if (chance(0.5)) {
      return post(`${field.name} inline (bad ${bad}, depth ${maxDepth})`, { query: `${operation} { ${field.name}${args.inline} ${sub} }` }, signedIn);
    }
    const definitions = args.definitions ? `(${args.definitions})` : '';
    return post(`${field.name} variables (bad ${bad}, depth ${maxDepth})`, { query: `${operation} F${definitions} { ${field.name}${args.call} ${sub} }`, variables: args.variables }, signedIn);
  };
}
