import type { Role } from '../../graphql/generated';

export const ROLE_LABELS: Record<Role, string> = { ADMIN: 'Administrator', STRATEGIST: 'Strategist', ANALYST: 'Analyst', EXECUTIVE: 'Executive' };
export const ROLES: readonly Role[] = ['ADMIN', 'STRATEGIST', 'ANALYST', 'EXECUTIVE'];
