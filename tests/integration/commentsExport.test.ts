import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { issueCredential } from '../../server/auth/auth.service.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { AuditEvent, User } from '../../server/modules/users/user.entity.js';
import { listen } from '../support/httpServer.js';
import { makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Issue 21: every comment of a cut as one CSV streamed by the real HTTP server (GET /export/comments.csv),
 * on the demo company with generated answers (10,000 customers, 100,000 answers ≈ 25,000 comments, more
 * than one page of the export's reads).
 */
const END = '2026-06-30';
let app: TestApp;
let server: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
const tokens = new Map<Role, string>();

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  return rows;
}

async function download(query: string, role: Role | null = Role.ANALYST) {
  const headers: Record<string, string> = role ? { authorization: `Bearer ${tokens.get(role)}` } : {};
  return fetch(`${base}export/comments.csv?${query}`, { headers });
}

beforeAll(async () => {
  app = await makeTestApp();
  await loadDemoCompany(app.orm.em.fork(), makeDemoCompany(END));
  await app.analytics.syncModel();
  await generate(app.analytics.store, { customers: 10_000, responses: 100_000, months: 24, seed: 42, endDate: END, dimensions: 'never' });
  // API tokens, as a script would download the file.
  const em = app.orm.em.fork();
  const issue = async (role: Role) => issueCredential(em, await em.findOneOrFail(User, (await app.callerFor(role)).id), 'API_TOKEN', 'comments export test').secret;
  for (const role of [Role.EXECUTIVE, Role.ANALYST, Role.ADMIN]) tokens.set(role, await issue(role));
  await em.flush();
  server = await listen(app.http);
  base = server.base;
}, 240_000);

afterAll(async () => {
  await server?.close();
  await app?.close();
});

describe('GET /export/comments.csv', () => {
  it('streams every comment of the data, newest first, with a header in words, in one request and one audit row', async () => {
    const analyst = await app.callerFor(Role.ANALYST);
    const em = app.orm.em.fork();
    const auditsBefore = await em.count(AuditEvent, { action: 'EXPORT_COMMENTS', userId: analyst.id });
    const response = await download('lang=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="?comments\.csv"?/);
    // A byte-order mark first, so Excel reads UTF-8 (the decoder drops it).
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    expect(header).toEqual(['Answered', 'Touchpoint', 'Persona', 'Likelihood to recommend (0-10)', 'Language', 'Sentiment', 'Sentiment score', 'Themes', 'Feelings', 'Comment']);

    // Every commented answer exactly once (more than one of the export's pages of 20,000).
    const stored = await app.analytics.store.all<{ comment: string }>(`SELECT r.comment FROM responses r JOIN text_comments tc USING (response_id) ORDER BY 1`);
    expect(stored.length).toBeGreaterThan(20_000);
    expect(rows.length).toBe(stored.length);
    // Spreadsheet-safe: a comment starting with - or = would get a leading quote; the generator's do not.
    expect(rows.map((r) => r[9]).sort()).toEqual(stored.map((s) => s.comment).sort());
    const days = rows.map((r) => r[0]!);
    expect(days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect([...days].sort().reverse()).toEqual(days);
    // Names, not codes; numbers rounded.
    expect(rows.some((r) => r[1] === 'Claims handler contact and assessment')).toBe(true);
    expect(rows.some((r) => r[1]!.startsWith('TP_'))).toBe(false);
    expect(rows.every((r) => ['Positive', 'Neutral', 'Negative'].includes(r[5]!) && ['Danish', 'English'].includes(r[4]!))).toBe(true);
    expect(rows.every((r) => /^-?\d+(\.\d{1,2})?$/.test(r[6]!) && /^(10|\d)$/.test(r[3]!))).toBe(true);
    expect(rows.some((r) => r[7]!.includes('Waiting time'))).toBe(true);

    expect(await app.orm.em.fork().count(AuditEvent, { action: 'EXPORT_COMMENTS', userId: analyst.id })).toBe(auditsBefore + 1);
    const [event] = await app.orm.em.fork().find(AuditEvent, { action: 'EXPORT_COMMENTS', userId: analyst.id }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(event?.detail).toMatchObject({ comments: rows.length, complete: true });
  }, 120_000);

  it('holds the same comments as the page for a cut of touchpoint, unit, theme and sentiment, in Danish', async () => {
    const [{ unit_code: unit }] = await app.analytics.store.all<{ unit_code: string }>(
      `SELECT c.unit_code FROM responses r JOIN customers c USING (customer_id) WHERE r.touchpoint_code = 'TP_CLAIM_HANDLING' AND r.comment IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const { comments } = await app.ok(
      `query ($unit: [String!]) { comments(filter: { touchpointCodes: ["TP_CLAIM_HANDLING"], unitCodes: $unit }, theme: "WAITING_TIME", sentiment: NEGATIVE, first: 200) { total items { comment } } }`,
      { unit: [unit] },
      Role.ANALYST,
    );
    expect(comments.total).toBeGreaterThan(10);
    const response = await download(`touchpoint=TP_CLAIM_HANDLING&unit=${unit}&theme=WAITING_TIME&sentiment=NEGATIVE&lang=da`, Role.ADMIN);
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(['Besvaret', 'Kontaktpunkt', 'Persona', 'Sandsynlighed for at anbefale (0-10)', 'Sprog', 'Stemning', 'Stemningsscore', 'Temaer', 'Følelser', 'Kommentar']);
    expect(rows.length).toBe(comments.total);
    expect(rows.map((r) => r[9])).toEqual(comments.items.slice(0, rows.length).map((i: { comment: string }) => i.comment));
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(['Negativ']));
    // A default theme the company has not renamed reads in the file's language.
    expect(rows.every((r) => r[7]!.includes('Ventetid'))).toBe(true);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['Claims handler contact and assessment']));
  }, 120_000);

  it('is for the roles that read single comments; a bad cut is refused naming the parameter, before any file', async () => {
    expect((await download('', null)).status).toBe(401);
    const executive = await download('', Role.EXECUTIVE);
    expect(executive.status).toBe(403);
    expect((await executive.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const cases: [string, string, RegExp][] = [
      ['unit=NO_SUCH_UNIT', 'unit', /unknown "NO_SUCH_UNIT"/],
      ['touchpoint=TP_NOPE', 'touchpoint', /unknown "TP_NOPE"/],
      ['journey=claims', 'journey', /not a journey id/],
      ['journey=00000000-0000-4000-8000-000000000000', 'journey', /no journey with id/],
      ['sentiment=ANGRY', 'sentiment', /not one of NEGATIVE, NEUTRAL, POSITIVE/],
      ['from=2026-02-31', 'from', /from/],
      ['lang=de', 'lang', /not one of en, da/],
    ];
    for (const [query, field, message] of cases) {
      const response = await download(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = await response.json();
      expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0].message).toMatch(message);
    }
  });
});
