import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../analytics/privacy/commentRetention.js';
import { analyseComments } from '../../analytics/verbatims/pipeline.js';
import { RETENTION_CRON, runCommentRetention } from '../../server/modules/privacy/retention.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Issue 15 "Also": a configurable retention period for comments (blanked after N months, default off).
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ customers: 60, responses: 600 });
  await analyseComments(app.analytics.store);
});
afterAll(async () => app?.close());

const SETTINGS = 'mutation ($months: Int) { updateCompanySettings(input: { commentRetentionMonths: $months }) { commentRetentionMonths } }';
const APPLY = 'mutation { applyCommentRetention { months cutoff commentsRemoved } }';

/** What the answers hold, for comparing before and after. */
async function answers(cutoff: string) {
  const [row] = await app.analytics.store.all<{ n: number; ltr: number; old: number; recent: number; recentText: string }>(
    `SELECT count(*)::INTEGER AS n, sum(ltr)::INTEGER AS ltr,
            count(comment) FILTER (WHERE responded_at < $cutoff::DATE)::INTEGER AS old,
            count(comment) FILTER (WHERE responded_at >= $cutoff::DATE)::INTEGER AS recent,
            md5(string_agg(comment, '|' ORDER BY response_id) FILTER (WHERE responded_at >= $cutoff::DATE)) AS "recentText"
       FROM responses`,
    { cutoff },
  );
  const [analysis] = await app.analytics.store.all<{ old: number; recent: number }>(
    `SELECT count(*) FILTER (WHERE r.responded_at < $cutoff::DATE)::INTEGER AS old, count(*) FILTER (WHERE r.responded_at >= $cutoff::DATE)::INTEGER AS recent
       FROM text_tokens t JOIN responses r USING (response_id)`,
    { cutoff },
  );
  return { ...row!, oldWords: analysis!.old, recentWords: analysis!.recent };
}

describe('comment retention', () => {
  it('is off by default, and applying it then says so (RETENTION_OFF)', async () => {
    const admin = await app.cookie(Role.ADMIN);
    const settings = await app.gql('{ companySettings { commentRetentionMonths } }', {}, admin);
    expect(settings.json?.data).toEqual({ companySettings: { commentRetentionMonths: null } });
    const result = await app.gql(APPLY, {}, admin);
    expect(result.json?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RETENTION_OFF', field: 'commentRetentionMonths' });
  });

  it('refuses a negative period and a non-admin, changing nothing', async () => {
    const bad = await app.gql(SETTINGS, { months: -1 }, await app.cookie(Role.ADMIN));
    expect(bad.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.json?.errors?.[0]?.message).toContain('commentRetentionMonths');
    const analyst = await app.gql(SETTINGS, { months: 12 }, await app.cookie(Role.ANALYST));
    expect(analyst.json?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const settings = await app.gql('{ companySettings { commentRetentionMonths } }', {}, await app.cookie(Role.ADMIN));
    expect(settings.json?.data).toEqual({ companySettings: { commentRetentionMonths: null } });
  });

  it('removes the text of comments older than the period everywhere it is held; scores and newer comments stay', async () => {
    const admin = await app.cookie(Role.ADMIN);
    const set = await app.gql(SETTINGS, { months: 12 }, admin);
    expect(set.json?.data).toEqual({ updateCompanySettings: { commentRetentionMonths: 12 } });
    const cutoff = retentionCutoff(new Date(), 12);
    const before = await answers(cutoff);
    // The fixture has comments (and their analysis) on both sides of the cutoff.
    expect(before.old).toBeGreaterThan(0);
    expect(before.recent).toBeGreaterThan(0);
    expect(before.oldWords).toBeGreaterThan(0);

    const result = await app.gql(APPLY, {}, admin);
    expect(result.json?.data).toEqual({ applyCommentRetention: { months: 12, cutoff, commentsRemoved: before.old } });
    const after = await answers(cutoff);
    expect(after).toEqual({ ...before, old: 0, oldWords: 0 });

    const [audit] = await app.orm.em.fork().getConnection().execute(`select detail from audit_event where action = 'COMMENT_RETENTION_APPLIED'`);
    expect(audit?.detail).toEqual({ months: 12, cutoff, commentsRemoved: before.old });
  });

  it('the nightly run does the same (nothing left to remove now), on a valid schedule', async () => {
    const run = await runCommentRetention(app.orm.em.fork(), app.analytics.store, null);
    expect(run).toMatchObject({ months: 12, commentsRemoved: 0 });
    expect(new Cron(RETENTION_CRON).nextRun()).toBeInstanceOf(Date);
  });

  it('counts calendar months back from today, clamped to the month end', () => {
    expect(retentionCutoff(new Date('2026-03-31T10:00:00Z'), 1)).toBe('2026-02-28');
    expect(retentionCutoff(new Date('2026-12-06T23:59:00Z'), 24)).toBe('2024-12-06');
  });
});
