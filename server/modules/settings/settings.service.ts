import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../../auth/auth.service.js';
import { CompanySettings } from './settings.entity.js';
import { sql } from '../../common/sql.js';

/** The changes updateCompanySettings takes; absent fields stay as they are. */
export interface CompanySettingsChange {
  currency?: string | null;
  commentRetentionMonths?: number | null;
}

/** The settings row, created with the defaults the first time it is needed. */
export async function companySettings(em: EntityManager): Promise<CompanySettings> {
  const found = await em.findOne(CompanySettings, { id: 1 });
  if (found) return found;
  await sql(em, `insert into company_settings (id, currency, updated_at) values (1, 'DKK', now()) on conflict (id) do nothing`, [], 'run');
  return em.findOneOrFail(CompanySettings, { id: 1 });
}

/** Company-wide settings (currency, comment retention). */
export class SettingsService {
  constructor(private readonly em: EntityManager) {}

  get(): Promise<CompanySettings> {
    return companySettings(this.em);
  }

  /** Applies the change and audits it with the settings as they now are; 0 months turns retention off. */
  async update(byUserId: string, change: CompanySettingsChange): Promise<CompanySettings> {
    const s = await this.get();
    if (change.currency) s.currency = change.currency;
    if (change.commentRetentionMonths !== undefined && change.commentRetentionMonths !== null) s.commentRetentionMonths = change.commentRetentionMonths || null;
    audit(this.em, 'SETTINGS_CHANGED', byUserId, { currency: s.currency, commentRetentionMonths: s.commentRetentionMonths ?? null });
    await this.em.flush();
    return s;
  }
}
