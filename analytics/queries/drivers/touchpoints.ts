import type { Queryable } from '../../store.js';
import { checkOption, ConfidenceLevel, wholeNumber } from '../../model/filter.js';

/** A touchpoint of the copied journey model, as the driver and priority queries report it. */
export interface TouchpointInfo {
  code: string;
  name: string;
  phaseId: string;
  phaseName: string;
  critical: boolean;
  difficult: boolean;
}

/** Every touchpoint that survey data can refer to (it has a code), by code. */
export async function touchpointInfo(db: Queryable): Promise<Map<string, TouchpointInfo>> {
  const rows = await db.all<{ code: string; name: string; phase_id: string; phase_name: string; critical: boolean; difficult: boolean }>(
    `SELECT t.code, t.name, t.phase_id, p.name AS phase_name, t.critical, t.difficult
     FROM dim_touchpoints t JOIN dim_phases p ON p.phase_id = t.phase_id
     WHERE t.code IS NOT NULL ORDER BY t.journey_id, t.journey_position, t.code`,
  );
  return new Map(
    rows.map((r) => [r.code, { code: r.code, name: r.name, phaseId: r.phase_id, phaseName: r.phase_name, critical: r.critical, difficult: r.difficult }]),
  );
}

/** The name of a touchpoint for output; the code itself when the model does not know it (data ahead of the model). */
export function touchpointName(info: ReadonlyMap<string, TouchpointInfo>, code: string): string {
  return info.get(code)?.name ?? code;
}

/** Checks a whole-number option, naming the field and the allowed range. */
export function requireIntegerOption(field: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined) checkOption(field, wholeNumber(min, max), value);
}

/** Checks a confidence level option (0.95 = 95%). */
export function requireConfidenceOption(value: number | undefined): void {
  if (value !== undefined) checkOption('confidenceLevel', ConfidenceLevel, value);
}
