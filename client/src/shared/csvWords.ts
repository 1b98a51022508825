import type { CsvValue } from './csv';
import { t } from './i18n';

/**
 * Yes/no cells in the reader's language ("ja"/"nej"), as a person reads them in Excel, instead of
 * JavaScript's true/false. Kept out of csv.ts, which the server's comments export also uses.
 */
export function csvWords(rows: readonly (readonly CsvValue[])[]): CsvValue[][] {
  return rows.map((row) => row.map((value) => (typeof value === 'boolean' ? t(value ? 'ui.csvYes' : 'ui.csvNo') : value)));
}
