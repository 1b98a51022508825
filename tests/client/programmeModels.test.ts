import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { parsePastedNames, proposeCode } from '../../client/src/features/journeys/model/codes';
import { toBeDiff } from '../../client/src/features/journeys/model/toBeDiff';
import { parseAmount, toInput, EMPTY_INITIATIVE } from '../../client/src/features/initiatives/model/initiativeForm';
import { toTargetForm, toTargetInput, emptyTarget, type TargetRow } from '../../client/src/features/targets/model/targetForm';
import { editableNumber } from '../../client/src/shared/forms/numbers';
import { applyLanguage } from '../../client/src/shared/i18n';
import { fieldPath, formErrors } from '../../client/src/shared/forms/fieldErrors';
import { csvOf, nextSort, searchRows, sortRows, type TableColumn } from '../../client/src/shared/model/table';
import { makePhase, makeTouchpoint } from './support/factories';

const refusal = (extensions: Record<string, unknown>, message: string) => new CombinedError({ graphQLErrors: [{ message, extensions }] });

describe('server errors placed on form fields (one spelling of field paths)', () => {
  it('spells paths as the input does: no "input." prefix, list indices as numbers, columns as fields', () => {
    expect(fieldPath('input.name')).toBe('name');
    expect(fieldPath('moves[0].share')).toBe('moves.0.share');
    expect(fieldPath('inputs.2.code')).toBe('inputs.2.code');
    expect(fieldPath('persona_code')).toBe('code');
    expect(fieldPath('department_id')).toBe('departmentId');
  });

  it('puts a single-field refusal on its field, without repeating the field name', () => {
    const e = formErrors(refusal({ code: 'BAD_USER_INPUT', field: 'expectedEffect.value' }, 'expectedEffect.value: is a share from 0 to 1; got 30.'));
    expect(e).toEqual({ fields: { 'expectedEffect.value': 'Is a share from 0 to 1; got 30.' }, general: null });
  });

  it("puts each validation problem on its own field, and names without problems take the server's message", () => {
    const validation = formErrors(refusal({ code: 'BAD_USER_INPUT', fields: [{ field: 'name', problems: ['name must be shorter than or equal to 200 characters'] }, { field: 'kpis.1.unit', problems: ['unit must be a string'] }] }, 'Invalid input'));
    expect(validation.fields).toEqual({ name: 'Name must be shorter than or equal to 200 characters.', 'kpis.1.unit': 'Unit must be a string.' });
    const missing = formErrors(refusal({ code: 'BAD_USER_INPUT', fields: ['name', 'code'] }, 'A new persona needs name and code.'));
    expect(Object.keys(missing.fields)).toEqual(['name', 'code']);
  });

  it('keeps a refusal without a field as the general message, and says nothing was saved when the server is unreachable', () => {
    expect(formErrors(refusal({ code: 'CONFLICT' }, 'The unit is in use'))).toEqual({ fields: {}, general: 'The unit is in use.' });
    expect(formErrors(new CombinedError({ networkError: new Error('down') })).general).toContain('Nothing was saved');
  });
});

describe('the shared list: search, sort, CSV', () => {
  type Row = { name: string; npv: number | null };
  const columns: TableColumn<Row>[] = [
    { key: 'name', label: 'Name', value: (r) => r.name },
    { key: 'npv', label: 'NPV', value: (r) => r.npv, numeric: true },
  ];
  const rows: Row[] = [
    { name: 'Kundeservice på telefon', npv: 10 },
    { name: 'Claims letter', npv: null },
    { name: 'App login', npv: -5 },
  ];

  it('finds rows by every word, ignoring case and accents', () => {
    expect(searchRows(rows, columns, 'PA telefon').map((r) => r.name)).toEqual(['Kundeservice på telefon']);
    expect(searchRows(rows, columns, '')).toHaveLength(3);
  });

  it('sorts numbers as numbers with empty values last in both directions, then back to the original order', () => {
    expect(sortRows(rows, columns, { key: 'npv', direction: 'asc' }).map((r) => r.npv)).toEqual([-5, 10, null]);
    expect(sortRows(rows, columns, { key: 'npv', direction: 'desc' }).map((r) => r.npv)).toEqual([10, -5, null]);
    const asc = nextSort(null, 'npv');
    const desc = nextSort(asc, 'npv');
    expect([asc?.direction, desc?.direction, nextSort(desc, 'npv')]).toEqual(['asc', 'desc', null]);
  });

  it('exports what is shown, with the column labels', () => {
    expect(csvOf(rows.slice(0, 1), columns)).toEqual({ header: ['Name', 'NPV'], rows: [['Kundeservice på telefon', 10]] });
  });
});

describe('codes proposed from pasted names', () => {
  it('spells Danish letters the way survey codes do and keeps codes unique', () => {
    expect(proposeCode('Første møde med rådgiver')).toBe('TP_FOERSTE_MOEDE_MED_RAADGIVER');
    expect(proposeCode('Chat with an advisor', new Set(['tp_chat_with_an_advisor']))).toBe('TP_CHAT_WITH_AN_ADVISOR_2');
    expect(proposeCode('!!!')).toBe('TP_TOUCHPOINT');
    expect(proposeCode('x'.repeat(80)).length).toBeLessThanOrEqual(40);
  });

  it('reads one name a line, dropping bullets, numbers and spreadsheet columns after a tab', () => {
    expect(parsePastedNames('- Web shop\n\n2. Phone call\tignored\n• Phone call', new Set())).toEqual([
      { name: 'Web shop', code: 'TP_WEB_SHOP' },
      { name: 'Phone call', code: 'TP_PHONE_CALL' },
      { name: 'Phone call', code: 'TP_PHONE_CALL_2' },
    ]);
  });
});

describe('what a to-be journey changes for the customer', () => {
  const asIs = {
    phases: [
      makePhase({ id: 'a-buy', name: 'Buy', position: 0, actions: ['Compare'], touchpoints: [makeTouchpoint({ id: 'web', name: 'Web', position: 0 }), makeTouchpoint({ id: 'call', name: 'Call', channel: 'PHONE', position: 1 })] }),
      makePhase({ id: 'a-use', name: 'Use', position: 1, touchpoints: [makeTouchpoint({ id: 'letter', name: 'Letter', position: 0 })] }),
    ],
  };
  const toBe = {
    phases: [
      makePhase({
        id: 't-buy',
        name: 'Buy',
        position: 0,
        actions: ['Compare', 'Chat'],
        touchpoints: [
          makeTouchpoint({ id: 'web2', name: 'Web', position: 0, basedOn: { id: 'web', code: 'TP-web' } }),
          makeTouchpoint({ id: 'call2', name: 'Call', channel: 'APP', position: 1, basedOn: { id: 'call', code: 'TP-call' } }),
          makeTouchpoint({ id: 'chat', name: 'Chat', position: 2 }),
        ],
      }),
      makePhase({ id: 't-use', name: 'Use', position: 1 }),
    ],
  };

  it('marks added, changed (saying what) and removed touchpoints, and phases whose narrative changed', () => {
    const d = toBeDiff(asIs, toBe);
    expect(Object.fromEntries(d.touchpoints)).toEqual({ web2: 'UNCHANGED', call2: 'CHANGED', chat: 'ADDED' });
    expect(d.touchpointChanges.get('call2')).toEqual(['channel: Phone → App']);
    expect(d.removed.get('t-use')).toEqual([{ id: 'letter', name: 'Letter' }]);
    expect(d.narrative.get('t-buy')).toEqual(['actions']);
    expect(d.narrative.has('t-use')).toBe(false);
    expect(d.counts).toEqual({ added: 1, changed: 1, removed: 1, phasesWithNarrativeChanges: 1 });
  });
});

describe('initiative and target forms to their inputs', () => {
  it('reads amounts as people type them', () => {
    expect(parseAmount('12 500')).toBe(12500);
    expect(parseAmount('12.500,5')).toBe(12500.5);
    expect(parseAmount('12,500.5')).toBe(12500.5);
    expect(parseAmount('DKK 1000')).toBe(1000);
    expect(parseAmount('abc')).toBeNull();
  });

  it('sends a conversion entered in per cent as a share, and marks what does not read', () => {
    const ok = toInput({ ...EMPTY_INITIATIVE, title: ' Call-back ', effectKind: 'DETRACTORS_TO_PASSIVES', effectValue: '30', oneOffCost: '100 000' });
    expect(ok.input).toMatchObject({ title: 'Call-back', expectedEffect: { kind: 'DETRACTORS_TO_PASSIVES', value: 0.3 }, oneOffCost: 100000, departmentId: null });
    const bad = toInput({ ...EMPTY_INITIATIVE, title: '', yearlyCost: 'lots', startDate: '2027-02-01', endDate: '2027-01-01' });
    expect(bad.input).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['endDate', 'title', 'yearlyCost']);
  });

  it('sends share targets as fractions and only the reference the scope takes', () => {
    const { input } = toTargetInput({ ...emptyTarget(), name: 'Retention', metric: 'RETENTION', scope: 'PERSONA', personaId: 'p1', journeyId: 'j1', baseline: '88', targetValue: '92', baselineDate: '2026-01-01', dueDate: '2028-01-01' });
    expect(input).toMatchObject({ baseline: 0.88, targetValue: 0.92, personaId: 'p1', journeyId: null, touchpointId: null });
    const missing = toTargetInput({ ...emptyTarget(), name: 'x', scope: 'TOUCHPOINT', baseline: '1', targetValue: '2' });
    expect(missing.errors).toHaveProperty('touchpointId');
  });

  it('shows a stored number for editing without binary noise and without losing a digit a person typed', () => {
    expect(0.07 * 100).not.toBe(7);
    expect(editableNumber(0.07, 100)).toBe(7);
    expect(editableNumber(0.1234567, 100)).toBe(12.34567);
    expect(editableNumber(1234.5678905)).toBe(1234.567891);
    expect(editableNumber(-0.003, 100)).toBe(-0.3);
  });

  it('gives back the same share target when a target form is saved unchanged (it kept 3 decimals before: 12.346 %)', () => {
    const stored = { id: 't1', name: 'Retention', metric: 'RETENTION', scope: 'COMPANY', kpiName: null, baseline: 0.8812345, baselineDate: '2026-01-01T00:00:00.000Z', targetValue: 0.1234567, dueDate: '2028-01-01T00:00:00.000Z', persona: null, journey: null, touchpoint: null } as const;
    const form = toTargetForm({ ...stored, progress: null } as unknown as TargetRow);
    expect([form.baseline, form.targetValue]).toEqual(['88.12345', '12.34567']);
    expect(toTargetInput(form).input).toMatchObject({ baseline: 0.8812345, targetValue: 0.1234567 });
  });

  it("names a target's missing parts in the user's language (issue 23)", () => {
    const bad = { ...emptyTarget(), scope: 'TOUCHPOINT' as const, baseline: 'many', targetValue: '2', dueDate: '2020-01-01', baselineDate: '2026-01-01' };
    expect(toTargetInput(bad).errors).toMatchObject({ touchpointId: 'Choose the touchpoint the target is for.', baseline: 'Write the baseline as a number.' });
    applyLanguage('da');
    try {
      expect(toTargetInput(bad).errors).toEqual({
        name: 'Giv målet et navn, fx "Virksomhedens NPS +25 i 2028".',
        touchpointId: 'Vælg det kontaktpunkt, målet gælder for.',
        baseline: 'Skriv udgangspunktet som et tal.',
        dueDate: 'Deadline skal ligge efter datoen for udgangspunktet.',
      });
    } finally {
      applyLanguage('en');
    }
  });
});
