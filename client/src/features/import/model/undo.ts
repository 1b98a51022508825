import type { UndoImportPreviewQuery } from '../../../graphql/generated';
import { formatCount } from '../../../shared/format';
import { KIND_LABELS } from './mapping';

type Preview = UndoImportPreviewQuery['undoImportPreview'];

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * What the undo confirmation says, before anything changes: what is removed (rows, follow-up cases
 * nobody has worked) and what stays (worked cases, without their answer); or why it cannot be undone.
 */
export function undoSummary(p: Preview): string[] {
  if (!p.undoable) return [p.refusal ?? 'This import cannot be undone.'];
  const table = `“${KIND_LABELS[p.kind]}”`;
  const lines = [
    p.mode === 'REPLACE'
      ? `Puts ${table} back as it was before this import: ${plural(p.rowsAfter, 'row', 'rows')} (${formatCount(p.rowsNow)} now).`
      : `Removes the ${plural(p.rowsNow - p.rowsAfter, 'row', 'rows')} this import added to ${table}; ${formatCount(p.rowsAfter)} stay.`,
  ];
  if (p.casesRemoved) lines.push(`Deletes ${plural(p.casesRemoved, 'follow-up case', 'follow-up cases')} opened for these answers that nobody has worked yet.`);
  if (p.casesKept) {
    lines.push(
      `Keeps ${plural(p.casesKept, 'follow-up case', 'follow-up cases')} someone has worked (assigned, notes, contacts or a status change), with a note that the answer was removed; importing the answers again links them back.`,
    );
  }
  return lines;
}
