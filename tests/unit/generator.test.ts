import { describe, expect, it } from 'vitest';
import { defaultDemoEndDate, demoDataStart, makeDemoCompany } from '../../seeds/demo/company.js';
import { localDateMs } from '../../analytics/localDate.js';
import { InitiativeStatus } from '../../server/modules/initiatives/initiative.entity.js';
import { TargetMetric, TargetScope } from '../../server/modules/targets/target.entity.js';
import { runShape } from '../../seeds/generate/index.js';
import { cumulative, parameterTablesSql } from '../../seeds/generate/model.js';
import { KPI_SERIES, PERSONAS, PHASE_KINDS, PLANTED, TOUCHPOINTS, UNITS } from '../../seeds/generate/planted.js';
import { seedMix } from '../../seeds/generate/random.js';

const company = makeDemoCompany('2026-11-15', 24);
const touchpoints = company.journey.phases.flatMap((p) => p.touchpoints);

describe('demo company', () => {
  it('has one as-is journey of 7 phases from before purchase to leaving, with 40-50 uniquely coded touchpoints', () => {
    expect(company.journey.phases.map((p) => p.name)).toEqual([
      'Before purchase', 'Consideration & quote', 'Purchase & onboarding', 'Everyday use', 'Claim & complaint', 'Renewal', 'Leaving',
    ]);
    expect(touchpoints.length).toBeGreaterThanOrEqual(40);
    expect(touchpoints.length).toBeLessThanOrEqual(50);
    expect(new Set(touchpoints.map((t) => t.code)).size).toBe(touchpoints.length);
    for (const phase of company.journey.phases) {
      expect(phase.emotion).toBeGreaterThanOrEqual(-2);
      expect(phase.emotion).toBeLessThanOrEqual(2);
      expect(phase.actions.length * phase.thoughts.length * phase.feelings.length).toBeGreaterThan(0);
    }
  });

  it('covers web, app, phone, letter, email, face-to-face, partners and social/advertising, each touchpoint with KPIs and an owner', () => {
    const channels = new Set(touchpoints.map((t) => t.channel));
    for (const c of ['WEB', 'APP', 'PHONE', 'LETTER', 'EMAIL', 'FACE_TO_FACE', 'PARTNER', 'SOCIAL', 'ADVERTISING']) expect(channels).toContain(c);
    const departments = new Set(company.departments.map((d) => d.name));
    expect(departments.size).toBe(5);
    for (const tp of touchpoints) {
      expect(tp.kpis.length, tp.code).toBeGreaterThan(0);
      expect(departments, tp.code).toContain(tp.department);
      expect(tp.code).toMatch(/^TP_[A-Z_]+$/);
    }
    expect(touchpoints.some((t) => t.critical) && touchpoints.some((t) => t.difficult)).toBe(true);
  });

  it('fits targets and initiatives to the data window: NPS baseline -44 at the start, target +25 a year after the end', () => {
    const nps = company.targets.find((t) => t.metric === TargetMetric.NPS && t.scope === TargetScope.COMPANY);
    expect(nps).toMatchObject({ baseline: -44, targetValue: 25, baselineDate: '2024-12-01', dueDate: '2027-11-15' });
    expect(company.targets.length).toBeGreaterThanOrEqual(4);
    expect(company.targets.length).toBeLessThanOrEqual(5);
    expect(company.initiatives.length).toBeGreaterThanOrEqual(5);
    expect(new Set(company.initiatives.map((i) => i.status)).size).toBeGreaterThanOrEqual(3);
    expect(company.initiatives.map((i) => i.status)).toContain(InitiativeStatus.DONE);
    const codes = new Set(touchpoints.map((t) => t.code));
    for (const i of company.initiatives) {
      for (const code of i.touchpoints) expect(codes).toContain(code);
      expect(i.feasibility).toBeGreaterThanOrEqual(1);
      expect(i.effectRating).toBeLessThanOrEqual(5);
    }
    for (const t of company.targets) if (t.scope === TargetScope.TOUCHPOINT) expect(codes).toContain(t.scopeCode);
    for (const code of company.toBe.removeTouchpoints) expect(codes).toContain(code);
  });

  it('has 3-4 personas and 8-12 units, all with generator parameters', () => {
    expect(company.personas.map((p) => p.code).sort()).toEqual(PERSONAS.map((p) => p.code).sort());
    expect(company.units.length).toBeGreaterThanOrEqual(8);
    expect(company.units.length).toBeLessThanOrEqual(12);
    for (const u of company.units) expect(UNITS[u.code], u.code).toBeDefined();
  });
});

describe('generator parameters', () => {
  it('names only touchpoints, personas and KPIs that exist in the demo company', () => {
    const codes = touchpoints.map((t) => t.code);
    expect(Object.keys(TOUCHPOINTS).sort()).toEqual([...codes].sort());
    for (const code of PLANTED.topDrivers) expect(codes).toContain(code);
    expect(codes).toContain(PLANTED.drop.touchpoint);
    expect(company.journey.phases.map((p) => p.name)).toContain(PLANTED.worsePhase.phase);
    expect(PHASE_KINDS).toHaveLength(company.journey.phases.length);
    for (const k of KPI_SERIES) expect(touchpoints.find((t) => t.code === k.touchpoint)?.kpis.map((x) => x.name)).toContain(k.kpi);
    expect(() => parameterTablesSql(company)).not.toThrow();
  });

  it('refuses a company with a touchpoint the generator has no parameters for', () => {
    const broken = makeDemoCompany('2026-11-15');
    broken.journey.phases[0]!.touchpoints.push({ ...broken.journey.phases[0]!.touchpoints[0]!, code: 'TP_UNKNOWN' });
    expect(() => parameterTablesSql(broken)).toThrow(/TP_UNKNOWN has no generator parameters/);
  });

  it('slices (0, 1) proportionally to weights, ending at 1', () => {
    const slices = cumulative([1, 3]);
    expect(slices[0]).toEqual({ lo: 0, hi: 0.25 });
    expect(slices[1]!.lo).toBe(0.25);
    expect(slices[1]!.hi).toBeGreaterThanOrEqual(1);
  });
});

describe('default end of the demo data', () => {
  it('is yesterday (UTC), so the last answer (22:00 at the latest) is before now at any hour, also just after midnight', () => {
    expect(defaultDemoEndDate(new Date('2026-12-07T00:03:00Z'))).toBe('2026-12-06');
    expect(defaultDemoEndDate(new Date('2026-12-07T23:59:59Z'))).toBe('2026-12-06');
    expect(defaultDemoEndDate(new Date('2027-01-01T00:00:00Z'))).toBe('2026-12-31');
    expect(defaultDemoEndDate(new Date('2028-03-01T09:00:00Z'))).toBe('2028-02-29');
    for (const now of ['2026-12-07T00:00:00Z', '2026-12-07T07:00:00Z', '2026-12-07T21:59:59Z']) {
      const latestAnswer = localDateMs(defaultDemoEndDate(new Date(now))) + 22 * 3_600_000;
      expect(latestAnswer, now).toBeLessThanOrEqual(Date.parse(now));
    }
  });
});

describe('run shape', () => {
  it('starts on the first of the month 23 months before the end and splits responses 80/20', () => {
    const shape = runShape({ customers: 1000, responses: 10_001, months: 24, seed: 1, endDate: '2026-11-15' });
    expect(demoDataStart('2026-11-15', 24)).toBe('2024-12-01');
    expect(shape).toMatchObject({ start: '2024-12-01', end: '2026-11-15', days: 715, relResponses: 2000, tpResponses: 8001, quarters: 9 });
    expect(shape.customerIdWidth).toBe(7);
    expect(shape.responseIdWidth).toBe(8);
  });

  it('rejects sizes, months and dates it cannot generate', () => {
    const ok = { customers: 10, responses: 10, months: 24, seed: 1, endDate: '2026-11-15' };
    expect(() => runShape({ ...ok, customers: 0 })).toThrow(/customers/);
    expect(() => runShape({ ...ok, responses: 1.5 })).toThrow(/responses/);
    expect(() => runShape({ ...ok, months: 3 })).toThrow(/months/);
    expect(() => runShape({ ...ok, seed: -1 })).toThrow(/seed/);
    expect(() => runShape({ ...ok, endDate: '15/11/2026' })).toThrow(/endDate/);
  });
});

describe('seed mixing', () => {
  it('is deterministic, differs between seeds and fits a positive BIGINT', () => {
    expect(seedMix(42)).toBe(seedMix(42));
    expect(seedMix(42)).not.toBe(seedMix(43));
    expect(seedMix(0)).toBeGreaterThan(0n);
    expect(seedMix(2 ** 40)).toBeLessThan(1n << 62n);
    expect(() => seedMix(-1)).toThrow();
  });
});
