import { formatCount } from './format';
import { currentLanguage, i18n, t } from './i18n';

/**
 * The server's messages in the reader's language. The server names every refusal by a stable code
 * (`extensions.reason`, finer, else `extensions.code`) and every import problem by its kind; the
 * client holds both languages of each (./server-messages/messages.ts), filled with the parameters
 * the server sends beside the code. In English the server's own sentence wins when there is one (it
 * quotes the exact value); in Danish the translation does, and the English sentence is the fallback
 * for a code nobody translated yet.
 */
export interface ServerRefusal {
  code: string;
  reason: string | undefined;
  extensions: Record<string, unknown>;
  serverMessage: string | undefined;
}

const has = (key: string) => i18n.global.te(key, currentLanguage.value) || i18n.global.te(key, 'en');
const plain = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

/** The parameters a code's sentence may use, from the extensions the server sent beside it. */
function parameters(extensions: Record<string, unknown>): Record<string, string> {
  const field = plain(extensions.field);
  const fields = Array.isArray(extensions.fields) ? extensions.fields.map((f) => plain(f) ?? plain(typeof f === 'object' && f !== null && 'field' in f ? f.field : null)).filter((f): f is string => f !== null) : [];
  return {
    field: field ? t('serverErrors.field', { field }) : '',
    fields: fields.join(', '),
    from: plain(extensions.from) ?? '',
    to: plain(extensions.to) ?? '',
    retryAfterSeconds: plain(extensions.retryAfterSeconds) ?? '',
  };
}

/**
 * The refusal as a sentence for the reader. `besideField`: shown next to the field it is about, so
 * the sentence does not name the field again.
 */
export function localServerMessage(refusal: ServerRefusal, options: { besideField?: boolean } = {}): string | undefined {
  if (currentLanguage.value === 'en' && refusal.serverMessage) return refusal.serverMessage;
  const byReason = refusal.reason ? `serverErrors.reason.${refusal.reason}` : null;
  const byCode = `serverErrors.code.${refusal.code}`;
  const key = byReason && has(byReason) ? byReason : has(byCode) ? byCode : null;
  // A code nobody translated yet: the server's English sentence.
  if (!key) return refusal.serverMessage;
  const values = parameters(refusal.extensions);
  return t(key, options.besideField ? { ...values, field: '' } : values);
}

/**
 * A form field's problem from the class-validator rules the server names (`fields[].rules`); null in
 * English (the server's sentence names the limit) or when no rule is known.
 */
export function localRuleMessage(rules: readonly string[]): string | null {
  if (currentLanguage.value === 'en') return null;
  const known = rules.filter((rule) => has(`serverErrors.rule.${rule}`));
  return known.length ? known.map((rule) => t(`serverErrors.rule.${rule}`)).join(' ') : null;
}

/** An import problem group as the server describes it (ImportProblemGroup). */
export interface ProblemGroupText {
  kind: string;
  column: string | null;
  touchpoint: string | null;
  value: string | null;
  examples: readonly string[];
  count: number;
  message: string;
}

/**
 * One import problem group in the reader's language: "Kolonne “Pris”: 1.203 værdier er ikke tal (fx
 * 1.234,5, n/a)." English keeps the server's sentence, which also names the scale or the field.
 */
export function importProblemText(group: ProblemGroupText): string {
  const key = `importProblems.kind.${group.kind}`;
  if (currentLanguage.value === 'en' || !has(key)) return group.message;
  const at = group.column === null ? t('importProblems.file') : group.touchpoint ? t('importProblems.atTouchpoint', { column: group.column, touchpoint: group.touchpoint }) : t('importProblems.at', { column: group.column });
  const eg = group.value !== null ? t('importProblems.is', { value: group.value }) : group.examples.length ? t('importProblems.eg', { values: group.examples.join(', ') }) : '';
  const text = t(key, { at, eg, count: formatCount(group.count) }, group.count);
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
