import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ImportMode } from '../../../analytics/import/importFile.js';
import type { ImportKind } from '../../../analytics/import/kinds.js';
import { Rule } from '../../auth/rules.js';
import type { Context } from '../../context.js';
import { importStaged } from './import.service.js';
import { ImportKindEnum, ImportModeEnum, ImportResultType } from './import.types.js';

@Resolver()
export class ImportResolver {
  @Authorized(Rule.importData)
  @Mutation(() => ImportResultType, {
    description:
      'Imports a CSV or Parquet file staged in the server\'s import directory (IMPORT_DIR, default <DATA_DIR>/imports) into the analytics store, ' +
      'all or nothing. Bad rows give BAD_USER_INPUT with extensions.problems (line, column, value, message; the first 100) and nothing changes. ' +
      'The mapping (column names, wide survey exports, date formats) is described in analytics/import/README.md.',
  })
  importData(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKindEnum) kind: ImportKind,
    @Arg('stagedFile', () => String, { description: 'A path relative to the import directory, e.g. "responses.csv".' }) stagedFile: string,
    @Arg('mode', () => ImportModeEnum, { defaultValue: ImportModeEnum.APPEND }) mode: ImportMode,
    @Arg('mapping', () => GraphQLJSONObject, { nullable: true, description: 'How the file\'s columns map to the fields (JSON object).' })
    mapping?: Record<string, unknown>,
  ): Promise<ImportResultType> {
    return importStaged(ctx, { kind, mode, stagedFile, mapping });
  }
}
