import type { DimensionRows } from '../../analytics/sync/dimensions.js';
import type { DemoCompany } from '../demo/company.types.js';

/**
 * The demo company's journey model as dimension rows, with stable synthetic ids ("demo:..."), so a
 * generated store is usable on its own (CLI, benchmarks, tests). The server replaces them with the
 * Postgres model through syncDimensions; facts join by code, so nothing else changes.
 */
export function demoDimensionRows(company: DemoCompany): DimensionRows {
  const rows: DimensionRows = { personas: [], departments: [], journeys: [], phases: [], touchpoints: [] };
  const departmentId = (name: string) => `demo:department:${name}`;
  rows.personas = company.personas.map((p) => ({ persona_id: `demo:persona:${p.code}`, code: p.code, name: p.name }));
  rows.departments = company.departments.map((d) => ({ department_id: departmentId(d.name), name: d.name }));
  const asIs = 'demo:journey:as-is';
  const toBe = 'demo:journey:to-be';
  rows.journeys = [
    { journey_id: asIs, name: company.journey.name, state: 'AS_IS', purpose: company.journey.purpose, improves_id: null, persona_id: null },
    { journey_id: toBe, name: company.toBe.name, state: 'TO_BE', purpose: company.journey.purpose, improves_id: asIs, persona_id: null },
  ];
  company.journey.phases.forEach((phase, position) => {
    for (const [journeyId, state] of [[asIs, 'as-is'], [toBe, 'to-be']] as const) {
      const phaseId = `demo:phase:${state}:${position}`;
      rows.phases.push({ phase_id: phaseId, journey_id: journeyId, position, name: phase.name, emotion: phase.emotion });
      const kept = phase.touchpoints.filter((tp) => state === 'as-is' || !company.toBe.removeTouchpoints.includes(tp.code));
      kept.forEach((tp, i) =>
        rows.touchpoints.push({
          touchpoint_id: `demo:touchpoint:${state}:${tp.code}`,
          journey_id: journeyId,
          phase_id: phaseId,
          position: i,
          code: state === 'as-is' ? tp.code : null,
          name: tp.name,
          channel: tp.channel,
          online: tp.online,
          direct: tp.direct,
          department_id: departmentId(tp.department),
          critical: tp.critical,
          difficult: tp.difficult,
          based_on_id: state === 'as-is' ? null : `demo:touchpoint:as-is:${tp.code}`,
        }),
      );
      if (state === 'to-be') {
        company.toBe.addTouchpoints
          .filter((a) => a.phase === phase.name)
          .forEach((a, i) =>
            rows.touchpoints.push({
              touchpoint_id: `demo:touchpoint:to-be:new:${position}:${i}`,
              journey_id: journeyId,
              phase_id: phaseId,
              position: kept.length + i,
              code: null,
              name: a.name,
              channel: a.channel,
              online: a.online,
              direct: a.direct,
              department_id: departmentId(a.department),
              critical: false,
              difficult: false,
              based_on_id: null,
            }),
          );
      }
    }
  });
  return rows;
}
