import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eraseCustomerFacts, readCustomerFacts } from '../../../analytics/privacy/customerData.js';
import type { JsonRow, Store } from '../../../analytics/store.js';
import { audit } from '../../auth/auth.service.js';
import { PrivacyErrors } from './privacy.errors.js';
import type { CommentRetentionRunType, CustomerErasureType } from './privacy.types.js';
import { retentionOff, runCommentRetention } from './retention.js';
import { sql } from '../../common/sql.js';

/** The export's format name: a program reading exports checks it. */
export const EXPORT_FORMAT = 'touchpoint-customer-export/1';
/** What an erased id and the erased customer's answer ids become inside kept texts (notification bodies). */
export const ERASED = '[erased]';

/**
 * A Postgres regular expression matching any of the ids as a whole word (not inside a longer id: C12 must
 * not match C123), as the ids are written in JSON text. Ids are escaped; nothing is pasted unescaped.
 */
export function wholeIdsPattern(ids: readonly string[]): string {
  const escaped = ids.map((id) => JSON.stringify(id).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(?<![A-Za-z0-9_-])(${escaped.join('|')})(?![A-Za-z0-9_-])`;
}

type PgRow = Record<string, unknown>;

/** Postgres rows about the customer: follow-up cases (notes and contact log inside), notifications, audit events. */
async function readPostgres(em: EntityManager, customerId: string) {
  const pattern = wholeIdsPattern([customerId]);
  const [followUpCases, notifications, auditEvents] = await Promise.all([
    sql<PgRow[]>(em, `select * from follow_up_case where customer_id = ? order by created_at`, [customerId]),
    sql<PgRow[]>(
      em,
      `select id, created_at, channel, event, status, subject, payload from outbox_message where subject ~ ? or payload::text ~ ? order by created_at`,
      [pattern, pattern],
    ),
    sql<PgRow[]>(em, `select id, at, user_id, action, detail from audit_event where customer_id = ? order by id`, [customerId]),
  ]);
  return { followUpCases, notifications, auditEvents };
}

export interface CustomerExport {
  format: string;
  customerId: string;
  exportedAt: string;
  /** Analytics store rows by table (answers, comments and their analysis, profitability, contact details). */
  analytics: Record<string, JsonRow[]>;
  followUpCases: PgRow[];
  notifications: PgRow[];
  /** Who read or changed this customer's data, and when. */
  auditEvents: PgRow[];
}

const counts = (parts: Record<string, unknown[]>) => Object.fromEntries(Object.entries(parts).map(([k, rows]) => [k, rows.length]));

/** Everything held about one customer, as JSON (an access request); the export itself is audited. */
export async function exportCustomerData(em: EntityManager, store: Store, callerId: string, customerId: string, now = new Date()): Promise<CustomerExport> {
  if (!customerId.trim()) throw PrivacyErrors.blankCustomerId();
  const [analytics, postgres] = await Promise.all([readCustomerFacts(store, customerId), readPostgres(em, customerId)]);
  const held = Object.keys(analytics).length + postgres.followUpCases.length + postgres.notifications.length + postgres.auditEvents.length;
  if (held === 0) throw PrivacyErrors.customerNotFound(customerId);
  audit(em, 'CUSTOMER_EXPORTED', callerId, { rows: { ...counts(analytics), ...counts(postgres) } }, customerId);
  await em.flush();
  return { format: EXPORT_FORMAT, customerId, exportedAt: now.toISOString(), analytics, ...postgres };
}

export interface CustomerErasure {
  /** The pseudonym the audit log keeps in place of the id. */
  pseudonym: string;
  /** Rows deleted or anonymised per place ("analytics.responses", "follow_up_case", ...). */
  places: Record<string, number>;
}

/**
 * Erases one customer everywhere, all or nothing: the analytics store's rows (customers, answers, comments
 * and their analysis, profitability, contact details, undo copies) are deleted in one DuckDB transaction
 * inside the Postgres transaction that deletes the follow-up cases, blanks the id in notification bodies and
 * replaces it by a pseudonym in the audit log. If either fails nothing changes. (Should Postgres's commit
 * fail after DuckDB's, the analytics rows are gone and running the erase again finishes the rest.)
 * The erase is audited under the pseudonym: the erased id is stored nowhere.
 */
export async function eraseCustomer(em: EntityManager, store: Store, callerId: string, customerId: string): Promise<CustomerErasure> {
  if (!customerId.trim()) throw PrivacyErrors.blankCustomerId();
  const before = await readCustomerFacts(store, customerId);
  const responseIds = new Set<string>();
  for (const rows of Object.values(before)) for (const row of rows) if (typeof row.response_id === 'string') responseIds.add(row.response_id);
  const pseudonym = `erased-${randomBytes(8).toString('hex')}`;
  return em.transactional(async (tx) => {
    const places: Record<string, number> = {};
    const cases = await sql<{ id: string; response_id: string }[]>(tx, `delete from follow_up_case where customer_id = ? returning id, response_id`, [customerId]);
    if (cases.length) places.follow_up_case = cases.length;
    for (const c of cases) responseIds.add(c.response_id);
    const customer = wholeIdsPattern([customerId]);
    const any = wholeIdsPattern([customerId, ...responseIds]);
    const outbox = await sql<{ id: string }[]>(
      tx,
      `update outbox_message set subject = regexp_replace(subject, ?, ?, 'g'), payload = regexp_replace(payload::text, ?, ?, 'g')::jsonb
        where subject ~ ? or payload::text ~ ? returning id`,
      [any, ERASED, any, ERASED, any, any],
    );
    if (outbox.length) places.outbox_message = outbox.length;
    const audits = await sql<{ id: string }[]>(
      tx,
      `update audit_event set customer_id = case when customer_id = ? then ? else customer_id end,
              detail = regexp_replace(regexp_replace(detail::text, ?, ?, 'g'), ?, ?, 'g')::jsonb
        where customer_id = ? or detail::text ~ ? returning id`,
      [customerId, pseudonym, customer, pseudonym, any, ERASED, customerId, any],
    );
    if (audits.length) places.audit_event = audits.length;
    const facts = await store.transaction(async (duck) => {
      const erased = await eraseCustomerFacts(duck, customerId);
      // A new data version: every remembered analytics result (computed with this customer) is dropped.
      if (Object.keys(erased).length) await store.markChanged('data', {}, duck);
      return erased;
    });
    for (const [table, n] of Object.entries(facts)) places[`analytics.${table}`] = n;
    if (Object.keys(places).length === 0) throw PrivacyErrors.customerNotFound(customerId);
    audit(tx, 'CUSTOMER_ERASED', callerId, { places }, pseudonym);
    return { pseudonym, places };
  });
}

/** Requests of data protection law, by an administrator: a customer's export and erasure, and comment retention now. */
export class PrivacyService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: Store,
    private readonly callerId: string,
  ) {}

  exportCustomerData(customerId: string): Promise<CustomerExport> {
    return exportCustomerData(this.em, this.store, this.callerId, customerId);
  }

  /** Erases the customer everywhere; the places as a list with their rows and the total. */
  async eraseCustomer(customerId: string): Promise<CustomerErasureType> {
    const { pseudonym, places } = await eraseCustomer(this.em, this.store, this.callerId, customerId);
    const list = Object.entries(places).map(([place, rows]) => ({ place, rows }));
    return { pseudonym, places: list, rows: list.reduce((sum, p) => sum + p.rows, 0) };
  }

  /** Applies the comment retention period now; RETENTION_OFF when no period is set. */
  async applyCommentRetention(): Promise<CommentRetentionRunType> {
    const run = await runCommentRetention(this.em, this.store, this.callerId);
    if (!run) throw retentionOff();
    return run;
  }
}
