import { formatCount, formatDate, formatNumber } from './format';
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

/** The arguments of a field's rules as the server sends them (`fields[].limits`): rule → its arguments. */
type RuleLimits = Record<string, ReadonlyArray<string | number>>;

function readLimits(raw: unknown): RuleLimits {
  if (typeof raw !== 'object' || raw === null) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([rule, values]) => [rule, Array.isArray(values) ? values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : []]),
  );
}

/**
 * Patterns (`matches`) the reader can be told in words, by the pattern's source as the server sends it
 * (server/common/validation.ts CODE_PATTERN; the company currency in server/modules/settings).
 */
const PATTERN_WORDS: Record<string, string> = {
  '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$': 'serverErrors.pattern.code',
  '^[A-Z]{3}$': 'serverErrors.pattern.currency',
};

/**
 * One failed rule in words with its limit: "Højst 120 tegn.", "Skal være mellem 0 og 100.", "Mindst 1.";
 * null when the server sent no argument for it. A bound the field also has on the other side is named
 * too (a failed `min` on a field with a `max` reads "between").
 */
function limitMessage(rule: string, limits: RuleLimits): string | null {
  const first = (name: string) => limits[name]?.[0];
  const n = (v: string | number | undefined) => (typeof v === 'number' ? v : undefined);
  const bounds = (low: number | undefined, high: number | undefined, kind: 'value' | 'length' | 'items', failed: 'low' | 'high') => {
    const min = low === undefined ? '' : formatNumber(low, 4);
    const max = high === undefined ? '' : formatNumber(high, 4);
    if (low !== undefined && high !== undefined) return low === high ? t(`serverErrors.limit.${kind}.exactly`, { min }) : t(`serverErrors.limit.${kind}.between`, { min, max });
    if (failed === 'low' && low !== undefined) return t(`serverErrors.limit.${kind}.atLeast`, { min }, low);
    if (failed === 'high' && high !== undefined) return t(`serverErrors.limit.${kind}.atMost`, { max }, high);
    return null;
  };
  switch (rule) {
    case 'min':
    case 'max':
      return bounds(n(first('min')), n(first('max')), 'value', rule === 'min' ? 'low' : 'high');
    case 'minLength':
    case 'maxLength':
      return bounds(n(first('minLength')), n(first('maxLength')), 'length', rule === 'minLength' ? 'low' : 'high');
    case 'isLength': {
      // Length(min, max): a minimum of 0 is no minimum.
      const low = n(limits.isLength?.[0]);
      return bounds(low === 0 ? undefined : low, n(limits.isLength?.[1]), 'length', low ? 'low' : 'high');
    }
    case 'arrayMinSize':
    case 'arrayMaxSize':
      return bounds(n(first('arrayMinSize')), n(first('arrayMaxSize')), 'items', rule === 'arrayMinSize' ? 'low' : 'high');
    case 'isIn':
      return limits.isIn?.length ? t('serverErrors.limit.choices', { values: limits.isIn.join(', ') }) : null;
    case 'minDate':
    case 'maxDate': {
      const day = first(rule);
      return typeof day === 'string' ? t(`serverErrors.limit.${rule}`, { date: formatDate(day) }) : null;
    }
    case 'matches': {
      const pattern = first('matches');
      const words = typeof pattern === 'string' ? PATTERN_WORDS[pattern] : undefined;
      return words ? t(words) : null;
    }
    default:
      return null;
  }
}

/**
 * A form field's problem from the class-validator rules the server names (`fields[].rules`), with the
 * limits it sends beside them (`fields[].limits`): "Højst 120 tegn." / "At most 120 characters.". In
 * English without a limit null (the server's own sentence is shown); in Danish the rule's general words.
 */
export function localRuleMessage(rules: readonly string[], rawLimits?: unknown): string | null {
  const limits = readLimits(rawLimits);
  const english = currentLanguage.value === 'en';
  const words = rules.map((rule) => limitMessage(rule, limits) ?? (!english && has(`serverErrors.rule.${rule}`) ? t(`serverErrors.rule.${rule}`) : null));
  const known = words.filter((w): w is string => w !== null);
  // English keeps the server's sentence unless every failed rule can be said with its limit.
  if (!known.length || (english && known.length < rules.length)) return null;
  return known.join(' ');
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
