import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../server/emitSchema.js';
import { describedItems, missingDescriptions, outsideReferences } from '../../server/schemaDescriptions.js';
import { buildSchema } from 'graphql';

const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));

describe('server/schema.graphql describes itself', () => {
  it('every type, field, argument and enum value has a description', () => {
    const items = describedItems(schema);
    // A real schema has hundreds of items; an empty walk would pass vacuously.
    expect(items.length).toBeGreaterThan(500);
    expect(missingDescriptions(schema)).toEqual([]);
  });

  it('no description points at a document outside the repository', () => {
    expect(outsideReferences(schema)).toEqual([]);
  });

  it('finds a missing description and an outside reference in a small schema', () => {
    const small = buildSchema(`
      "A thing." type Query { "The thing." thing(id: ID): Thing }
      type Thing { "Named in source 004, see PRODUCT.md." name: String size: Int }
    `);
    expect(missingDescriptions(small)).toEqual(['Query.thing(id)', 'Thing', 'Thing.size']);
    expect(outsideReferences(small)).toEqual(['Thing.name: "source 004"', 'Thing.name: "PRODUCT.md"']);
  });
});

describe('server/docs/schemaDocs.ts', () => {
  it('names only items the schema has (an entry left behind by a rename fails here)', async () => {
    const { SCHEMA_DOCS } = await import('../../server/docs/schemaDocs.js');
    const { applyDescriptions } = await import('../../server/schemaDescriptions.js');
    expect(applyDescriptions(buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8')), SCHEMA_DOCS)).toEqual([]);
  });

  it('fills a missing description and keeps one the resolver wrote', async () => {
    const { applyDescriptions } = await import('../../server/schemaDescriptions.js');
    const small = buildSchema('type Query { "Own words." a: Int b(x: Int): Int }');
    const unknown = applyDescriptions(small, { 'Query.a': 'Map words.', 'Query.b': 'B.', 'Query.b(x)': 'X.', 'Query.gone': 'Old.' });
    const fields = small.getQueryType()?.getFields();
    expect([fields?.a?.description, fields?.b?.description, fields?.b?.args[0]?.description]).toEqual(['Own words.', 'B.', 'X.']);
    expect(unknown).toEqual(['Query.gone']);
  });
});
