/** Wording of problems: one sentence each, saying what is wrong and what to do. */
import { where, type ImportProblem, type ProblemKind } from './errors.js';
import type { FieldSpec, KindSpec } from './kinds.js';
import type { Mapping } from './mapping.js';

/** A value as written, quoted only when quoting shows something (spaces at the ends, an empty value). */
export function display(value: string): string {
  return /^\S(.*\S)?$/s.test(value) && !value.includes('\n') ? value : JSON.stringify(value);
}

export function knownCodesText(codes: readonly string[], label: string): string {
  if (codes.length === 0) return `No ${label} codes are known yet.`;
  const shown = codes.length > 30 ? `${codes.slice(0, 20).join(', ')}, ... (${codes.length} in all)` : codes.join(', ');
  return `Known ${label} codes: ${shown}.`;
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
}

/** Turns a located problem into its sentence. */
export function describe(p: RawProblem, ctx: ProblemContext): ImportProblem {
  const at = where(p.line, p.column, ctx.unit);
  const v = p.value === null ? '' : display(p.value);
  const t = p.field.type;
  let text: string;
  switch (p.kind) {
    case 'MISSING_VALUE':
      text = `the value is empty, but ${p.field.about} is required.`;
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
    case 'OUT_OF_ORDER':
      text = `${v} is before ${p.other?.column} (${p.other?.value ?? ''}): ${ctx.spec.notBefore?.why ?? 'the dates are in the wrong order'}.`;
      break;
    default:
      text = `${v} is not valid.`;
  }
  return { kind: p.kind, line: p.line, column: p.column, value: p.value, message: `${at}${text}` };
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
