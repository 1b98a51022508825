import { Role } from '../users/user.enums.js';

/** The settings that turn a provider's claims into a role and a yes/no to sign in. */
export interface ClaimRules {
  roleClaim: string;
  roleMapping: Record<string, Role>;
  defaultRole?: Role | null;
  groupsClaim: string;
  allowedGroups: string[];
}

/** Most privileged first: a person in an admin group and a reader group is an admin. */
const ROLE_ORDER = [Role.ADMIN, Role.STRATEGIST, Role.ANALYST, Role.EXECUTIVE];
const ROLES = new Set<string>(ROLE_ORDER);
const isRole = (value: string): value is Role => ROLES.has(value);

/** A claim's values as strings: providers send one string, a list, or a space-separated string. */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The role the claims give: every value of the role claim mapped through the company's mapping (or, when
 * a value is a role's own name such as "ANALYST", that role); the most privileged wins; none → the
 * default role, or null (refused).
 */
export function roleFromClaims(rules: ClaimRules, claims: Record<string, unknown>): Role | null {
  const mapped = new Set<Role>();
  for (const value of claimValues(claims[rules.roleClaim])) {
    const role = rules.roleMapping[value] ?? (isRole(value.toUpperCase()) ? value.toUpperCase() : undefined);
    if (role && isRole(role)) mapped.add(role);
  }
  return ROLE_ORDER.find((role) => mapped.has(role)) ?? rules.defaultRole ?? null;
}

/** True when no groups are required or the claims list one of them (exact, case-sensitive, as providers send ids). */
export function inAllowedGroup(rules: ClaimRules, claims: Record<string, unknown>): boolean {
  if (rules.allowedGroups.length === 0) return true;
  const groups = new Set(claimValues(claims[rules.groupsClaim]));
  return rules.allowedGroups.some((group) => groups.has(group));
}
