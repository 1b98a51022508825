/** Words people read instead of the API's codes, in one place. */
import { t } from './i18n';

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${t('common.and')} ${items.at(-1)}`;
}
