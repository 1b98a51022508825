import type { Channel, JourneyPurpose } from '../../server/modules/journeys/journey.enums.js';
import type { EffectKind, InitiativeStatus, InitiativeTrack } from '../../server/modules/initiatives/initiative.entity.js';
import type { TargetMetric, TargetScope } from '../../server/modules/targets/target.entity.js';
import type { Role } from '../../server/modules/users/user.enums.js';

/**
 * The demo company as plain data. seeds/demo/load.ts writes it to Postgres; the synthetic
 * generator (seeds/generate) uses the same codes, so customer data joins the model.
 */
export interface DemoCompany {
  name: string;
  departments: { name: string; description: string }[];
  /** The department (by name) of the demo users created on first start, so their follow-up queue has cases. */
  userDepartments: Partial<Record<Role, string>>;
  personas: {
    code: string;
    name: string;
    description: string;
    needs: string[];
    behaviours: string[];
    preferredChannels: Channel[];
  }[];
  /** The as-is journey; the to-be journey is a copy with the changes in `toBe`. */
  journey: {
    name: string;
    description: string;
    purpose: JourneyPurpose;
    owner: string;
    sponsor: string;
    phases: {
      name: string;
      description: string;
      actions: string[];
      thoughts: string[];
      feelings: string[];
      /** -2..+2, from the workshop. */
      emotion: number;
      touchpoints: {
        code: string;
        name: string;
        channel: Channel;
        online: boolean;
        direct: boolean;
        /** Department name. */
        department: string;
        responsible: string;
        purpose: string;
        kpis: { name: string; unit: string; target?: number; higherIsBetter: boolean }[];
        functionalElements: string[];
        emotionalElements: string[];
        critical: boolean;
        difficult: boolean;
      }[];
    }[];
  };
  toBe: {
    name: string;
    description: string;
    /** Touchpoint codes of the as-is journey that the to-be journey drops. */
    removeTouchpoints: string[];
    /** New touchpoints (no code yet: nobody measures them) added at the end of a phase, by phase name. */
    addTouchpoints: { phase: string; name: string; channel: Channel; online: boolean; direct: boolean; department: string; purpose: string }[];
  };
  initiatives: {
    title: string;
    description: string;
    touchpoints: string[];
    department: string;
    track: InitiativeTrack;
    status: InitiativeStatus;
    oneOffCost: number;
    yearlyCost: number;
    expectedEffect: { kind: EffectKind; value: number };
    feasibility: number;
    effectRating: number;
    startDate?: string;
    endDate?: string;
  }[];
  targets: {
    name: string;
    metric: TargetMetric;
    scope: TargetScope;
    /** Persona code or touchpoint code, for PERSONA / TOUCHPOINT scope. */
    scopeCode?: string;
    kpiName?: string;
    baseline: number;
    baselineDate: string;
    targetValue: number;
    dueDate: string;
  }[];
  /** Branches (units) for unit analysis; codes used by customers.unit_code and unit_metrics.unit_code. */
  units: { code: string; name: string }[];
}
