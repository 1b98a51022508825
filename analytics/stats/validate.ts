/**
 * Input checks shared by the stats functions. Each throws an Error whose message starts with
 * the calling function's name and says which argument is wrong and what it was, so a bad value
 * coming from an import or an API argument can be traced without a debugger.
 */

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : `${typeof value} ${JSON.stringify(value)}`;
}

/** A finite number (rejects NaN and ±Infinity, which would otherwise propagate silently). */
export function requireFinite(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${fn}: ${name} must be a finite number, got ${describe(value)}`);
  }
}

/** A count: a finite integer >= 0. */
export function requireCount(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${fn}: ${name} must be a non-negative integer, got ${describe(value)}`);
  }
}

/** A finite number in the closed interval [min, max]. */
export function requireInRange(fn: string, name: string, value: number, min: number, max: number): void {
  requireFinite(fn, name, value);
  if (value < min || value > max) {
    throw new Error(`${fn}: ${name} must be between ${min} and ${max}, got ${value}`);
  }
}

/** A confidence level strictly between 0 and 1 (0.95 means a 95% interval). */
export function requireConfidenceLevel(fn: string, value: number): void {
  requireFinite(fn, 'confidenceLevel', value);
  if (value <= 0 || value >= 1) {
    throw new Error(`${fn}: confidenceLevel must be strictly between 0 and 1 (e.g. 0.95), got ${value}`);
  }
}
