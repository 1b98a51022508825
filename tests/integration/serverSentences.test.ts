import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { withLanguage, type Language } from '../../analytics/i18n/index.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { listen } from '../support/httpServer.js';
import { groupText, type ProblemContext } from '../../analytics/import/messages.js';
import { KINDS, type KindSpec } from '../../analytics/import/kinds.js';
import type { ProblemKind } from '../../analytics/import/errors.js';
import { ImportRun, ImportRunStatus } from '../../server/modules/imports/import.entity.js';
import { makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Issue 23: the sentences the server writes into its answers are in the reader's language. Each family
 * is asked for in English and in Danish: English word for word as before, Danish with no English left.
 * Demo company, 20,000 customers and 200,000 answers over 24 months ending 2026-06-30.
 */
const END = '2026-06-30';
let app: TestApp;

beforeAll(async () => {
  app = await makeTestApp();
  await loadDemoCompany(app.orm.em.fork(), makeDemoCompany(END));
  await app.analytics.syncModel();
  const { journeys } = await app.ok('{ journeys { phases { touchpoints { name } } } }');
  dataNames = journeys.flatMap((j: any) => j.phases.flatMap((p: any) => p.touchpoints.map((t: any) => t.name))).sort((a: string, b: string) => b.length - a.length);
  await generate(app.analytics.store, { customers: 20_000, responses: 200_000, months: 24, seed: 42, endDate: END, dimensions: 'never' });
}, 300_000);
afterAll(async () => app?.close());

/** Runs `query` as `role` with the reader's language `language`. */
const ask = (language: Language, query: string, variables: Record<string, unknown> = {}, role: Role = Role.STRATEGIST) => withLanguage(language, () => app.ok(query, variables, role));

/** Words that only English sentences have (none is a Danish word). */
const ENGLISH = /\b(the|of|customers|with|and|discounted|paid|yearly|become|answers?|rises|hidden|current|scaled|counted|every|which|there|years)\b/i;
/** Names from the customer's own data (the demo's touchpoints are named in English) are not sentences. */
let dataNames: string[] = [];
function danishOnly(texts: readonly string[]): void {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(dataNames.reduce((t, name) => t.replaceAll(name, '·'), text), text).not.toMatch(ENGLISH);
}

const CASE = `title range { method } lineItems { kind formula inputs } moves { basis } translation { explanation }
  assumptions { group input source } population { description }`;
const BUSINESS_CASE = `query($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { ${CASE} } }`;
/** Every sentence of a case, in one list. */
const caseSentences = (c: any): string[] => [
  c.title,
  c.range.method,
  ...c.lineItems.flatMap((l: any) => [l.formula, ...l.inputs]),
  ...c.moves.map((m: any) => m.basis),
  ...c.translation.map((s: any) => s.explanation),
  ...c.assumptions.map((a: any) => a.source),
  c.population.description,
];

describe('the business case in the reader language', () => {
  it('writes line-item formulas, inputs, sources, moves and the population in English as before and in Danish', async () => {
    const scenario = { s: { moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 0.1 }], scaleToCustomerBase: true, discountRate: 0.1 } };
    const { businessCase: en } = await ask('en', BUSINESS_CASE, scenario);
    const { businessCase: da } = await ask('da', BUSINESS_CASE, scenario);
    // English exactly as the server always wrote it.
    expect(en.title).toBe('Scenario');
    expect(en.range.method).toBe('Every input at the end of its 95% interval that hurts (low) or helps (high) the case, all at once: wider than a confidence interval of the result, on purpose.');
    expect(en.lineItems.find((l: any) => l.kind === 'ONE_OFF_COST').formula).toBe('one-off cost, paid at the start');
    expect(en.moves[0].basis).toMatch(/^10\.0% of [\d,]+ current detractors, ×\d\.\d{3} to the customer base$/);
    expect(en.assumptions.find((a: any) => a.group === 'DETRACTOR' && a.input === 'ANNUAL_MARGIN').source).toMatch(
      /^annual contribution margin of detractors, loyaltyBySatisfaction\(all customers; answers up to \d{4}-\d{2}-\d{2}, followed 12 months\), n=[\d,]+$/,
    );
    expect(en.population.description).toMatch(/^Moves are counted among the [\d,]+ current customers with a relationship answer and scaled ×\d\.\d{3} to all [\d,]+ current customers \(all customers\)/);
    expect(en.lineItems.find((l: any) => l.kind === 'ONE_OFF_COST').inputs).toEqual(['one-off cost 0']);
    expect(en.lineItems.find((l: any) => l.kind === 'YEARLY_COST').inputs[1]).toBe('discount rate 0.1 (scenario override), horizon 3 years');

    // Danish: the same sentences, every one in Danish, numbers and dates the Danish way.
    expect(da.title).toBe('Scenarie');
    expect(da.lineItems.find((l: any) => l.kind === 'ONE_OFF_COST').formula).toBe('engangsomkostning, betalt ved start');
    expect(da.moves[0].basis).toMatch(/^10,0 % af [\d.]+ nuværende kritikere, ×\d,\d{3} til hele kundebasen$/);
    expect(da.assumptions.find((a: any) => a.group === 'DETRACTOR' && a.input === 'ANNUAL_MARGIN').source).toMatch(
      /^Årligt dækningsbidrag for kritikere, loyalitet efter tilfredshed \(alle kunder; svar til og med \d{1,2}\. [a-zæøå]+\.? \d{4}, fulgt i 12 måneder\), n=[\d.]+$/,
    );
    expect(da.lineItems.find((l: any) => l.kind === 'YEARLY_COST').inputs[1]).toBe('diskonteringsrente 0,1 (din egen værdi i scenariet), periode 3 år');
    danishOnly(caseSentences(da));
    expect(caseSentences(da)).toHaveLength(caseSentences(en).length);
  });

  it("explains an initiative's translation steps in Danish", async () => {
    const { initiatives } = await app.ok('{ initiatives { id title } }');
    const id = initiatives.find((i: any) => i.title === 'One named claims handler per claim').id;
    const { businessCase: en } = await ask('en', BUSINESS_CASE, { s: { initiativeId: id } });
    const { businessCase: da } = await ask('da', BUSINESS_CASE, { s: { initiativeId: id } });
    expect(en.translation.some((s: any) => /^Movers' satisfaction at \w+ rises [\d.]+ points/.test(s.explanation))).toBe(true);
    expect(da.translation.some((s: any) => /^Tilfredsheden ved \w+ stiger [\d,]+ point/.test(s.explanation))).toBe(true);
    expect(da.moves.every((m: any) => / via \w+ \([\d,]+ % af kontaktpunktets [\d.]+ \w+ bliver \w+, LTR i relationsmålingen \+[\d,]+\)/.test(m.basis))).toBe(true);
    danishOnly(caseSentences(da).filter((s) => s !== da.title));
  });
});

describe('priorities in the reader language', () => {
  const PRIORITIES = `{ priorities(filter: { from: "2025-07-01", to: "${END}" }) { valueAtStakeFormula splitDescription outcomeDefinition outcomeScale
    touchpoints { touchpointCode difficultReasons notEstimatedReason } } }`;
  it('words value at stake, the split, the outcome and why a touchpoint is difficult or not estimated', async () => {
    const { priorities: en } = await ask('en', PRIORITIES, {}, Role.ANALYST);
    const { priorities: da } = await ask('da', PRIORITIES, {}, Role.ANALYST);
    expect(en.valueAtStakeFormula).toMatch(/^importance \(share of R², 0-1\) × gapNps \/ 100/);
    expect(en.splitDescription).toMatch(/^Important: importance share >= 0\.\d{4} \(the median of the \d+ touchpoints the driver analysis could estimate\)\. Strong: NPS >= /);
    expect(en.outcomeDefinition).toBe("The customer's latest relationship likelihood-to-recommend (0-10) in the period; customers without one are left out.");
    expect(da.valueAtStakeFormula).toMatch(/^vægt \(andel af R², 0-1\) × afstand til mål i NPS/);
    expect(da.splitDescription).toMatch(/^Vigtigt: vægt >= 0,\d{4} \(medianen af de \d+ kontaktpunkter, som drivkraftsanalysen kunne estimere\)\. Stærkt: NPS >= /);
    const reasons = (p: any) => p.touchpoints.flatMap((t: any) => [...t.difficultReasons, ...(t.notEstimatedReason ? [t.notEstimatedReason] : [])]);
    expect(reasons(en).some((r: string) => r.startsWith('detractor share 0.'))).toBe(true);
    expect(reasons(da).some((r: string) => r.startsWith('andel kritikere 0,'))).toBe(true);
    expect(reasons(da)).toHaveLength(reasons(en).length);
    danishOnly([da.valueAtStakeFormula, da.splitDescription, da.outcomeDefinition, da.outcomeScale, ...reasons(da)]);
  });
});

describe('target notes, the status diagnosis and persona-gap ranking in the reader language', () => {
  it('says what a target measures and why it has no status', async () => {
    const input = { name: 'Company NPS +80', metric: 'NPS', scope: 'COMPANY', baseline: -20, targetValue: 80, baselineDate: '2026-06-01T00:00:00.000Z', dueDate: '2026-12-31T00:00:00.000Z' };
    await app.ok('mutation($input: TargetInput!) { createTarget(input: $input) { id } }', { input });
    const QUERY = '{ targets { name progress { measured note } } }';
    const en = (await ask('en', QUERY, {}, Role.EXECUTIVE)).targets.find((t: any) => t.name === input.name).progress;
    const da = (await ask('da', QUERY, {}, Role.EXECUTIVE)).targets.find((t: any) => t.name === input.name).progress;
    expect(en.measured).toBe('relationship NPS of all customers');
    expect(da.measured).toBe('NPS i relationsmålingen for alle kunder');
    expect(en.note).toMatch(/^(No complete bucket with data on this scope yet\.|Too few complete buckets since the baseline \(\d+\) for a trend with an interval; at least 3 are needed\.)$/);
    expect(da.note).toMatch(/^(Endnu ingen afsluttet periode med data for dette omfang\.|For få afsluttede perioder siden udgangspunktet \(\d+\) til en tendens med konfidensinterval; der kræves mindst 3\.)$/);
  });

  it('gives the conditions that decided the programme, and how persona gaps are ranked', async () => {
    const QUERY = `{ statusDiagnosis(asOf: "${END}") { reasons } personaGaps { ranking } }`;
    const en = await ask('en', QUERY, {}, Role.ANALYST);
    const da = await ask('da', QUERY, {}, Role.ANALYST);
    expect(en.statusDiagnosis.reasons[0]).toMatch(/^12-month churn \d+\.\d% is (at or above|below) \d+\.\d%/);
    expect(da.statusDiagnosis.reasons[0]).toMatch(/^Kundeafgangen over 12 måneder på \d+,\d % er (på eller over|under) \d+,\d %/);
    expect(da.statusDiagnosis.reasons).toHaveLength(en.statusDiagnosis.reasons.length);
    expect(en.personaGaps.ranking).toMatch(/^Ranked by the lower bound of the difference's interval/);
    danishOnly([...da.statusDiagnosis.reasons, da.personaGaps.ranking]);
  });
});

describe('the alert rule explanation, the baseline suggestion and the persona-gap definition in the reader language', () => {
  it('explains an alert rule as before in English and in Danish', async () => {
    const QUERY = `query($m: MultipleComparisons) { alertRulePreview(input: { windowDays: 14, baselineDays: 90, multipleComparisons: $m }) { explanation } }`;
    const explain = async (language: Language, m: string) => (await ask(language, QUERY, { m }, Role.ADMIN)).alertRulePreview.explanation as string;
    const en = await explain('en', 'NONE');
    expect(en).toBe(
      "Raise an alert when a touchpoint's NPS (answers right after the touchpoint) over the last 14 days is significantly below its previous 90 days (difference test of two NPS values, z below -1.96; each scope is tested on its own at 5%, so across many scopes some false alarms are expected; a touchpoint with satisfaction ratings but no likelihood-to-recommend answers is tested on its mean CSAT instead). Only scopes with at least 30 answers in both periods are tested.",
    );
    expect(await explain('en', 'BONFERRONI')).toContain('% chance of any false alarm in one check over all of them together, so the bar rises with the number of scopes tested;');
    const da = [await explain('da', 'NONE'), await explain('da', 'BONFERRONI')];
    expect(da[0]).toMatch(/^Giv en alarm, når et kontaktpunkts NPS \(svar lige efter kontaktpunktet\) over de seneste 14 dage er signifikant under de foregående 90 dage \(.*z under −\d+(,\d+)?; hvert område testes for sig på \d+(,\d+)? %/);
    danishOnly(da);
  });

  it('says why no baseline can be suggested, and how persona gaps are found', async () => {
    const QUERY = `query($input: TargetInput!) { targetBaselineSuggestion(input: $input) { measured note } }`;
    const input = { name: 'x', metric: 'NPS', scope: 'COMPANY', kpiName: null };
    const kpi = { input: { ...input, metric: 'TOUCHPOINT_KPI', scope: 'TOUCHPOINT' } };
    const en = (await ask('en', QUERY, kpi, Role.ADMIN)).targetBaselineSuggestion;
    const da = (await ask('da', QUERY, kpi, Role.ADMIN)).targetBaselineSuggestion;
    expect(en.note).toBe('No complete quarter with data for this scope yet: enter the baseline by hand.');
    expect(da.note).toBe('Endnu intet afsluttet kvartal med data for dette omfang: indtast udgangspunktet selv.');
    const GAPS = '{ personaGaps { definition ranking } }';
    const gapsEn = (await ask('en', GAPS, {}, Role.ANALYST)).personaGaps;
    const gapsDa = (await ask('da', GAPS, {}, Role.ANALYST)).personaGaps;
    expect(gapsEn.definition).toMatch(/^Per phase and per touchpoint: the touchpoint-answer NPS of each persona with n >= minN \(the metrics NPS grouped by persona\)\. /);
    expect(gapsEn.definition).toContain(` the largest lower bound of its adjusted Wald interval (1.5 pseudo-answers per side). ${gapsEn.ranking} The test is z = `);
    expect(gapsDa.definition).toContain(gapsDa.ranking);
    danishOnly([da.note, da.measured, gapsDa.definition]);
  });
});

describe('why an initiative is not ranked, in the reader language', () => {
  it('gives the reason an initiative has no case', async () => {
    await app.ok('mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }', { input: { title: 'Kaffebar' } }, Role.ADMIN);
    const QUERY = '{ initiativeRanking { problem initiative { title } } }';
    const problem = async (language: Language) => (await ask(language, QUERY, {}, Role.ANALYST)).initiativeRanking.find((r: any) => r.initiative.title === 'Kaffebar').problem as string;
    expect(await problem('en')).toBe('effect: initiative "Kaffebar" has no expected effect; set one on the initiative or give effect in the scenario');
    const da = await problem('da');
    expect(da).toBe('effect: initiativet "Kaffebar" har ingen forventet effekt; angiv en på initiativet, eller giv en effekt i scenariet');
    danishOnly([da]);
  });
});

describe('import wizard suggestions in the reader language', () => {
  /** Every suggestion the wizard gives, one problem group each: [kind, field, value]. */
  const CASES: [KindSpec, ProblemKind, string, string | null, boolean?][] = [
    [KINDS.responses, 'MISSING_VALUE', 'customer_id', 'x', true],
    [KINDS.responses, 'MISSING_VALUE', 'customer_id', null, true],
    [KINDS.responses, 'MISSING_VALUE', 'ltr', null],
    [KINDS.responses, 'MISSING_VALUE', 'customer_id', null],
    [KINDS.responses, 'SCORE_OUT_OF_RANGE', 'satisfaction', '0'],
    [KINDS.responses, 'SCORE_OUT_OF_RANGE', 'satisfaction', 'good'],
    [KINDS.customers, 'BAD_NUMBER', 'acquisition_cost', 'cheap'],
    [KINDS.customers, 'BAD_NUMBER', 'acquisition_cost', '1,5'],
    [KINDS.customers, 'BAD_DATE', 'acquired_at', '31/12/2025'],
    [KINDS.responses, 'BAD_TIMESTAMP', 'responded_at', 'yesterday'],
    [KINDS.profitability, 'NOT_FIRST_OF_MONTH', 'month', '2026-01-15'],
    [KINDS.customers, 'UNKNOWN_CODE', 'persona_code', 'BUSINES'],
    [KINDS.customers, 'UNKNOWN_CODE', 'persona_code', 'STUDENT'],
    [KINDS.customers, 'UNKNOWN_CODE', 'unit_code', null],
    [KINDS.responses, 'UNKNOWN_CODE', 'touchpoint_code', 'TP_X'],
    [KINDS.responses, 'DUPLICATE_IN_STORE', 'response_id', null],
    [KINDS.responses, 'UNKNOWN_CUSTOMER', 'customer_id', null],
    [KINDS.responses, 'CONFLICTING_VALUE', 'customer_id', null],
  ];
  const codes = { persona: ['BUSINESS', 'LEISURE'], unit: [], touchpoint: Array.from({ length: 40 }, (_, i) => `TP_${i}`) };
  const suggestions = (language: Language) =>
    withLanguage(language, () =>
      CASES.map(([spec, kind, name, value, derived]) => {
        const field = spec.fields.find((f) => f.name === name)!;
        const ctx: ProblemContext = { spec, mapping: { columns: {} } as ProblemContext['mapping'], unit: 'line', codes, hints: {} };
        const group = { kind, column: 'Col', touchpoint: null, field: name, value, examples: [], count: 2, firstLine: 3 };
        return groupText(group, field, derived ?? false, ctx).suggestion!;
      }),
    );

  it('words what to do about each problem group in English as before and in Danish', () => {
    const en = suggestions('en');
    const da = suggestions('da');
    expect(en).toEqual([
      'Add a case for x to mapping.derived.customer_id, or a "default".',
      'Add a case for these values to mapping.derived.customer_id, or a "default".',
      'Map the overall question to ltr, or give touchpoint answers a satisfaction / professional / sympathetic / trustworthy / atmosphere / effort column.',
      'Fill them in, or set a constant for customer_id when every row has the same value.',
      "Map 0 as 'no answer' (columnMissingValues for `Col`, or missingValues for the whole file)?",
      'Add good to the value map of `Col` (valueMaps), turning it into a 1-5 score?',
      'Add cheap to the value map of `Col` (valueMaps), turning it into a number?',
      'Set "decimalSeparator": "," if the file uses a decimal comma.',
      'Set "dateFormat" in the mapping to the file\'s format (e.g. "%d/%m/%Y").',
      'Set "timestampFormat" in the mapping to the file\'s format (e.g. "%d/%m/%Y %H:%M").',
      'Write months as YYYY-MM or YYYY-MM-01.',
      'Did you mean BUSINESS? Map BUSINES to it in valueMaps.',
      'Create the persona STUDENT first, or map the values to known codes (valueMaps). Known persona codes: BUSINESS, LEISURE.',
      'Create the units first, or map the values to known codes (valueMaps). No unit codes are known yet.',
      `Create the touchpoint TP_X first, or map the values to known codes (valueMaps). Known touchpoint codes: ${codes.touchpoint.slice(0, 20).join(', ')}, ... (40 in all).`,
      'Was this file imported already? See the import history; or import in replace mode to replace the whole table.',
      'Import the customers first (kind customers; the same file can be imported as customers with its own mapping).',
      'Make the rows of each customer agree in `Col`, or leave customer_id out of the customers part of the mapping (existing customers keep theirs).',
    ]);
    expect(da[12]).toBe('Opret først personaen STUDENT, eller omsæt værdierne til kendte koder (valueMaps). Kendte koder for personaer: BUSINESS, LEISURE.');
    expect(da[5]).toBe('Skal good tilføjes til værdiomsætningen for `Col` (valueMaps), så den bliver til en score fra 1-5?');
    expect(da).toHaveLength(en.length);
    // The mapping's own option and field names stay as they are written in the mapping; the words around them are Danish.
    danishOnly(da.map((s) => s.replace(/`[^`]*`|"[^"]*"|\b[a-z]+(_[a-z]+)+\b|\b(mapping\.derived|valueMaps|columnMissingValues|missingValues|ltr|good|cheap|yesterday)\b/g, '·')));
  });
});

describe('why an import cannot be undone, in the reader language', () => {
  it('says so in the undo preview', async () => {
    const em = app.orm.em.fork();
    const undone = em.create(ImportRun, { kind: 'units', table: 'dim_units', mode: 'append', file: 'enheder.csv', status: ImportRunStatus.UNDONE });
    await em.flush();
    const QUERY = 'query($id: ID!) { undoImportPreview(id: $id) { undoable refusal } }';
    const en = (await ask('en', QUERY, { id: undone.id }, Role.ADMIN)).undoImportPreview;
    const da = (await ask('da', QUERY, { id: undone.id }, Role.ADMIN)).undoImportPreview;
    expect(en).toEqual({ undoable: false, refusal: `Import ${undone.id} cannot be undone: it was undone already.` });
    expect(da.refusal).toBe(`Importen ${undone.id} kan ikke fortrydes: den er allerede fortrudt.`);
    danishOnly([da.refusal]);
  });
});

describe('the language of a request over HTTP', () => {
  it("follows Accept-Language, else the user's saved language, else English", async () => {
    const { user, password } = await createUser(app.orm.em.fork(), { email: 'reader@test.local', name: 'Reader', role: Role.STRATEGIST });
    const server = await listen(app.http);
    try {
      const post = async (query: string, headers: Record<string, string> = {}) => {
        const response = await fetch(new URL('/graphql', server.base), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
        return (await response.json()) as { data: any };
      };
      const signIn = await fetch(new URL('/graphql', server.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', variables: { e: user.email, p: password } }),
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const method = '{ businessCase(scenario: { moves: [{ from: DETRACTOR, to: PASSIVE, share: 0.1 }] }) { title } }';
      expect((await post(method, { cookie })).data.businessCase.title).toBe('Scenario');
      expect((await post(method, { cookie, 'accept-language': 'da-DK,da;q=0.9,en;q=0.8' })).data.businessCase.title).toBe('Scenarie');
      expect((await post(method, { cookie, 'accept-language': 'de, en;q=0.5, da;q=0.4' })).data.businessCase.title).toBe('Scenario');
      await post('mutation { setMyLanguage(language: DA) { language } }', { cookie });
      // No language named (Node's fetch sends "*"): the user's saved choice.
      expect((await post(method, { cookie })).data.businessCase.title).toBe('Scenarie');
      expect((await post(method, { cookie, 'accept-language': 'en' })).data.businessCase.title).toBe('Scenario');
    } finally {
      await server.close();
    }
  });
});
