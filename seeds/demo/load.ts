import type { EntityManager } from '@mikro-orm/postgresql';
import { Department } from '../../server/modules/departments/department.entity.js';
import { Initiative } from '../../server/modules/initiatives/initiative.entity.js';
import { Journey } from '../../server/modules/journeys/journey.entity.js';
import { JourneyState } from '../../server/modules/journeys/journey.enums.js';
import { Phase } from '../../server/modules/journeys/phase.entity.js';
import { Touchpoint } from '../../server/modules/journeys/touchpoint.entity.js';
import { JourneyService } from '../../server/modules/journeys/journey.service.js';
import { Persona } from '../../server/modules/personas/persona.entity.js';
import { Target, TargetScope } from '../../server/modules/targets/target.entity.js';
import { targetValueProblem } from '../../server/modules/targets/target.service.js';
import { AlertRule } from '../../server/modules/alerts/alert.entity.js';
import type { DemoCompany } from './company.types.js';
import { sql } from '../../server/common/sql.js';

/** True when the journey model is empty (a fresh database): the demo company may be loaded. */
export async function isModelEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(Journey)) === 0 && (await em.count(Persona)) === 0;
}

/** Deletes the journey model, initiatives and targets (users, audit and follow-up history stay). */
export async function clearModel(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    for (const entity of [Target, Initiative, Journey, Persona, Department, AlertRule]) await tx.nativeDelete(entity, {});
  });
}

/**
 * `npm run seed -- --reset`: replaces the journey model with `company`. Deleting departments would leave
 * users and follow-up cases without one (their queue gone, the cases ADMIN-only), so both are linked
 * again to the department of the same name in the new model.
 */
export async function replaceWithDemoCompany(em: EntityManager, company: DemoCompany): Promise<{ touchpoints: number; phases: number; relinked: number }> {
  const before = [
    ...(await sql<{ id: string; name: string }[]>(em, `select u.id, d.name from "user" u join department d on d.id = u.department_id`)).map((r) => ({ ...r, table: 'user' })),
    ...(await sql<{ id: string; name: string }[]>(em, `select c.id, d.name from follow_up_case c join department d on d.id = c.department_id`)).map((r) => ({ ...r, table: 'follow_up_case' })),
  ];
  await clearModel(em);
  const loaded = await loadDemoCompany(em.fork(), company);
  const ids = new Map((await em.fork().find(Department, {})).map((d) => [d.name, d.id]));
  let relinked = 0;
  for (const table of ['user', 'follow_up_case']) {
    for (const [name, id] of ids) {
      const rows = before.filter((r) => r.table === table && r.name === name).map((r) => r.id);
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        relinked += (await sql(em, `update "${table}" set department_id = ? where id in (?)`, [id, chunk], 'run')).affectedRows;
      }
    }
  }
  return { ...loaded, relinked };
}

/** Writes the demo company to Postgres in one transaction: personas, departments, the as-is and to-be journeys, initiatives, targets. */
export async function loadDemoCompany(root: EntityManager, company: DemoCompany): Promise<{ touchpoints: number; phases: number }> {
  return root.transactional(async (em) => {
    const departments = new Map(company.departments.map((d) => [d.name, em.create(Department, d)]));
    const department = (name: string) => {
      const found = departments.get(name);
      if (!found) throw new Error(`Demo company: touchpoint or initiative names unknown department "${name}"`);
      return found;
    };
    const personas = new Map(company.personas.map((p) => [p.code, em.create(Persona, p)]));

    const { phases, ...journeyFields } = company.journey;
    const asIs = em.create(Journey, { ...journeyFields, state: JourneyState.AS_IS });
    const touchpoints = new Map<string, Touchpoint>();
    let touchpointCount = 0;
    phases.forEach(({ touchpoints: tps, ...phaseFields }, position) => {
      const phase = em.create(Phase, { ...phaseFields, journey: asIs, position });
      tps.forEach((tp, tpPosition) => {
        const created = em.create(Touchpoint, { ...tp, department: department(tp.department), phase, position: tpPosition });
        touchpoints.set(tp.code, created);
        touchpointCount++;
      });
    });
    await em.flush();

    const toBe = await new JourneyService(em).copyToBe(asIs.id, company.toBe.name);
    toBe.description = company.toBe.description;
    await em.populate(toBe, ['phases.touchpoints.basedOn']);
    for (const phase of toBe.phases) {
      for (const tp of phase.touchpoints.getItems()) {
        if (tp.basedOn?.code && company.toBe.removeTouchpoints.includes(tp.basedOn.code)) phase.touchpoints.remove(tp);
      }
      phase.touchpoints.getItems().forEach((tp, i) => (tp.position = i));
      for (const added of company.toBe.addTouchpoints.filter((a) => a.phase === phase.name)) {
        const { phase: _name, department: dep, ...fields } = added;
        phase.touchpoints.add(em.create(Touchpoint, { ...fields, department: department(dep), phase, position: phase.touchpoints.length }));
      }
    }

    for (const { touchpoints: codes, department: dep, startDate, endDate, ...fields } of company.initiatives) {
      const initiative = em.create(Initiative, {
        ...fields,
        department: department(dep),
        startDate: startDate ? new Date(startDate) : undefined,
        endDate: endDate ? new Date(endDate) : undefined,
      });
      initiative.touchpoints.set(codes.map((code) => touchpoints.get(code) ?? fail(`initiative "${fields.title}" names unknown touchpoint ${code}`)));
    }

    for (const { scopeCode, baselineDate, dueDate, ...fields } of company.targets) {
      // The same value rule as the API's (a seed bypasses the service's input checks otherwise).
      for (const value of [fields.baseline, fields.targetValue]) {
        const problem = targetValueProblem(fields.metric, value);
        if (problem) fail(`target "${fields.name}": ${problem}`);
      }
      em.create(Target, {
        ...fields,
        baselineDate: new Date(baselineDate),
        dueDate: new Date(dueDate),
        journey: fields.scope === TargetScope.JOURNEY ? asIs : undefined,
        persona: fields.scope === TargetScope.PERSONA ? (personas.get(scopeCode ?? '') ?? fail(`target "${fields.name}": unknown persona ${scopeCode}`)) : undefined,
        touchpoint:
          fields.scope === TargetScope.TOUCHPOINT ? (touchpoints.get(scopeCode ?? '') ?? fail(`target "${fields.name}": unknown touchpoint ${scopeCode}`)) : undefined,
      });
    }
    // The default alert rule (source 004 "måling og varsling"): touchpoint NPS, last 4 weeks vs the 26 weeks before.
    em.create(AlertRule, { name: 'Touchpoint NPS drop', windowDays: 28, baselineDays: 182, thankPromoters: true });
    await em.flush();
    return { touchpoints: touchpointCount, phases: phases.length };
  });
}

function fail(message: string): never {
  throw new Error(`Demo company: ${message}`);
}
