import { Entity, Enum, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity.js';

/** A mapping saved by name, reused for next month's file of the same shape. */
@Entity({ tableName: 'import_mapping' })
export class SavedImportMapping extends BaseEntity {
  @Property()
  @Unique()
  name!: string;

  /** The import kind the mapping is for (customers, responses, ...). */
  @Property()
  kind!: string;

  /** The mapping document (analytics/import/mapping.ts), validated when saved. */
  @Property({ type: 'json' })
  mapping!: Record<string, unknown>;

  @Property({ type: 'uuid', nullable: true })
  savedById?: string;
}

export enum ImportRunStatus {
  /** Written to the store. */
  IMPORTED = 'IMPORTED',
  /** Refused: nothing changed (problems counts why). */
  FAILED = 'FAILED',
  /** Imported, then undone: the store is back as it was before. */
  UNDONE = 'UNDONE',
}

/** One import (or attempt): who, when, which file, which mapping, how many rows and problems. */
@Entity({ tableName: 'import_run' })
@Index({ properties: ['table', 'startedAt'] })
export class ImportRun extends BaseEntity {
  @Property()
  kind!: string;

  /** The analytics table the kind fills (undo is per table). */
  @Property({ fieldName: 'target_table' })
  table!: string;

  @Property()
  mode!: string;

  /** The file as named in the import directory. */
  @Property({ type: 'text' })
  file!: string;

  @Property({ type: 'json' })
  mapping: Record<string, unknown> & Opt = {};

  @Property({ nullable: true })
  mappingName?: string;

  @Property({ type: 'uuid', nullable: true })
  userId?: string;

  @Property({ nullable: true })
  userName?: string;

  @Property({ type: 'datetime' })
  startedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date;

  @Enum(() => ImportRunStatus)
  status!: ImportRunStatus;

  @Property({ type: 'integer' })
  rows: number & Opt = 0;

  @Property({ type: 'integer' })
  sourceRows: number & Opt = 0;

  @Property({ type: 'integer' })
  problems: number & Opt = 0;

  /** The error code of a failed import. */
  @Property({ nullable: true })
  errorCode?: string;

  /** Follow-up cases opened right after this import (removed again by undo). */
  @Property({ type: 'integer' })
  casesOpened: number & Opt = 0;

  @Property({ type: 'datetime', nullable: true })
  undoneAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  undoneById?: string;
}
