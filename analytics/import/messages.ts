/** Wording of problems: one sentence each, saying what is wrong and what to do. */
import { where, type ImportProblem, type ProblemGroup, type ProblemKind } from './errors.js';
import type { Dimension, FieldSpec, KindSpec } from './kinds.js';
import { readerLanguage, say, sayIn, type Language } from '../i18n/index.js';
import type { Mapping } from './mapping.js';

/** A value as written, quoted only when quoting shows something (spaces at the ends, an empty value). */
export function display(value: string): string {
  return /^\S(.*\S)?$/s.test(value) && !value.includes('\n') ? value : JSON.stringify(value);
}

/**
 * "Known persona codes: A, B." in `language`: English in the problem sentences (the client words those
 * itself by kind), the reader's language in a suggestion (shown as the server writes it).
 */
export function knownCodesText(codes: readonly string[], dimension: Dimension, language: Language = 'en'): string {
  if (codes.length === 0) return sayIn(language, `import.known.none.${dimension}`);
  const shown = codes.length > 30 ? sayIn(language, 'import.known.more', { first: codes.slice(0, 20).join(', '), n: codes.length }) : codes.join(', ');
  return sayIn(language, `import.known.some.${dimension}`, { codes: shown });
}

/** The closest known code, when one is close enough to be a likely typo. */
export function suggest(value: string, codes: readonly string[]): string | null {
  const lower = value.toLowerCase();
  const exactCase = codes.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  let best: string | null = null;
  let bestDistance = Infinity;
  let ties = 0;
  for (const code of codes) {
    const d = levenshtein(lower, code.toLowerCase());
    if (d < bestDistance) [best, bestDistance, ties] = [code, d, 0];
    else if (d === bestDistance) ties++;
  }
  // Only a clear favourite is worth suggesting.
  return ties === 0 && bestDistance <= Math.max(2, Math.floor(value.length / 5)) ? best : null;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export interface ProblemContext {
  spec: KindSpec;
  mapping: Mapping;
  unit: 'line' | 'row';
  /** Known codes per dimension, for unknown-code messages. */
  codes: Record<string, readonly string[]>;
  hints: Record<string, string>;
}

export interface RawProblem {
  kind: ProblemKind;
  line: number;
  column: string;
  field: FieldSpec;
  /** The value as written (trimmed). */
  value: string | null;
  /** Parsed value, where parsing succeeded (e.g. a date outside 1900-2100). */
  parsed?: string | null;
  /** OUT_OF_ORDER: the other field's column and value; DUPLICATE_IN_FILE: the first line. */
  other?: { column: string; value: string | null };
  firstLine?: number;
  /** The value comes from mapping.derived (value = the source values joined by " + "). */
  derived?: boolean;
  /** Wide files: the touchpoint the column is mapped to. */
  touchpoint?: string | null;
}

/** Turns a located problem into its sentence. */
export function describe(p: RawProblem, ctx: ProblemContext): ImportProblem {
  // A wide file's column named otherwise ("Seat comfort") says which touchpoint it is; "sat_TP_SEAT" already does.
  const touchpoint = p.touchpoint && !p.column.toLowerCase().includes(p.touchpoint.toLowerCase()) ? p.touchpoint : null;
  const at = where(p.line, touchpoint ? `${p.column} (touchpoint ${touchpoint})` : p.column, ctx.unit);
  const v = p.value === null ? '' : display(p.value);
  const t = p.field.type;
  let text: string;
  switch (p.kind) {
    case 'MISSING_VALUE':
      text = p.derived
        ? `${v || 'these values'} match no case of mapping.derived.${p.field.name}; add a case for them, or a "default".`
        : p.field.requiredUnless
          ? `the value is empty: ${p.field.requiredUnless.why}.`
          : `the value is empty, but ${p.field.about} is required.`;
      break;
    case 'SCORE_OUT_OF_RANGE': {
      const range = t.kind === 'score' ? `${t.min}-${t.max}` : '';
      const numeric = p.value !== null && Number.isFinite(Number(p.value.replace(',', '.')));
      text = numeric && !Number.isInteger(Number(p.value!.replace(',', '.'))) ? `${v} is not a ${range} score (whole numbers only).` : `${v} is not a ${range} score.`;
      break;
    }
    case 'BAD_NUMBER': {
      const comma = ctx.mapping.decimalSeparator === '.' && p.value?.includes(',') ? ' If the file uses a decimal comma, set "decimalSeparator": "," in the mapping.' : '';
      text = /^[+-]?(inf|infinity|nan)$/i.test(p.value ?? '') ? `${v} is not a finite number.` : `${v} is not a number.${comma}`;
      break;
    }
    case 'NUMBER_OUT_OF_RANGE': {
      const min = t.kind === 'number' ? t.min : undefined;
      const max = t.kind === 'number' ? t.max : undefined;
      text = max === undefined ? `${v} is negative, but ${p.field.about} must be ${min} or more.` : `${v} is outside ${min}-${max} (${p.field.about}).`;
      break;
    }
    case 'BAD_DATE':
    case 'BAD_TIMESTAMP':
      text = dateText(p, v, ctx.mapping);
      break;
    case 'NOT_FIRST_OF_MONTH':
      text = `${v} is not the first day of a month; write the month as YYYY-MM or YYYY-MM-01.`;
      break;
    case 'UNKNOWN_CODE': {
      const dimension = t.kind === 'code' ? t.dimension : 'touchpoint';
      const codes = ctx.codes[dimension] ?? [];
      const guess = p.value ? suggest(p.value, codes) : null;
      const none = codes.length === 0 ? ` ${ctx.hints[dimension] ?? ''}` : '';
      text = `${v} is not a known ${dimension} code.${guess ? ` Did you mean ${guess}?` : ''} ${knownCodesText(codes, dimension)}${none}`;
      break;
    }
    case 'DUPLICATE_IN_FILE':
      text = `${v} appears more than once (first on ${ctx.unit} ${p.firstLine ?? '?'}); each ${ctx.spec.key.join(' + ')} must be unique.`;
      break;
    case 'DUPLICATE_IN_STORE':
      text = `${v} is already in the store. Import in replace mode to replace all ${ctx.spec.table}, or leave the row out.`;
      break;
    case 'UNKNOWN_CUSTOMER':
      text = `${v} is not a known customer. Import the customers first (kind customers), or check the id.`;
      break;
    case 'CONFLICTING_VALUE':
      text = `${v} differs from what ${ctx.unit} ${p.firstLine ?? '?'} says for customer ${p.other?.value ?? '?'}; one customer has one ${p.field.about}. Make the rows agree, or leave ${p.field.name} out of the customers part of the mapping.`;
      break;
    case 'OUT_OF_ORDER':
      text = `${v} is before ${p.other?.column} (${p.other?.value ?? ''}): ${ctx.spec.notBefore?.why ?? 'the dates are in the wrong order'}.`;
      break;
    default:
      text = `${v} is not valid.`;
  }
  return { kind: p.kind, line: p.line, column: p.column, ...(p.touchpoint ? { touchpoint: p.touchpoint } : {}), value: p.value, message: `${at}${text}` };
}

function dateText(p: RawProblem, v: string, mapping: Mapping): string {
  const timestamp = p.kind === 'BAD_TIMESTAMP';
  if (p.parsed) return `${v} is outside 1900-2100; is the year right?`;
  const format = timestamp ? (mapping.timestampFormat ?? mapping.dateFormat) : mapping.dateFormat;
  const iso = timestamp ? 'YYYY-MM-DD HH:MM:SS (ISO 8601, a time zone such as Z or +02:00 allowed)' : 'YYYY-MM-DD';
  const what = timestamp ? 'a date and time' : 'a date';
  if (format) return `${v} is not ${what} in the mapping's format ${format} (nor ${iso}).`;
  const dayFirst = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/.test(p.value ?? '');
  const hint = dayFirst ? ` or set "${timestamp ? 'timestampFormat' : 'dateFormat'}" in the mapping (e.g. "%d/%m/%Y${timestamp ? ' %H:%M' : ''}")` : '';
  return `${v} is not ${what}. Write it as ${iso}${hint}.`;
}

const n = (count: number) => count.toLocaleString('en-US');
const MISSING_WORDS = /^(n\/?a|na|-|\.|ved ikke|vet ikke|don'?t know|do not know|not applicable|unknown|none|null|#n\/a|99|999|98|9999|-1|0)$/i;

/**
 * The sentence and the suggestion of a problem group: "column `Seat comfort` (touchpoint TP_SEAT):
 * 1,203 values are 0, not a 1-5 score." + "Map 0 as 'no answer' (columnMissingValues)?"
 */
export function groupText(
  g: Omit<ProblemGroup, 'message' | 'suggestion'>,
  field: FieldSpec,
  derived: boolean,
  ctx: ProblemContext,
): { message: string; suggestion: string | null } {
  const at = `${g.column === null ? 'the file' : `column \`${g.column}\``}${g.touchpoint ? ` (touchpoint ${g.touchpoint})` : ''}: `;
  const one = g.count === 1;
  const are = one ? 'is' : 'are';
  const eg = g.value === null && g.examples.length ? ` (e.g. ${g.examples.map(display).join(', ')})` : '';
  const count = `${n(g.count)} value${one ? '' : 's'} ${are}`;
  /** "1,203 values are 0, not a 1-5 score." or "12 values are not a date (e.g. ...)." */
  const isNot = (what: string) => (g.value === null ? `${count} not ${what}${eg}.` : `${count} ${display(g.value)}, not ${what}.`);
  const t = field.type;
  const column = g.column ?? field.name;
  const missingHint = (value: string | null) =>
    value !== null && MISSING_WORDS.test(value.trim()) ? say('import.suggest.noAnswer', { value: display(value), column }) : null;
  const valueMapHint = (value: string | null, target: string) =>
    value !== null && !Number.isFinite(Number(value.replace(',', '.'))) ? say('import.suggest.valueMap', { value: display(value), column, target }) : null;
  let text: string;
  let suggestion: string | null = null;
  switch (g.kind) {
    case 'MISSING_VALUE':
      if (derived) {
        text = `${n(g.count)} row${one ? '' : 's'} ${g.value === null ? `match${one ? 'es' : ''}` : `with ${display(g.value)} match${one ? 'es' : ''}`} no case of the derived ${field.name}${eg}.`;
        suggestion = g.value === null ? say('import.suggest.derivedCaseAll', { field: field.name }) : say('import.suggest.derivedCase', { value: display(g.value), field: field.name });
      } else if (field.requiredUnless) {
        text = `${n(g.count)} answer${one ? ' has' : 's have'} no ${field.name}: ${field.requiredUnless.why}.`;
        suggestion = say('import.suggest.requiredUnless', { field: field.name, columns: field.requiredUnless.anyOf.join(' / ') });
      } else {
        text = `${n(g.count)} value${one ? ' is' : 's are'} empty, but ${field.about} is required.`;
        suggestion = say('import.suggest.required', { field: field.name });
      }
      break;
    case 'SCORE_OUT_OF_RANGE': {
      const range = t.kind === 'score' ? `${t.min}-${t.max}` : '';
      text = isNot(`a ${range} score`);
      suggestion = missingHint(g.value) ?? valueMapHint(g.value, say('import.target.score', { range }));
      break;
    }
    case 'BAD_NUMBER':
      text = isNot('a number');
      suggestion = missingHint(g.value) ?? valueMapHint(g.value, say('import.target.number')) ?? (g.value?.includes(',') ? say('import.suggest.decimalComma') : null);
      break;
    case 'NUMBER_OUT_OF_RANGE':
      text = isNot(`within the range of ${field.about}`);
      suggestion = missingHint(g.value);
      break;
    case 'BAD_DATE':
    case 'BAD_TIMESTAMP':
      text = isNot(g.kind === 'BAD_DATE' ? 'a date' : 'a date and time');
      suggestion = missingHint(g.value) ?? say(g.kind === 'BAD_DATE' ? 'import.suggest.dateFormat' : 'import.suggest.timestampFormat');
      break;
    case 'NOT_FIRST_OF_MONTH':
      text = isNot('the first day of a month');
      suggestion = say('import.suggest.months');
      break;
    case 'UNKNOWN_CODE': {
      const dimension = t.kind === 'code' ? t.dimension : 'touchpoint';
      const codes = ctx.codes[dimension] ?? [];
      const guess = g.value ? suggest(g.value, codes) : null;
      text = isNot(`a known ${dimension} code`);
      const known = knownCodesText(codes, dimension, readerLanguage());
      suggestion = guess
        ? say('import.suggest.didYouMean', { guess, value: display(g.value ?? '') })
        : g.value
          ? say(`import.suggest.create.${dimension}`, { value: display(g.value), known })
          : say(`import.suggest.createAll.${dimension}`, { known });
      break;
    }
    case 'DUPLICATE_IN_FILE':
      text = `${n(g.count)} row${one ? ' repeats' : 's repeat'} an id of an earlier row${eg}; each ${ctx.spec.key.join(' + ')} must be unique.`;
      suggestion = null;
      break;
    case 'DUPLICATE_IN_STORE':
      text = `${n(g.count)} id${one ? ' is' : 's are'} already in the store${eg}.`;
      suggestion = say('import.suggest.alreadyImported');
      break;
    case 'UNKNOWN_CUSTOMER':
      text = `${n(g.count)} value${one ? ' is' : 's are'} not a known customer${eg}.`;
      suggestion = say('import.suggest.customersFirst');
      break;
    case 'CONFLICTING_VALUE':
      text = `${n(g.count)} row${one ? ' gives' : 's give'} a customer another ${field.about} than an earlier row of the same customer${eg}.`;
      suggestion = say('import.suggest.agree', { column, field: field.name });
      break;
    case 'OUT_OF_ORDER':
      text = `${n(g.count)} value${one ? ' is' : 's are'} in the wrong order${eg}: ${ctx.spec.notBefore?.why ?? 'the dates are in the wrong order'}.`;
      break;
    default:
      text = isNot('valid');
  }
  return { message: `${at}${text}`, suggestion };
}
