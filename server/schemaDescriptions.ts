/**
 * Schema documentation checks: the schema is the API's manual (GraphiQL shows it), so every type,
 * field, argument and enum value needs a description that stands on its own.
 */
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLSchema } from 'graphql';

export interface DescribedItem {
  /** `Type`, `Type.field`, `Type.field(arg)` or `Enum.VALUE`. */
  path: string;
  description: string | null;
}

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** Every documentable item of the schema's own types (built-in scalars and introspection types left out). */
export function describedItems(schema: GraphQLSchema): DescribedItem[] {
  const items: DescribedItem[] = [];
  const add = (path: string, description: string | null | undefined) => items.push({ path, description: description?.trim() ? description : null });
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || BUILT_IN.has(type.name)) continue;
    add(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.description);
        if ('args' in field) for (const arg of field.args) add(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.description);
    } else if (!isScalarType(type) && !isUnionType(type)) {
      continue;
    }
  }
  return items.sort((a, b) => a.path.localeCompare(b.path));
}

export const missingDescriptions = (schema: GraphQLSchema): string[] => describedItems(schema).filter((i) => i.description === null).map((i) => i.path);

/** Phrases that send the reader to a document they do not have: research notes, product briefs, issue threads. */
const OUTSIDE = [/\bsources? `?\d{3}\b/gi, /\b(?:PRODUCT|STACK|CONVENTIONS)\.md\b/g, /\bissue #?\d+\b/gi, /\(`?\d{3}`?[,)]/g];

export function outsideReferences(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const item of describedItems(schema)) {
    if (!item.description) continue;
    for (const pattern of OUTSIDE) for (const m of item.description.matchAll(pattern)) found.push(`${item.path}: "${m[0]}"`);
  }
  return [...new Set(found)];
}

/** Share of items with a description, 0..1. */
export function descriptionCoverage(schema: GraphQLSchema): number {
  const items = describedItems(schema);
  return items.length ? items.filter((i) => i.description !== null).length / items.length : 1;
}

/**
 * Fills descriptions the resolvers left out from a map of `Type`, `Type.field`, `Type.field(arg)` and
 * `Enum.VALUE` to text (server/docs/schemaDocs.ts). A description already in the schema is kept.
 * Returns the keys that name nothing in the schema, so a test can catch entries left behind by renames.
 */
export function applyDescriptions(schema: GraphQLSchema, docs: Readonly<Record<string, string>>): string[] {
  const used = new Set<string>();
  const fill = (key: string, target: { description?: string | null | undefined }) => {
    const text = docs[key];
    if (text === undefined) return;
    used.add(key);
    if (!target.description?.trim()) target.description = text;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || BUILT_IN.has(type.name)) continue;
    fill(type.name, type);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        fill(`${type.name}.${field.name}`, field);
        if ('args' in field) for (const arg of field.args) fill(`${type.name}.${field.name}(${arg.name})`, arg);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) fill(`${type.name}.${value.name}`, value);
    }
  }
  return Object.keys(docs).filter((key) => !used.has(key));
}
