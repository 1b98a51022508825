import { describe, expect, it } from 'vitest';
import { claimValues, inAllowedGroup, roleFromClaims, type ClaimRules } from '../../server/modules/sso/sso.claims.js';
import { Role } from '../../server/modules/users/user.enums.js';

const rules: ClaimRules = {
  roleClaim: 'roles',
  roleMapping: { 'cx-analysts': Role.ANALYST, 'cx-board': Role.EXECUTIVE, 'cx-admins': Role.ADMIN },
  defaultRole: null,
  groupsClaim: 'groups',
  allowedGroups: [],
};

describe('claims to a role', () => {
  it('reads a claim sent as one string, a space- or comma-separated string, or a list', () => {
    expect(claimValues('a')).toEqual(['a']);
    expect(claimValues('a b,c')).toEqual(['a', 'b', 'c']);
    expect(claimValues(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(claimValues(undefined)).toEqual([]);
  });

  it('maps claim values through the company mapping, and a role name to itself', () => {
    expect(roleFromClaims(rules, { roles: ['cx-analysts'] })).toBe(Role.ANALYST);
    expect(roleFromClaims(rules, { roles: 'strategist' })).toBe(Role.STRATEGIST);
  });

  it('gives the most privileged of several matches', () => {
    expect(roleFromClaims(rules, { roles: ['cx-board', 'cx-admins', 'cx-analysts'] })).toBe(Role.ADMIN);
    expect(roleFromClaims(rules, { roles: ['cx-board', 'cx-analysts'] })).toBe(Role.ANALYST);
  });

  it('falls back on the default role, or refuses (null) without one', () => {
    expect(roleFromClaims(rules, { roles: ['unknown'] })).toBeNull();
    expect(roleFromClaims({ ...rules, defaultRole: Role.EXECUTIVE }, {})).toBe(Role.EXECUTIVE);
  });

  it('lets everyone in without allowed groups, and only members with them', () => {
    expect(inAllowedGroup(rules, {})).toBe(true);
    const restricted = { ...rules, allowedGroups: ['touchpoint-users'] };
    expect(inAllowedGroup(restricted, { groups: ['finance', 'touchpoint-users'] })).toBe(true);
    expect(inAllowedGroup(restricted, { groups: ['finance'] })).toBe(false);
    expect(inAllowedGroup(restricted, {})).toBe(false);
  });
});
