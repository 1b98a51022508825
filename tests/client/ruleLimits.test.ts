/**
 * Issue 23: a refused form field names its limit in the reader's language ("Højst 120 tegn" / "At most
 * 120 characters"), from the arguments the server sends beside each rule (extensions.fields[].limits,
 * server/common/errors.ts; tests/integration/alerts.test.ts shows them over GraphQL).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formErrors } from '../../client/src/shared/forms/fieldErrors';
import { applyLanguage } from '../../client/src/shared/i18n';
import { graphqlError } from './support/factories';

afterEach(() => applyLanguage('en'));

/** A validation refusal as the server sends it: each field with its English problem, rules and limits. */
const refused = (...fields: Array<{ field: string; rules: string[]; limits?: Record<string, unknown[]> }>) =>
  graphqlError('BAD_USER_INPUT', { reason: 'VALIDATION_FAILED', fields: fields.map((f) => ({ problems: [`${f.field} is not valid (server English)`], ...f })) }, 'Invalid input');

const error = refused(
  { field: 'name', rules: ['maxLength'], limits: { maxLength: [120] } },
  { field: 'input.share', rules: ['max'], limits: { min: [0], max: [100] } },
  { field: 'input.slaDays', rules: ['min'], limits: { min: [1] } },
  { field: 'input.title', rules: ['isLength'], limits: { isLength: [1, 200] } },
  { field: 'input.note', rules: ['isLength'], limits: { isLength: [0, 4000] } },
  { field: 'input.personaCodes', rules: ['arrayMaxSize'], limits: { arrayMaxSize: [50] } },
  { field: 'input.scope', rules: ['isIn'], limits: { isIn: ['TOUCHPOINT', 'PERSONA', 'UNIT'] } },
  { field: 'input.currency', rules: ['matches'], limits: { matches: ['^[A-Z]{3}$'] } },
  { field: 'input.zThreshold', rules: ['max'], limits: { min: [1], max: [2.5] } },
  { field: 'input.startDate', rules: ['minDate'], limits: { minDate: ['2026-01-01'] } },
);

describe('validation messages name the limit', () => {
  it('in Danish', () => {
    applyLanguage('da');
    expect(formErrors(error).fields).toEqual({
      name: 'Højst 120 tegn.',
      share: 'Skal være mellem 0 og 100.',
      slaDays: 'Mindst 1.',
      title: 'Skal være mellem 1 og 200 tegn.',
      note: 'Højst 4.000 tegn.',
      personaCodes: 'Højst 50 elementer.',
      scope: 'Vælg en af: TOUCHPOINT, PERSONA, UNIT.',
      currency: 'Tre store bogstaver, fx DKK eller EUR.',
      zThreshold: 'Skal være mellem 1 og 2,5.',
      startDate: 'Skal være 1. jan. 2026 eller senere.',
    });
  });

  it('in English', () => {
    expect(formErrors(error).fields).toEqual({
      name: 'At most 120 characters.',
      share: 'Must be between 0 and 100.',
      slaDays: 'At least 1.',
      title: 'Must be between 1 and 200 characters.',
      note: 'At most 4,000 characters.',
      personaCodes: 'At most 50 items.',
      scope: 'Choose one of: TOUCHPOINT, PERSONA, UNIT.',
      currency: 'Three capital letters, for example DKK or EUR.',
      zThreshold: 'Must be between 1 and 2.5.',
      startDate: 'Must be 1 Jan 2026 or later.',
    });
  });

  it('falls back on the rule in Danish and on the server’s sentence in English when no limit came', () => {
    const bare = refused({ field: 'name', rules: ['maxLength'] }, { field: 'input.id', rules: ['isUuid'], limits: {} });
    expect(formErrors(bare).fields).toEqual({ name: 'Name is not valid (server English).', id: 'Input.id is not valid (server English).' });
    applyLanguage('da');
    expect(formErrors(bare).fields).toEqual({ name: 'For lang.', id: 'Ikke et gyldigt id.' });
  });
});
