/**
 * The analytics catalogue (server/modules/analytics/catalogue.ts) stays true: every example is a valid
 * query of the committed schema, every field exists, every service method and named query exists.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isObjectType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../analytics/paths.js';
import { AnalyticsService } from '../../server/modules/analytics/analytics.service.js';
import { CATALOGUE, FILTER_CUTS, METRICS_GROUPINGS } from '../../server/modules/analytics/catalogue.js';

const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'server/schema.graphql'), 'utf8'));

describe('analytics catalogue', () => {
  it('lists each figure once, by name', () => {
    const names = CATALOGUE.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('NPS');
  });

  it.each(CATALOGUE.map((e) => [e.name, e] as const))('%s: its field exists and its example is a valid query of the schema', (_, entry) => {
    const [typeName, fieldName] = entry.field.split('.');
    const type = schema.getType(typeName!);
    expect(isObjectType(type) && type.getFields()[fieldName!]).toBeTruthy();
    const errors = validate(schema, parse(`query Example { ${entry.example} }`));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each(CATALOGUE.map((e) => [e.name, e] as const))('%s: its service method and its named query exist', async (_, entry) => {
    const service = Object.getPrototypeOf(new AnalyticsService({ deps: {} } as never)[entry.service.topic]);
    expect(typeof service[entry.service.method]).toBe('function');
    const query = await import(path.join(ROOT, entry.query.file));
    expect(typeof query[entry.query.fn]).toBe('function');
    for (const stat of entry.stats) expect(fs.existsSync(path.join(ROOT, stat.split(' ')[0]!))).toBe(true);
  });

  it('names only cuts the filter input and the metrics groupings have', () => {
    const filterType = schema.getType('AnalyticsFilterInput');
    const dims = schema.getType('MetricsDimension');
    if (!isInputObjectType(filterType) || !isEnumType(dims)) throw new Error('AnalyticsFilterInput or MetricsDimension changed kind');
    const filterFields = Object.keys(filterType.getFields());
    expect([...FILTER_CUTS].sort()).toEqual(filterFields.filter((f) => (FILTER_CUTS as readonly string[]).includes(f)).sort());
    for (const f of FILTER_CUTS) expect(filterFields).toContain(f);
    expect([...METRICS_GROUPINGS].sort()).toEqual(dims.getValues().map((v) => v.name).sort());
    const known = new Set<string>([...FILTER_CUTS, ...METRICS_GROUPINGS.map((g) => `groupBy ${g}`)]);
    for (const entry of CATALOGUE) for (const cut of entry.cuts) expect(known.has(cut), `${entry.name}: ${cut}`).toBe(true);
  });
});
