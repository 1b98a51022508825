import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ImportKind } from '../../../analytics/import/kinds.js';
import type { ImportMode } from '../../../analytics/import/importFile.js';
import type { ColumnType } from '../../../analytics/import/preview.js';
import { ImportRunStatus } from './import.entity.js';

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
  @Field(() => ImportKindEnum, { description: 'The table the file filled.' })
  kind!: ImportKind;

  @Field(() => ImportModeEnum, { description: 'Appended to or replaced the table.' })
  mode!: ImportMode;

  @Field(() => String, { description: 'The staged file, as named in the request.' })
  stagedFile!: string;

  @Field(() => Int, { description: 'Rows written (a wide survey file writes one response per touchpoint answered).' })
  rows!: number;

  @Field(() => Int, { description: 'Data rows in the file.' })
  sourceRows!: number;

  @Field(() => Float, { description: 'How long the import took, in seconds.' })
  seconds!: number;

  @Field(() => Float, { description: 'Records written per second.' })
  rowsPerSecond!: number;

  @Field(() => [String], { description: 'Columns of the file that no field reads (check the mapping if one should have been).' })
  ignoredColumns!: string[];

  @Field(() => ID, { description: 'The import\'s id in the import history (undoImport takes it).' })
  importId!: string;

  @Field(() => Int, { description: 'Rows left out on request (unfinished responses with skipUnfinished).' })
  skippedRows!: number;

  @Field(() => Int, { description: 'Follow-up cases opened for the imported answers right after the import.' })
  casesOpened!: number;

  @Field(() => Int, { description: 'Customers created from the answers\' rows (a survey file whose mapping has a customers part); existing customers are left as they were. 0 otherwise.' })
  newCustomers!: number;
}


export enum ImportFileFormat {
  CSV = 'CSV',
  EXCEL = 'EXCEL',
  PARQUET = 'PARQUET',
}
registerEnumType(ImportFileFormat, {
  name: 'ImportFileFormat',
  description: 'How a file is read: CSV (also .tsv and .txt), EXCEL (.xlsx workbooks, one sheet) or PARQUET.',
  valuesConfig: {
    CSV: { description: 'Text with a header line and values separated by a comma, semicolon, tab or bar.' },
    EXCEL: { description: 'An Excel workbook (.xlsx); one sheet is read.' },
    PARQUET: { description: 'A Parquet file (typed columns, no lines).' },
  },
});

export const ImportColumnType = {
  EMPTY: 'EMPTY',
  INTEGER: 'INTEGER',
  NUMBER: 'NUMBER',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  BOOLEAN: 'BOOLEAN',
  TEXT: 'TEXT',
} as const satisfies Record<ColumnType, ColumnType>;
registerEnumType(ImportColumnType, {
  name: 'ImportColumnType',
  description: 'What the values of a column look like in the rows previewed.',
  valuesConfig: {
    EMPTY: { description: 'Every previewed value is empty.' },
    INTEGER: { description: 'Whole numbers (scores, counts).' },
    NUMBER: { description: 'Numbers with decimals.' },
    DATE: { description: 'Dates without a time.' },
    TIMESTAMP: { description: 'Dates with a time.' },
    BOOLEAN: { description: 'True/false or 1/0 flags only.' },
    TEXT: { description: 'Anything else: ids, labels, comments.' },
  },
});

registerEnumType(ImportRunStatus, {
  name: 'ImportRunStatus',
  description: 'What became of an import.',
  valuesConfig: {
    IMPORTED: { description: 'Written to the analytics store.' },
    FAILED: { description: 'Refused because of problems; nothing changed.' },
    UNDONE: { description: 'Imported, then undone: the store was returned to its state before the import.' },
  },
});

@ObjectType('ImportFile', { description: 'A file in the server\'s import directory, uploaded from the browser or copied there.' })
export class ImportFileType {
  @Field(() => String, { description: 'The path relative to the import directory; pass it as stagedFile or file.' })
  name!: string;

  @Field(() => Float, { description: 'Size in bytes.' })
  bytes!: number;

  @Field(() => Date, { description: 'When the file was last written.' })
  modifiedAt!: Date;

  @Field(() => ImportFileFormat, { nullable: true, description: 'How the file would be read, from its name; empty when the name says nothing Touchpoint reads.' })
  format!: ImportFileFormat | null;
}

@ObjectType('ImportPreviewColumn', { description: 'One column of a previewed file, as the file names it, with what its values look like.' })
export class ImportPreviewColumnType {
  @Field(() => String, { description: 'The column name from the (first) header row: what mappings refer to.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The question text of a Qualtrics export (its second header row); empty otherwise.' })
  label!: string | null;

  @Field(() => String, { nullable: true, description: 'The question id of a Qualtrics export (ImportId in its third header row, e.g. QID12_3); empty otherwise.' })
  importId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The code of a touchpoint this column seems to be about (its code in the column name, or its name as the column name or at the end of the question text): a first guess for wide files; empty when none fits.',
  })
  touchpoint!: string | null;

  @Field(() => ImportColumnType, { description: 'What the previewed values look like.' })
  type!: ColumnType;

  @Field(() => Int, { description: 'Previewed rows where the value is empty.' })
  empty!: number;

  @Field(() => [String], { description: 'The most frequent values among the previewed rows (at most 12), most frequent first: candidates for value maps and missing-value codes.' })
  values!: string[];

  @Field(() => Float, { nullable: true, description: 'Smallest numeric value among the previewed rows; empty when none is numeric.' })
  minimum!: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest numeric value among the previewed rows; empty when none is numeric.' })
  maximum!: number | null;
}

@ObjectType('ImportPreview', { description: 'The first rows of a staged file, how it will be read, and a first mapping to start from.' })
export class ImportPreviewType {
  @Field(() => String, { description: 'The file, relative to the import directory.' })
  file!: string;

  @Field(() => ImportFileFormat, { description: 'How the file is read.' })
  format!: ImportFileFormat;

  @Field(() => String, { nullable: true, description: 'CSV: the value separator found (or set in the mapping): ",", ";", a tab or "|".' })
  delimiter!: string | null;

  @Field(() => String, { nullable: true, description: 'CSV: the text encoding (utf-8, utf-16 or latin-1).' })
  encoding!: string | null;

  @Field(() => Int, { description: 'Header rows before the data: 1, or 3 for a Qualtrics export.' })
  headerRows!: number;

  @Field(() => Boolean, { description: 'True when the file looks like a Qualtrics export (three header rows, the third with ImportId JSON).' })
  qualtrics!: boolean;

  @Field(() => [String], { description: 'Excel: the sheets of the workbook, in order; empty for other formats.' })
  sheets!: string[];

  @Field(() => String, { nullable: true, description: 'Excel: the sheet previewed (the mapping\'s sheet, else the first).' })
  sheet!: string | null;

  @Field(() => [ImportPreviewColumnType], { description: 'The columns, in file order.' })
  columns!: ImportPreviewColumnType[];

  @Field(() => [[String]], { description: 'The first data rows, one list of values per row in column order (empty values are null).' })
  rows!: (string | null)[][];

  @Field(() => Int, { description: 'Data rows in the whole file (after the header rows).' })
  totalRows!: number;

  @Field(() => GraphQLJSONObject, {
    description:
      'A mapping to start from: header rows, sheet and delimiter as detected, columns named like fields mapped to them. Edit it and pass it to dryRunImport and importData.',
  })
  suggestedMapping!: Record<string, unknown>;
}

@ObjectType('ImportProblem', { description: 'One thing wrong in a file, located by line (or row) and source column.' })
export class ImportProblemType {
  @Field(() => String, { description: 'What is wrong, as a stable code: MISSING_VALUE, SCORE_OUT_OF_RANGE, UNKNOWN_CODE, DUPLICATE_IN_FILE, ...' })
  kind!: string;

  @Field(() => Int, { description: 'The line as an editor shows it (header = line 1); for Parquet and Excel files the row number.' })
  line!: number;

  @Field(() => String, { nullable: true, description: 'The source column as the file names it (several joined by " + " for a derived value).' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'The touchpoint code the column is mapped to (wide files); empty otherwise.' })
  touchpoint?: string | null;

  @Field(() => String, { nullable: true, description: 'The value as read (after missing-value codes and value maps).' })
  value!: string | null;

  @Field(() => String, { description: 'A sentence saying what is wrong and what to do.' })
  message!: string;
}

@ObjectType('ImportProblemGroup', { description: 'Problems with one cause, counted once: the same rule failing in the same source column (and, when few, with the same value).' })
export class ImportProblemGroupType {
  @Field(() => String, { description: 'What is wrong, as a stable code (as ImportProblem.kind).' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The source column as the file names it.' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'The touchpoint code the column is mapped to (wide files); empty otherwise.' })
  touchpoint!: string | null;

  @Field(() => String, { description: 'The field the column fills (ltr, satisfaction, persona_code, ...).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value every problem of the group has; empty when the values differ (see examples).' })
  value!: string | null;

  @Field(() => [String], { description: 'A few of the values that failed, when they differ.' })
  examples!: string[];

  @Field(() => Int, { description: 'How many values have this problem.' })
  count!: number;

  @Field(() => Int, { nullable: true, description: 'The first line (or row) with it.' })
  firstLine!: number | null;

  @Field(() => String, { description: 'One sentence: where, how many, what is wrong, e.g. "column `Seat comfort` (touchpoint TP_SEAT): 1,203 values are 0, not a 1-5 score."' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'What to do about it, e.g. "Map 0 as \'no answer\' (columnMissingValues)?"; empty when there is nothing obvious.' })
  suggestion!: string | null;
}

@ObjectType('ImportDryRun', { description: 'An import checked against the store without writing anything: what would be written, or every problem that stops it.' })
export class ImportDryRunType {
  @Field(() => Boolean, { description: 'True when the file would import as it is: no problems.' })
  ok!: boolean;

  @Field(() => ImportKindEnum, { description: 'The table the file would fill.' })
  kind!: ImportKind;

  @Field(() => ImportModeEnum, { description: 'Append to or replace the table.' })
  mode!: ImportMode;

  @Field(() => String, { description: 'The staged file, as named in the request.' })
  stagedFile!: string;

  @Field(() => Int, { description: 'Records that would be written (a wide survey file gives one response per touchpoint answered, plus the overall answer).' })
  rows!: number;

  @Field(() => Int, { description: 'Data rows in the file.' })
  sourceRows!: number;

  @Field(() => Int, { description: 'Rows left out on request (unfinished responses with skipUnfinished).' })
  skippedRows!: number;

  @Field(() => [String], { description: 'Columns of the file nothing reads.' })
  ignoredColumns!: string[];

  @Field(() => Int, { description: 'Customers the import would create from the answers\' rows (a survey file whose mapping has a customers part): those not yet in the store. 0 otherwise.' })
  newCustomers!: number;

  @Field(() => Int, { description: 'Every problem found (problems lists the first 100).' })
  totalProblems!: number;

  @Field(() => [ImportProblemType], { description: 'The first 100 problems, in file order.' })
  problems!: ImportProblemType[];

  @Field(() => [ImportProblemGroupType], { description: 'Every problem grouped by cause, largest group first.' })
  groups!: ImportProblemGroupType[];

  @Field(() => String, { nullable: true, description: 'When the file cannot be checked at all (unreadable, missing columns, bad mapping): the error code, e.g. IMPORT_MISSING_COLUMNS; empty otherwise.' })
  errorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'When the file cannot be checked at all: what is wrong and what to do; empty otherwise.' })
  errorMessage!: string | null;
}

@ObjectType('SavedImportMapping', { description: 'A mapping saved by name, to import next month\'s file of the same shape in one step.' })
export class SavedImportMappingType {
  @Field(() => ID, { description: 'The saved mapping\'s id.' })
  id!: string;

  @Field(() => String, { description: 'The name it is saved under (unique).' })
  name!: string;

  @Field(() => ImportKindEnum, { description: 'The table the mapping is for.' })
  kind!: ImportKind;

  @Field(() => GraphQLJSONObject, { description: 'The mapping document, as importData and dryRunImport take it.' })
  mapping!: Record<string, unknown>;

  @Field(() => Date, { description: 'When it was last saved.' })
  updatedAt!: Date;
}

@ObjectType('ImportRun', { description: 'One import or attempt, for the import history: who, when, which file and mapping, rows and problems.' })
export class ImportRunType {
  @Field(() => ID, { description: 'The import\'s id (undoImport takes it).' })
  id!: string;

  @Field(() => ImportKindEnum, { description: 'The table the file filled.' })
  kind!: ImportKind;

  @Field(() => ImportModeEnum, { description: 'Appended to or replaced the table.' })
  mode!: ImportMode;

  @Field(() => String, { description: 'The file, relative to the import directory.' })
  file!: string;

  @Field(() => GraphQLJSONObject, { description: 'The mapping used.' })
  mapping!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'The saved mapping\'s name, when one was used.' })
  mappingName!: string | null;

  @Field(() => String, { nullable: true, description: 'Who imported (the user\'s name at the time).' })
  userName!: string | null;

  @Field(() => Date, { description: 'When the import started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it finished (imported or refused).' })
  finishedAt!: Date | null;

  @Field(() => ImportRunStatus, { description: 'Imported, refused or undone.' })
  status!: ImportRunStatus;

  @Field(() => Int, { description: 'Records written.' })
  rows!: number;

  @Field(() => Int, { description: 'Data rows in the file.' })
  sourceRows!: number;

  @Field(() => Int, { description: 'Problems found (a refused import); 0 when imported.' })
  problems!: number;

  @Field(() => String, { nullable: true, description: 'Why a refused import was refused, as an error code (IMPORT_INVALID_ROWS, ...).' })
  errorCode!: string | null;

  @Field(() => Int, { description: 'Follow-up cases the import opened (undo deletes those nobody has worked; worked ones are kept without their answer).' })
  casesOpened!: number;

  @Field(() => Boolean, { description: 'True for the latest import of its table that is still in place: only that one can be undone.' })
  undoable!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was undone.' })
  undoneAt!: Date | null;
}

@ObjectType('ImportUndoPreview', { description: 'What undoing an import would remove and keep, before anything changes.' })
export class ImportUndoPreviewType {
  @Field(() => ID, { description: 'The import\'s id (undoImport takes it).' })
  importId!: string;

  @Field(() => ImportKindEnum, { description: 'The table the import filled.' })
  kind!: ImportKind;

  @Field(() => ImportModeEnum, { description: 'Whether the import appended to the table (undo removes its rows) or replaced it (undo puts the old table back).' })
  mode!: ImportMode;

  @Field(() => Boolean, { description: 'True when the import can be undone now; false with the reason in refusal.' })
  undoable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the import cannot be undone and what to do instead; null when it can.' })
  refusal!: string | null;

  @Field(() => Int, { description: 'Rows in the table now.' })
  rowsNow!: number;

  @Field(() => Int, { description: 'Rows in the table after the undo.' })
  rowsAfter!: number;

  @Field(() => Int, { description: 'Answers the undo removes (0 for tables other than responses).' })
  answersRemoved!: number;

  @Field(() => Int, { description: 'Follow-up cases opened for those answers that nobody has worked yet: the undo deletes them.' })
  casesRemoved!: number;

  @Field(() => Int, {
    description:
      'Follow-up cases opened for those answers that someone has worked (assigned, a note, a contact logged, or a status other than open): the undo keeps them, with a note saying their answer was removed, so the record of the work and of contacts with the customer stays. Importing the answers again links them back.',
  })
  casesKept!: number;

  @Field(() => Int, { description: 'Customers the undo removes with the answers: those the same import created from the answers\' rows. 0 otherwise.' })
  customersRemoved!: number;
}
