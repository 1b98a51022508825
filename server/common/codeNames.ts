import { getCodeNames, type CodeKind } from '../../analytics/queries/names/getCodeNames.js';
import { requestScoped, type Context } from '../context.js';

export type { CodeKind };

export interface CodeNames {
  /** The name people know the thing by; null when the code is not (or no longer) in the model. */
  name(kind: CodeKind, code: string | null | undefined): string | null;
  /** Names of several codes, in their order; an unknown code stays as it is so the list stays aligned. */
  names(kind: CodeKind, codes: readonly string[] | null | undefined): string[] | null;
}

/**
 * Names beside codes in results (personaName next to personaCode, ...): one query per request, however
 * many rows ask, so the number of statements does not grow with the list.
 */
export const codeNames = requestScoped(async (ctx: Context): Promise<CodeNames> => {
  const byKind = new Map<CodeKind, Map<string, string>>();
  for (const r of await getCodeNames(ctx.deps.analytics)) byKind.set(r.kind, (byKind.get(r.kind) ?? new Map<string, string>()).set(r.code, r.name));
  const name = (kind: CodeKind, code: string | null | undefined) => (code ? (byKind.get(kind)?.get(code) ?? null) : null);
  return { name, names: (kind, codes) => (codes ? codes.map((c) => name(kind, c) ?? c) : null) };
});
