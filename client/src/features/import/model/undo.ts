import type { UndoImportPreviewQuery } from '../../../graphql/generated';
import { formatCount } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { kindLabel } from './mapping';

type Preview = UndoImportPreviewQuery['undoImportPreview'];

const rows = (n: number) => t('import.undo.rows', { n: formatCount(n) }, n);
const cases = (n: number) => t('import.undo.cases', { n: formatCount(n) }, n);

/**
 * What the undo confirmation says, before anything changes: what is removed (rows, follow-up cases
 * nobody has worked) and what stays (worked cases, without their answer); or why it cannot be undone.
 */
export function undoSummary(p: Preview): string[] {
  if (!p.undoable) return [p.refusal ?? t('import.undo.cannot')];
  const table = kindLabel(p.kind);
  const lines = [
    p.mode === 'REPLACE'
      ? t('import.undo.replace', { table, rows: rows(p.rowsAfter), now: formatCount(p.rowsNow) })
      : t('import.undo.append', { table, rows: rows(p.rowsNow - p.rowsAfter), after: formatCount(p.rowsAfter) }),
  ];
  if (p.customersRemoved) lines.push(t('import.undo.customers', { customers: t('import.undo.customerCount', { n: formatCount(p.customersRemoved) }, p.customersRemoved) }));
  if (p.casesRemoved) lines.push(t('import.undo.casesRemoved', { cases: cases(p.casesRemoved) }));
  if (p.casesKept) lines.push(t('import.undo.casesKept', { cases: cases(p.casesKept) }));
  return lines;
}
