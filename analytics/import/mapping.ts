import fs from 'node:fs/promises';
import { z } from 'zod';
import { ImportError } from './errors.js';
import { KINDS, RATING_FIELDS, type ImportKind } from './kinds.js';

/** Fields a wide (one row per respondent) export can carry per touchpoint. */
export const ANSWER_FIELDS = ['ltr', ...RATING_FIELDS, 'effort', 'comment'] as const;
export const TOUCHPOINT_PLACEHOLDER = '{touchpoint}';

const text = z.string().min(1);
/** A value a mapping writes into a field: text or a number; null (value maps, derived) = no answer. */
const target = z.union([z.string(), z.number()]);

const columnsSchema = z.record(text, text).default({});
const constantsSchema = z.record(text, target).default({});
const columnMissingSchema = z.record(text, z.array(z.string())).default({});
const valueMapsSchema = z.record(text, z.record(z.string(), target.nullable())).default({});
const derivedSchema = z
  .record(
    text,
    z
      .object({
        cases: z.array(z.object({ when: z.record(text, z.string()), value: target }).strict()).min(1),
        default: target.nullable().optional(),
      })
      .strict(),
  )
  .default({});

/**
 * Responses only: the customers the same file describes (one row per answer carrying the customer's id and
 * attributes). Customers not yet in the store are created from their rows, existing ones are left as
 * they are; rows of one customer that disagree are a problem. The file-level keys (headerRows, sheet, csv,
 * missingValues, dateFormat, decimalSeparator, skipUnfinished) are the responses mapping's; customer_id
 * is read as the responses read it unless said here.
 */
const customersSchema = z
  .object({ columns: columnsSchema, constants: constantsSchema, derived: derivedSchema, columnMissingValues: columnMissingSchema, valueMaps: valueMapsSchema })
  .strict();

/**
 * The one mapping format: the import wizard writes it, `npm run import -- --mapping file.json` reads it,
 * importData / dryRunImport take it, saved mappings store it. analytics/import/README.md describes it.
 * Keys that name source columns match case-insensitively; a key with {touchpoint} matches every column
 * the pattern matches (as in `wide`).
 */
export const MappingSchema = z
  .object({
    format: z.enum(['long', 'wide']).default('long'),
    /** Header rows before the data: 1 (default), 3 for Qualtrics exports (field ids, question text, ImportId JSON). The first names the columns. */
    headerRows: z.number().int().min(1).max(10).default(1),
    /** Excel (.xlsx): the sheet to read; default the first. */
    sheet: text.optional(),
    columns: columnsSchema,
    wide: z.record(text, z.union([text, z.object({ touchpoint: text, field: text }).strict()])).default({}),
    constants: constantsSchema,
    /** Codes that mean "no answer" in every column (compared trimmed, case-insensitive), e.g. ["N/A", "Ved ikke"]. */
    missingValues: z.array(z.string()).default([]),
    /** Codes that mean "no answer" in one column (or every column a {touchpoint} pattern matches), e.g. { "Seat comfort": ["0"] }. */
    columnMissingValues: columnMissingSchema,
    /** Per column: source text → value (trimmed, case-insensitive); null = no answer. { "satisfaction": { "satisfied": 10, "neutral or dissatisfied": 0 } } */
    valueMaps: valueMapsSchema,
    /** Fields computed from one or more columns: the first case whose `when` matches every named column wins, else `default` (none = no value). */
    derived: derivedSchema,
    /** Responses: create the customers the file describes, in the same import (see customersSchema). */
    customers: customersSchema.optional(),
    /** Skip rows whose `finishedColumn` is not 1/true (Qualtrics' Finished), instead of importing partial answers. */
    skipUnfinished: z.boolean().default(false),
    finishedColumn: text.default('Finished'),
    /**
     * What the ltr of relationship answers (the overall question) measures: "ltr" (0-10 likelihood to recommend,
     * default), "binary" (two levels mapped to 0 and 10) or "rating" (a 1-5 overall rating mapped linearly onto 0-10).
     * Stored with the data (store_meta.outcome_scale) so analyses can say what the outcome is.
     */
    outcome: z.enum(['ltr', 'binary', 'rating']).optional(),
    dateFormat: text.optional(),
    timestampFormat: text.optional(),
    decimalSeparator: z.enum(['.', ',']).default('.'),
    csv: z
      .object({
        delimiter: z.string().length(1).optional(),
        quote: z.string().length(1).default('"'),
        /** Default: UTF-8, or UTF-16 when the file starts with its byte-order mark. */
        encoding: z.enum(['utf-8', 'utf-16', 'latin-1']).optional(),
      })
      .strict()
      .default({ quote: '"' }),
  })
  .strict();

/** How a source file maps onto a kind's fields (analytics/import/README.md). */
export type Mapping = z.infer<typeof MappingSchema>;
export type MappingInput = z.input<typeof MappingSchema>;

/** The mapping used when none is given: columns named as the fields, ISO dates, comma-separated UTF-8. */
export const DEFAULT_MAPPING: Mapping = MappingSchema.parse({});

/** Validates a mapping object for a kind; throws an IMPORT_BAD_MAPPING ImportError naming each mistake. */
export function parseMapping(input: unknown, kind: ImportKind, source = 'mapping'): Mapping {
  const parsed = MappingSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${[source, ...issue.path.map(String)].join('.')}: ${issue.message}`);
    throw mappingError(lines);
  }
  const mapping = parsed.data;
  const fields = KINDS[kind].fields.map((f) => f.name);
  const problems: string[] = [];
  const known = (field: string, where: string) => {
    if (!fields.includes(field)) problems.push(`${where}: "${field}" is not a ${kind} field; the fields are ${fields.join(', ')}.`);
  };
  for (const [column, field] of Object.entries(mapping.columns)) known(field, `${source}.columns["${column}"]`);
  for (const field of Object.keys(mapping.constants)) known(field, `${source}.constants["${field}"]`);
  for (const field of Object.keys(mapping.derived)) {
    known(field, `${source}.derived["${field}"]`);
    if (Object.values(mapping.columns).includes(field)) problems.push(`${source}.derived["${field}"]: ${field} is also read from a column in ${source}.columns; keep one.`);
    if (field in mapping.constants) problems.push(`${source}.derived["${field}"]: ${field} also has a constant; keep one.`);
  }
  if (mapping.customers) {
    if (kind !== 'responses') problems.push(`${source}.customers: only for responses (customers described by the answers' rows); import customers with their own mapping.`);
    else {
      try {
        customersMapping(mapping, source);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        problems.push(...error.message.split('\n').slice(1, -1).map((line) => line.trim()));
      }
    }
  }
  if (mapping.format === 'wide' && kind !== 'responses') problems.push(`${source}.format: "wide" is for responses only; ${kind} files have one row per record.`);
  if (mapping.format === 'long' && Object.keys(mapping.wide).length > 0) problems.push(`${source}.wide: only used with "format": "wide".`);
  if (mapping.outcome !== undefined && kind !== 'responses') problems.push(`${source}.outcome: only for responses (it says what the overall question measures).`);
  for (const [pattern, target] of Object.entries(mapping.wide)) {
    const field = typeof target === 'string' ? target : target.field;
    const where = `${source}.wide["${pattern}"]`;
    if (!(ANSWER_FIELDS as readonly string[]).includes(field)) problems.push(`${where}: "${field}" is not an answer field; use one of ${ANSWER_FIELDS.join(', ')}.`);
    const placeholders = pattern.split(TOUCHPOINT_PLACEHOLDER).length - 1;
    if (typeof target === 'string' && placeholders !== 1) {
      problems.push(`${where}: a pattern needs ${TOUCHPOINT_PLACEHOLDER} once (e.g. "ltr_${TOUCHPOINT_PLACEHOLDER}"), or map the column to { "touchpoint": "TP_CODE", "field": "${field}" }.`);
    }
    if (typeof target !== 'string' && placeholders > 0) problems.push(`${where}: a column mapped to one touchpoint cannot contain ${TOUCHPOINT_PLACEHOLDER}.`);
  }
  for (const format of [mapping.dateFormat, mapping.timestampFormat]) {
    if (format !== undefined && !format.includes('%')) problems.push(`${source}: "${format}" is not a strptime format; write e.g. "%d/%m/%Y" or "%d-%m-%Y %H:%M".`);
  }
  if (problems.length) throw mappingError(problems);
  return mapping;
}

/** The file-level keys a responses mapping shares with the customers it describes. */
const FILE_KEYS = ['headerRows', 'sheet', 'missingValues', 'skipUnfinished', 'finishedColumn', 'dateFormat', 'timestampFormat', 'decimalSeparator', 'csv'] as const;

/**
 * The customers mapping of a responses mapping's `customers` part: its own columns, derived fields,
 * constants and value maps over the responses mapping's file-level keys; customer_id read as the
 * responses read it when the part does not say. Validated as a customers mapping (mistakes named
 * under `<source>.customers`).
 */
export function customersMapping(mapping: Mapping, source = 'mapping'): Mapping {
  const part = mapping.customers;
  if (!part) throw new Error('customersMapping: the mapping has no customers part');
  const columns = { ...part.columns };
  const saysId = Object.values(columns).includes('customer_id') || 'customer_id' in part.constants || 'customer_id' in part.derived;
  if (!saysId) for (const [column, field] of Object.entries(mapping.columns)) if (field === 'customer_id') columns[column] = field;
  const fileLevel = Object.fromEntries(FILE_KEYS.map((key) => [key, mapping[key]]).filter(([, value]) => value !== undefined));
  return parseMapping({ ...fileLevel, ...part, columns }, 'customers', `${source}.customers`);
}

/** Parses mapping JSON text (a file, a saved mapping) for a kind. */
export function parseMappingJson(raw: string, kind: ImportKind, source: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw mappingError([`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`]);
  }
  return parseMapping(json, kind, source);
}

/** Reads and validates a mapping JSON file. */
export async function loadMapping(file: string, kind: ImportKind): Promise<Mapping> {
  const raw = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw mappingError([`Cannot read the mapping file ${file}: ${error.code === 'ENOENT' ? 'it does not exist' : error.message}.`]);
  });
  return parseMappingJson(raw, kind, file);
}

/** Mistakes named one by one in an IMPORT_BAD_MAPPING message; the rest are counted (a 30,000-entry mapping echoed 5.5 MB). */
export const MAPPING_MISTAKES_SHOWN = 20;
/** Longest mistake line: a column name of any length is cut, not echoed whole. */
const MISTAKE_CHARS = 300;

function mappingError(lines: string[]): ImportError {
  const shown = lines.slice(0, MAPPING_MISTAKES_SHOWN).map((line) => (line.length > MISTAKE_CHARS ? `${line.slice(0, MISTAKE_CHARS)}…` : line));
  const rest = lines.length - shown.length;
  if (rest > 0) shown.push(`… and ${rest.toLocaleString('en-US')} more mistake${rest === 1 ? '' : 's'} like these; fix the ones above and check again.`);
  return new ImportError('IMPORT_BAD_MAPPING', `The mapping is not right:\n  ${shown.join('\n  ')}\nSee analytics/import/README.md for the format.`);
}
