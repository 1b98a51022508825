import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ImportKind } from '../../../analytics/import/kinds.js';
import type { ImportMode } from '../../../analytics/import/importFile.js';

export const ImportKindEnum = {
  CUSTOMERS: 'customers',
  RESPONSES: 'responses',
  PROFITABILITY: 'profitability',
  UNIT_METRICS: 'unit_metrics',
  TOUCHPOINT_KPIS: 'touchpoint_kpis',
  UNITS: 'units',
} as const satisfies Record<Uppercase<ImportKind>, ImportKind>;

export const ImportModeEnum = { APPEND: 'append', REPLACE: 'replace' } as const satisfies Record<Uppercase<ImportMode>, ImportMode>;

registerEnumType(ImportKindEnum, {
  name: 'ImportKind',
  description: 'Which table a file fills: the fact tables of the analytics store, or UNITS (branches: unit_code, name).',
});
registerEnumType(ImportModeEnum, {
  name: 'ImportMode',
  description: 'APPEND adds rows (ids already in the store are refused); REPLACE replaces the whole table with the file.',
});

@ObjectType('ImportResult', { description: 'A finished import: everything in the file was written in one transaction.' })
export class ImportResultType {
  @Field(() => ImportKindEnum)
  kind!: ImportKind;

  @Field(() => ImportModeEnum)
  mode!: ImportMode;

  @Field(() => String, { description: 'The staged file, as named in the request.' })
  stagedFile!: string;

  @Field(() => Int, { description: 'Rows written (a wide survey file writes one response per touchpoint answered).' })
  rows!: number;

  @Field(() => Int, { description: 'Data rows in the file.' })
  sourceRows!: number;

  @Field(() => Float)
  seconds!: number;

  @Field(() => Float)
  rowsPerSecond!: number;

  @Field(() => [String], { description: 'Columns of the file that no field reads (check the mapping if one should have been).' })
  ignoredColumns!: string[];
}
