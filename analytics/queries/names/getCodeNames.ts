import { z } from 'zod';
import type { Queryable } from '../../store.js';

const Row = z.object({ kind: z.enum(['persona', 'touchpoint', 'unit']), code: z.string(), name: z.string() });
export type CodeNameRow = z.infer<typeof Row>;
/** What a code in a result can name. */
export type CodeKind = CodeNameRow['kind'];

/** Every persona, touchpoint and unit code with its name (the three dimension tables are small). */
export function getCodeNames(store: Queryable): Promise<CodeNameRow[]> {
  return store.all(
    `SELECT 'persona' AS kind, code, name FROM dim_personas
     UNION ALL SELECT 'touchpoint', code, name FROM dim_touchpoints WHERE code IS NOT NULL
     UNION ALL SELECT 'unit', unit_code, name FROM dim_units`,
    undefined,
    Row,
  );
}
