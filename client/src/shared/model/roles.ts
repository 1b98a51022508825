import type { Role } from '../../graphql/generated';
import { t } from '../i18n';

/** Each role's name in the user's language (read at render time, so a language change shows at once). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  get ADMIN() {
    return t('roles.ADMIN');
  },
  get STRATEGIST() {
    return t('roles.STRATEGIST');
  },
  get ANALYST() {
    return t('roles.ANALYST');
  },
  get EXECUTIVE() {
    return t('roles.EXECUTIVE');
  },
};
export const ROLES: readonly Role[] = ['ADMIN', 'STRATEGIST', 'ANALYST', 'EXECUTIVE'];
