/**
 * Issue 23: what the server says to people (refusals, form validation, import problems) in Danish and
 * English, keyed by the stable codes it sends. The codes are collected from the server's source, so a
 * new code without both languages fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorInfo } from '../../client/src/shared/errors';
import { formErrors } from '../../client/src/shared/forms/fieldErrors';
import { applyLanguage, messages } from '../../client/src/shared/i18n';
import { importProblemText } from '../../client/src/shared/serverMessages';
import { graphqlError } from './support/factories';

afterEach(() => applyLanguage('en'));

const ROOT = path.resolve(import.meta.dirname, '../..');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}
const literals = (text: string) => [...text.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1] ?? '');
/** The string members of `export type Name = | 'A' | 'B';` in a file. */
function union(file: string, name: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const body = new RegExp(`export type ${name} =([^;]+);`).exec(text)?.[1];
  if (!body) throw new Error(`${name} not found in ${file}`);
  return literals(body);
}

const server = sources('server');
const collect = (pattern: RegExp) => [...new Set(server.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1] ?? '')))].sort();
/** extensions.code: the ErrorCode type and the codes the upload endpoint answers with. */
const CODES = [...new Set([...union('server/common/errors.ts', 'ErrorCode'), ...collect(/\bcode: '([A-Z][A-Z_]+)'/g)])].sort();
/** extensions.reason: every literal reason, badInput's third argument, the query and rate limits' reasons, and the import errors. */
const REASONS = [
  ...new Set([
    ...collect(/\breason: '([A-Z][A-Z_]+)'/g),
    // The code is a later argument of these calls; (?:[^()]|\([^()]*\)) steps over the message, parentheses included.
    ...collect(/\bbadInput\((?:[^()]|\([^()]*\))*?,\s*'([A-Z][A-Z_]+)'\s*\)/g),
    ...collect(/\btooComplex\((?:[^()]|\([^()]*\))*?,\s*'([A-Z][A-Z_]+)'/g),
    ...collect(/\brefuse\((?:[^()]|\([^()]*\))*?,\s*'([A-Z][A-Z_]+)'\s*\)/g),
    ...union('analytics/import/errors.ts', 'ImportErrorCode'),
  ]),
].sort();
const PROBLEM_KINDS = union('analytics/import/errors.ts', 'ProblemKind');
/** class-validator's constraint names for the decorators the server's inputs use, and the custom ones. */
const DECORATOR_RULE: Record<string, string> = { Length: 'isLength', IsUUID: 'isUuid', ValidateNested: 'nestedValidation', IsCode: 'matches', IsUserEmail: 'isEmail' };
const RULES = [
  ...new Set([
    ...collect(/@((?:Is|Max|Min|Array|Validate)[A-Za-z]*|Length|Matches)\(/g)
      .filter((d) => d !== 'IsOptional')
      .map((d) => DECORATOR_RULE[d] ?? d.charAt(0).toLowerCase() + d.slice(1)),
    ...collect(/ValidateBy\(\{\s*name: '([a-zA-Z]+)'/g),
    // The analytics filter schema (zod) names its rules in one union type.
    ...[...(/export type InputRule =([^;]+);/.exec(fs.readFileSync(path.join(ROOT, 'analytics/model/filter.ts'), 'utf8'))?.[1] ?? '').matchAll(/'([a-zA-Z]+)'/g)].map((m) => m[1] ?? ''),
  ]),
].sort();

function lookup(language: 'en' | 'da', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? Object.getOwnPropertyDescriptor(node, part)?.value : undefined), messages[language]);
}
const missing = (prefix: string, codes: readonly string[]) =>
  codes.flatMap((code) => (['en', 'da'] as const).filter((l) => typeof lookup(l, `${prefix}.${code}`) !== 'string' || lookup(l, `${prefix}.${code}`) === '').map((l) => `${l} ${prefix}.${code}`));

describe('every code the server can send has both languages', () => {
  it('finds the codes in the server source (the collector still works)', () => {
    expect(CODES).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'RATE_LIMITED', 'CLIENT_CLOSED_REQUEST', 'PAYLOAD_TOO_LARGE']));
    expect(REASONS).toEqual(expect.arrayContaining(['MISSING_FIELDS', 'VALIDATION_FAILED', 'PROVIDER_UNREACHABLE', 'QUERY_TOO_COSTLY', 'TOO_MANY_REQUESTS', 'IMPORT_INVALID_ROWS', 'IMPORT_UNDO_REFUSED']));
    expect(PROBLEM_KINDS).toEqual(expect.arrayContaining(['MISSING_VALUE', 'SCORE_OUT_OF_RANGE', 'BAD_FILE']));
    expect(RULES).toEqual(expect.arrayContaining(['maxLength', 'isLength', 'isUuid', 'isIn', 'matches', 'isLocalDate', 'notBeforeFrom']));
    expect(REASONS.length).toBeGreaterThan(50);
  });

  it('error codes, reasons, import problem kinds and validation rules', () => {
    expect(missing('serverErrors.code', CODES)).toEqual([]);
    expect(missing('serverErrors.reason', REASONS)).toEqual([]);
    expect(missing('importProblems.kind', PROBLEM_KINDS)).toEqual([]);
    expect(missing('serverErrors.rule', RULES)).toEqual([]);
  });
});

describe('refusals in the reader’s language', () => {
  it('English shows the server’s own sentence; Danish the translation of its code, with the parameters sent beside it', () => {
    const error = graphqlError('BAD_USER_INPUT', { reason: 'MISSING_FIELDS', fields: ['name', 'metric'] }, 'A new target needs name, metric.');
    expect(errorInfo(error).serverMessage).toBe('A new target needs name, metric.');
    applyLanguage('da');
    expect(errorInfo(error).serverMessage).toBe('Udfyld de påkrævede felter: name, metric.');
    expect(errorInfo(error).rawMessage).toBe('A new target needs name, metric.');
    expect(errorInfo(graphqlError('RATE_LIMITED', { reason: 'TOO_MANY_REQUESTS', retryAfterSeconds: 30 }, 'Too many requests; try again in 30 seconds.')).serverMessage).toBe(
      'For mange forespørgsler. Prøv igen om 30 sekunder.',
    );
  });

  it('falls back on the code, then on the server’s English, for a reason nobody translated', () => {
    applyLanguage('da');
    expect(errorInfo(graphqlError('NOT_FOUND', { reason: 'JOURNEY_NOT_FOUND' }, 'Journey x does not exist.')).serverMessage).toBe('Det findes ikke længere; det kan være slettet. Genindlæs siden.');
    expect(errorInfo(graphqlError('SOMETHING_NEW', { reason: 'ALSO_NEW' }, 'A brand new refusal.')).serverMessage).toBe('A brand new refusal.');
  });

  it('puts validation problems beside their fields, in Danish by the rules the server names', () => {
    const error = graphqlError(
      'BAD_USER_INPUT',
      { reason: 'VALIDATION_FAILED', fields: [{ field: 'name', problems: ['name must be shorter than or equal to 200 characters'], rules: ['maxLength'] }, { field: 'input.startDate', problems: ['startDate must be a day that exists'], rules: ['isLocalDate'] }] },
      'Invalid input',
    );
    expect(formErrors(error).fields).toEqual({ name: 'Name must be shorter than or equal to 200 characters.', startDate: 'StartDate must be a day that exists.' });
    applyLanguage('da');
    expect(formErrors(error).fields).toEqual({ name: 'For lang.', startDate: 'Skal være en dag, der findes, skrevet ÅÅÅÅ-MM-DD.' });
    // One field named by the server: the sentence beside it does not name it again.
    expect(formErrors(graphqlError('CONFLICT', { reason: 'DUPLICATE', field: 'code' }, 'code "X" is already in use; choose another.')).fields).toEqual({ code: 'Værdien er allerede i brug. Vælg en anden.' });
  });
});

describe('import problems in the reader’s language', () => {
  const group = { kind: 'BAD_NUMBER', column: 'Pris', touchpoint: null, value: null, examples: ['1.234,5', 'n/a'], count: 1203, message: 'column `Pris`: 1,203 values are not a number (e.g. 1.234,5, n/a).', suggestion: null };
  it('English keeps the server’s sentence; Danish says the same from the kind, column, count and examples', () => {
    expect(importProblemText(group)).toBe(group.message);
    applyLanguage('da');
    expect(importProblemText(group)).toBe('Kolonne “Pris”: 1.203 værdier er ikke tal (fx 1.234,5, n/a).');
    expect(importProblemText({ ...group, kind: 'SCORE_OUT_OF_RANGE', column: 'Seat comfort', touchpoint: 'TP_SEAT', value: '0', examples: [], count: 1 })).toBe(
      'Kolonne “Seat comfort” (kontaktpunkt TP_SEAT): én værdi ligger uden for skalaen (0).',
    );
    expect(importProblemText({ ...group, kind: 'MISSING_VALUE', examples: [], count: 4 })).toBe('Kolonne “Pris”: 4 værdier er tomme.');
  });
});
