import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../client/src/shared/i18n';
import { undoSummary } from '../../client/src/features/import/model/undo';
import { buildMapping, codeFrom, combinations, emptyChoice, patternMatches, stateFromMapping, toJsonObject, type WizardState } from '../../client/src/features/import/model/mapping';

const columns = ['id', 'Customer Type', 'Type of Travel', 'satisfaction', 'Seat comfort', 'Inflight wifi service'];

function airline(): WizardState {
  const state = stateFromMapping('RESPONSES', columns, {});
  state.columns.id = { ...emptyChoice(), role: 'field', field: 'customer_id' };
  state.columns.satisfaction = { ...emptyChoice(), role: 'field', field: 'ltr', valueMap: { satisfied: '10', 'neutral or dissatisfied': '0', other: '' } };
  state.columns['Seat comfort'] = { ...emptyChoice(), role: 'touchpoint', touchpoint: 'TP_SEAT', field: 'satisfaction', missing: '0' };
  state.columns['Inflight wifi service'] = { ...emptyChoice(), role: 'touchpoint', touchpoint: 'TP_WIFI', field: 'satisfaction', missing: '0, 99' };
  state.constants = [{ field: 'responded_at', value: '2025-06-30' }];
  state.outcome = 'binary';
  return state;
}

describe('the wizard writes the one mapping format', () => {
  it('writes the attribute-rating example of analytics/import/README.md', () => {
    expect(buildMapping(airline())).toEqual({
      format: 'wide',
      columns: { id: 'customer_id', satisfaction: 'ltr' },
      constants: { responded_at: '2025-06-30' },
      outcome: 'binary',
      valueMaps: { satisfaction: { satisfied: 10, 'neutral or dissatisfied': 0 } },
      wide: { 'Seat comfort': { touchpoint: 'TP_SEAT', field: 'satisfaction' }, 'Inflight wifi service': { touchpoint: 'TP_WIFI', field: 'satisfaction' } },
      columnMissingValues: { 'Seat comfort': ['0'], 'Inflight wifi service': ['0', '99'] },
    });
  });

  it('reads a saved mapping back into the same wizard state (round trip), keeping keys it does not edit', () => {
    const mapping = { ...buildMapping(airline()), headerRows: 3, csv: { delimiter: ';' } };
    const again = stateFromMapping('RESPONSES', columns, mapping);
    expect(buildMapping(again)).toEqual(mapping);
    expect(again.columns['Seat comfort']).toMatchObject({ role: 'touchpoint', touchpoint: 'TP_SEAT', missing: '0' });
  });

  it('derives the persona from two columns, one case per combination of their values', () => {
    const cases = combinations({ 'Customer Type': ['Loyal Customer', 'disloyal Customer'], 'Type of Travel': ['Business travel', 'Personal Travel'] }, ['Customer Type', 'Type of Travel']);
    expect(cases).toHaveLength(4);
    expect(cases[0]).toEqual({ 'Customer Type': 'Loyal Customer', 'Type of Travel': 'Business travel' });
    expect(codeFrom('Loyal Customer', 'Business travel')).toBe('LOYAL_CUSTOMER_BUSINESS_TRAVEL');
    const state = stateFromMapping('CUSTOMERS', columns, { columns: { id: 'customer_id' } });
    state.derived = [{ field: 'persona_code', columns: ['Customer Type', 'Type of Travel'], cases: cases.map((when, i) => ({ when, value: i === 3 ? '' : `P${i}` })) }];
    const mapping = buildMapping(state);
    expect(mapping.derived).toEqual({
      persona_code: { cases: cases.slice(0, 3).map((when, i) => ({ when, value: `P${i}` })) },
    });
    // A column read only by the derived field is not mapped itself, and no wide format for customers.
    expect(mapping.columns).toEqual({ id: 'customer_id' });
    expect(mapping.format).toBeUndefined();
  });

  it('finds touchpoint columns by pattern and leaves an empty wizard as {}', () => {
    expect(patternMatches('sat_{touchpoint}', ['sat_TP_WEB', 'ltr_TP_WEB', 'SAT_TP_PHONE'])).toEqual([
      { column: 'sat_TP_WEB', touchpoint: 'TP_WEB' },
      { column: 'SAT_TP_PHONE', touchpoint: 'TP_PHONE' },
    ]);
    expect(buildMapping(stateFromMapping('CUSTOMERS', columns, {}))).toEqual({});
    expect(toJsonObject({ a: 1, b: [1, 'x', null], c: { d: true }, e: undefined, f: () => 1 })).toEqual({ a: 1, b: [1, 'x', null], c: { d: true } });
    expect(toJsonObject('nope')).toEqual({});
  });
});

describe('the undo confirmation in both languages', () => {
  const preview = { importId: '1', kind: 'RESPONSES', mode: 'APPEND', undoable: true, refusal: null, rowsNow: 1201, rowsAfter: 200, answersRemoved: 1001, casesRemoved: 1, casesKept: 2, customersRemoved: 0 } as const;
  afterEach(() => applyLanguage('en'));

  it('says what goes and what stays, singular and plural, with the table named', () => {
    applyLanguage('en');
    expect(undoSummary(preview)).toEqual([
      'Removes the 1,001 rows this import added to “Survey answers”; 200 stay.',
      'Deletes 1 follow-up case opened for these answers that nobody has worked yet.',
      expect.stringMatching(/^Keeps 2 follow-up cases someone has worked/),
    ]);
    applyLanguage('da');
    expect(undoSummary(preview)).toEqual([
      'Fjerner de 1.001 rækker, som denne import tilføjede til “Svar fra undersøgelser”; 200 bliver.',
      'Sletter 1 opfølgningssag, der er oprettet for disse svar, og som ingen har arbejdet med endnu.',
      expect.stringMatching(/^Beholder 2 opfølgningssager, som nogen har arbejdet med/),
    ]);
  });
});

describe('a survey file that also creates its customers (issue 16)', () => {
  it('writes the customers part from the customer fields, and reads it back', () => {
    const state = airline();
    state.withCustomers = true;
    state.columns['Customer Type'] = { ...emptyChoice(), role: 'field', field: 'customers.unit_code' };
    state.derived = [{ field: 'customers.persona_code', columns: ['Type of Travel'], cases: [{ when: { 'Type of Travel': 'Business travel' }, value: 'BUSINESS' }] }];
    state.constants.push({ field: 'customers.acquisition_cost', value: '120' });
    const mapping = buildMapping(state);
    expect(mapping.customers).toEqual({
      columns: { 'Customer Type': 'unit_code' },
      derived: { persona_code: { cases: [{ when: { 'Type of Travel': 'Business travel' }, value: 'BUSINESS' }] } },
      constants: { acquisition_cost: '120' },
    });
    expect(mapping.columns).toEqual({ id: 'customer_id', satisfaction: 'ltr' });
    expect(mapping.constants).toEqual({ responded_at: '2025-06-30' });
    expect(buildMapping(stateFromMapping('RESPONSES', columns, mapping))).toEqual(mapping);
    // Switched off: the customer fields are left out, the answers' mapping stays.
    expect(buildMapping({ ...state, withCustomers: false })).not.toHaveProperty('customers');
  });
});
