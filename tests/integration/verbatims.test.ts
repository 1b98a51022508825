import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate, PLANTED } from '../../seeds/generate/index.js';
import { DEFAULT_MIN_CELL_CUSTOMERS } from '../../server/config.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Comment analysis on generated demo data (20,000 customers, 200,000 responses): the generator plants
 * comments with a theme and a feeling at five touchpoints (PLANTED.plantedComments, seeds/README.md).
 */
const END = '2026-06-30';
let app: TestApp;

const STATS = `mentions customers share { n count share ciLow ciHigh } detractorShare { n count share ciLow ciHigh } promoterShare { n count share }
  npsMentioning { n nps ciLow ciHigh } npsOthers { n nps } difference { difference statistic significant } npsPointsAtStake`;

beforeAll(async () => {
  app = await makeTestApp();
  await loadDemoCompany(app.orm.em.fork(), makeDemoCompany(END));
  await app.analytics.syncModel();
  await generate(app.analytics.store, { customers: 20_000, responses: 200_000, months: 24, seed: 42, endDate: END, dimensions: 'never' });
}, 120_000);
afterAll(async () => app?.close());

const planted = (touchpoint: string) => PLANTED.plantedComments.find((p) => p.touchpoint === touchpoint)!;

async function impact(theme: string, touchpoint: string) {
  const { themeImpact } = await app.ok(
    `query ($theme: ID!, $tp: [String!]) { themeImpact(theme: $theme, filter: { touchpointCodes: $tp }) { stats { ${STATS} } byLanguage { key stats { mentions } } } }`,
    { theme, tp: [touchpoint] },
    Role.ANALYST,
  );
  return themeImpact;
}

/** Expected NPS of the mentioners if only the planted comments mentioned the theme: shares × commented counts per group. */
async function plantedNps(touchpoint: string) {
  const [c] = await app.analytics.store.all<{ p: number; pa: number; d: number }>(
    `SELECT count(*) FILTER (WHERE ltr >= 9)::INTEGER AS p, count(*) FILTER (WHERE ltr BETWEEN 7 AND 8)::INTEGER AS pa, count(*) FILTER (WHERE ltr <= 6)::INTEGER AS d
     FROM responses WHERE touchpoint_code = $tp AND comment IS NOT NULL`,
    { tp: touchpoint },
  );
  const s = planted(touchpoint).share;
  const p = s.promoter * c!.p;
  const pa = s.passive * c!.pa;
  const d = s.detractor * c!.d;
  return (100 * (p - d)) / (p + pa + d);
}

describe('comment analysis on the generated demo data', () => {
  it('finds the planted waiting-time theme at claim handling and the phone line, mostly from detractors, with the planted NPS gap', async () => {
    for (const touchpoint of ['TP_CLAIM_HANDLING', 'TP_PHONE_SERVICE']) {
      const { stats } = await impact('WAITING_TIME', touchpoint);
      const share = planted(touchpoint).share;
      // At least the planted share of commenting detractors mention it (ordinary complaints about weeks add more).
      expect(stats.detractorShare.ciHigh).toBeGreaterThan(share.detractor);
      expect(stats.detractorShare.share).toBeGreaterThan(share.detractor - 0.05);
      expect(stats.promoterShare.share).toBeLessThan(0.15);
      // NPS of the mentioners is the planted one (±12 points: ordinary mentions), far below the other commenters, significantly.
      expect(Math.abs(stats.npsMentioning.nps - (await plantedNps(touchpoint)))).toBeLessThan(12);
      expect(stats.difference.difference).toBeLessThan(-30);
      expect(stats.difference.significant).toBe(true);
      expect(stats.npsPointsAtStake).toBeGreaterThan(0);
    }
  });

  it('ranks the planted touchpoints first for detractor mentions of waiting time', async () => {
    const { themeImpact } = await app.ok(`{ themeImpact(theme: "WAITING_TIME", filter: { survey: TOUCHPOINT }) { byTouchpoint { key stats { detractorShare { n share } } } } }`, {}, Role.ANALYST);
    const ranked = themeImpact.byTouchpoint
      .filter((t: any) => t.stats.detractorShare.n >= 100)
      .sort((a: any, b: any) => b.stats.detractorShare.share - a.stats.detractorShare.share)
      .map((t: any) => t.key);
    expect(ranked.slice(0, 2).sort()).toEqual(['TP_CLAIM_HANDLING', 'TP_PHONE_SERVICE']);
  });

  it('finds the planted feelings at their touchpoints, and the emotion index follows them', async () => {
    const { feelings } = await app.ok(`{ feelings(filter: { survey: TOUCHPOINT }) { touchpointCode emotionIndex families { family share { count share } } } }`, {}, Role.ANALYST);
    const top = (code: string) => feelings.find((f: any) => f.touchpointCode === code).families[0].family;
    expect(top('TP_CLAIM_HANDLING')).toBe('FRUSTRATION');
    expect(top('TP_PHONE_SERVICE')).toBe('ANGER');
    expect(top('TP_PRICE_CHANGE_EMAIL')).toBe('DISTRUST');
    expect(top('TP_ADVISOR_MEETING')).toBe('GRATITUDE');
    expect(top('TP_PENSION_TRANSFER')).toBe('WORRY');
    const index = (code: string) => feelings.find((f: any) => f.touchpointCode === code).emotionIndex;
    expect(index('TP_ADVISOR_MEETING')).toBeGreaterThan(0);
    expect(index('TP_CLAIM_HANDLING')).toBeLessThan(0);
  });

  it('reads Danish and English: both languages carry the planted theme', async () => {
    const { byLanguage } = await impact('WAITING_TIME', 'TP_CLAIM_HANDLING');
    const mentions = Object.fromEntries(byLanguage.map((l: any) => [l.key, l.stats.mentions]));
    expect(mentions.da).toBeGreaterThan(50);
    expect(mentions.en).toBeGreaterThan(50);
    const { themes } = await app.ok(`{ themes { commented sentiment { language count } } }`, {}, Role.ANALYST);
    const danish = themes.sentiment.filter((s: any) => s.language === 'DA').reduce((a: number, s: any) => a + s.count, 0);
    expect(danish / themes.commented).toBeGreaterThan(0.2);
  });

  it('suggests the planted phrase no theme covers, then a dictionary edit takes it in and changes the counts', async () => {
    const cut = `filter: { touchpointCodes: ["TP_PENSION_TRANSFER"] }`;
    const { suggestedThemes } = await app.ok(`{ suggestedThemes(${cut}, first: 5) { phrase example words includes mentions detractorMentions excessDetractorMentions } }`, {}, Role.ANALYST);
    // Among the five with most excess detractor mentions: the English phrase and the Danish compound
    // (one word, its two planted inflections counted together).
    expect(suggestedThemes.find((s: any) => s.phrase === 'pension transfer')).toMatchObject({ example: 'pension transfer', words: 2, includes: [] });
    const danish = suggestedThemes.find((s: any) => s.phrase === 'pensionsoverførsl');
    expect(danish).toMatchObject({ words: 1 });
    expect(['pensionsoverførsel', 'pensionsoverførslen']).toContain(danish.example);
    expect(danish.mentions).toBeGreaterThanOrEqual(10);
    expect(danish.detractorMentions / danish.mentions).toBeGreaterThan(0.5);

    const preview = await app.ok(`{ themePreview(keywords: ["pension transfer"], examples: 3) { current proposed added removed addedExamples { comment analysis { highlights { kind } } } } }`, {}, Role.ANALYST);
    expect(preview.themePreview.current).toBe(0);
    expect(preview.themePreview.proposed).toBeGreaterThan(100);
    expect(preview.themePreview.added).toBe(preview.themePreview.proposed);
    expect(preview.themePreview.addedExamples[0].comment.toLowerCase()).toContain('pension transfer');

    const { createTheme } = await app.ok(`mutation { createTheme(input: { name: "Pension transfer", keywords: ["pension transfer"] }) { id } }`, {}, Role.ANALYST);
    const before = await app.ok(`{ themes { themes { theme { id } stats { mentions } } } }`, {}, Role.ANALYST);
    const count = (data: any) => data.themes.themes.find((t: any) => t.theme.id === createTheme.id).stats.mentions;
    expect(count(before)).toBe(preview.themePreview.proposed);
    const after = await app.ok(`{ suggestedThemes(${cut}, first: 20) { example } }`, {}, Role.ANALYST);
    expect(after.suggestedThemes.map((s: any) => s.example)).not.toContain('pension transfer');

    // Adding the suggested Danish word as a keyword adds exactly the Danish comments it counted (both
    // inflections: pensionsoverførsel and pensionsoverførslen; the planted ones are all at this touchpoint).
    await app.ok(`mutation ($id: ID!, $da: String!) { updateTheme(id: $id, input: { name: "Pension transfer", keywords: ["pension transfer", $da] }) { id } }`, { id: createTheme.id, da: danish.example }, Role.ANALYST);
    const more = await app.ok(`{ themes { themes { theme { id } stats { mentions } } } }`, {}, Role.ANALYST);
    expect(count(more) - count(before)).toBe(danish.mentions);
  });

  it('a feeling word added to the list is found at once; a bad family is refused without change', async () => {
    const q = `{ feelings(filter: { touchpointCodes: ["TP_PENSION_TRANSFER"] }) { families { family words } } }`;
    const before = await app.ok(q, {}, Role.ANALYST);
    expect(before.feelings[0].families.flatMap((f: any) => f.words)).not.toContain('stuck');
    await app.ok(`mutation { setFeelingWord(input: { word: "stuck", language: EN, family: FRUSTRATION }) { word } }`, {}, Role.ANALYST);
    const after = await app.ok(q, {}, Role.ANALYST);
    expect(after.feelings[0].families.find((f: any) => f.family === 'FRUSTRATION').words).toContain('stuck');
    const bad = await app.gql(`mutation { createTheme(input: { name: "", keywords: ["x"] }) { id } }`, {}, Role.ANALYST);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('searches comments with highlights, for analysts; an executive gets aggregates and is FORBIDDEN from comments', async () => {
    const { comments } = await app.ok(
      `{ comments(search: "frustrating", theme: "WAITING_TIME", first: 5) { total endCursor items { comment analysis { language label themes { id } highlights { start end kind } } } } }`,
      {},
      Role.ANALYST,
    );
    expect(comments.total).toBeGreaterThan(5);
    for (const item of comments.items) {
      expect(item.comment.toLowerCase()).toContain('frustrating');
      expect(item.analysis.themes.map((t: any) => t.id)).toContain('WAITING_TIME');
      const search = item.analysis.highlights.find((h: any) => h.kind === 'SEARCH');
      expect(item.comment.slice(search.start, search.end).toLowerCase()).toBe('frustrating');
    }
    const next = await app.ok(`query ($after: String) { comments(search: "frustrating", theme: "WAITING_TIME", first: 5, after: $after) { items { comment } } }`, { after: comments.endCursor }, Role.ANALYST);
    expect(next.comments.items).toHaveLength(5);

    expect(codes(await app.gql(`{ comments { total } }`, {}, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    const exec = await app.ok(`{ themes { themes { theme { id } suppressed stats { mentions } } } }`, {}, Role.EXECUTIVE);
    expect(exec.themes.themes.find((t: any) => t.theme.id === 'WAITING_TIME').stats.mentions).toBeGreaterThan(100);
  });

  it('hides small cells from an executive but not from an analyst', async () => {
    const q = `{ themes(filter: { touchpointCodes: ["TP_CROSS_SELL_CALL"], from: "2026-06-29", to: "2026-06-30" }) { themes { theme { id } suppressed stats { customers } } } }`;
    const analyst = await app.ok(q, {}, Role.ANALYST);
    const min = DEFAULT_MIN_CELL_CUSTOMERS;
    const small = analyst.themes.themes.filter((t: any) => t.stats.customers > 0 && t.stats.customers < min).map((t: any) => t.theme.id);
    expect(small.length).toBeGreaterThan(0);
    const exec = await app.ok(q, {}, Role.EXECUTIVE);
    for (const t of exec.themes.themes) {
      expect(t.suppressed).toBe(small.includes(t.theme.id));
      if (t.suppressed) expect(t.stats).toBeNull();
    }
  });
});

describe('the comments of one journey, touchpoint and unit (issue 21: aggregates for any cut)', () => {
  /** Commented answers of the cut counted straight from the fact tables (with the theme, its mentions). */
  async function direct(touchpoint: string, unit: string, theme: string) {
    const [row] = await app.analytics.store.all<{ commented: number; mentioning: number }>(
      `SELECT count(*)::INTEGER AS commented,
         count(*) FILTER (WHERE r.response_id IN (SELECT response_id FROM text_comment_themes WHERE theme_id = $theme))::INTEGER AS mentioning
       FROM responses r JOIN customers c ON c.customer_id = r.customer_id JOIN text_comments tc ON tc.response_id = r.response_id
       WHERE r.touchpoint_code = $tp AND c.unit_code = $unit`,
      { tp: touchpoint, unit, theme },
    );
    return row!;
  }

  it('the theme table, the list and the search count only the chosen place', async () => {
    const [{ journey_id: journeyId }] = await app.analytics.store.all<{ journey_id: string }>(`SELECT journey_id FROM dim_touchpoints WHERE code = 'TP_CLAIM_HANDLING'`);
    const [{ unit_code: unit }] = await app.analytics.store.all<{ unit_code: string }>(
      `SELECT c.unit_code FROM responses r JOIN customers c USING (customer_id) WHERE r.touchpoint_code = 'TP_CLAIM_HANDLING' AND r.comment IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const filter = { journeyId, touchpointCodes: ['TP_CLAIM_HANDLING'], unitCodes: [unit] };
    const result = await app.ok(
      `query ($filter: AnalyticsFilterInput) {
        themes(filter: $filter) { commented themes { theme { id } stats { mentions } } }
        all: comments(filter: $filter, first: 50) { total items { touchpointCode } }
        waiting: comments(filter: $filter, theme: "WAITING_TIME", first: 1) { total }
      }`,
      { filter },
      Role.ANALYST,
    );
    const expected = await direct('TP_CLAIM_HANDLING', unit, 'WAITING_TIME');
    expect(expected.commented).toBeGreaterThan(50);
    expect(result.themes.commented).toBe(expected.commented);
    expect(result.all.total).toBe(expected.commented);
    expect(new Set(result.all.items.map((i: any) => i.touchpointCode))).toEqual(new Set(['TP_CLAIM_HANDLING']));
    expect(result.themes.themes.find((t: any) => t.theme.id === 'WAITING_TIME').stats.mentions).toBe(expected.mentioning);
    expect(result.waiting.total).toBe(expected.mentioning);
    // The whole touchpoint has more comments than one unit's share of it.
    const wide = await app.ok(`{ themes(filter: { touchpointCodes: ["TP_CLAIM_HANDLING"] }) { commented } }`, {}, Role.ANALYST);
    expect(wide.themes.commented).toBeGreaterThan(expected.commented);
  });

  it('refuses an unknown journey, touchpoint or unit, naming the field, for the aggregates and the list alike', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ unitCodes: ['NO_SUCH_UNIT'] }, 'unitCodes', /unknown "NO_SUCH_UNIT"/],
      [{ touchpointCodes: ['TP_NOPE'] }, 'touchpointCodes', /unknown "TP_NOPE"/],
      [{ journeyId: '00000000-0000-4000-8000-000000000000' }, 'journeyId', /no journey with id/],
    ];
    for (const [filter, field, message] of cases) {
      for (const query of [`query ($f: AnalyticsFilterInput) { themes(filter: $f) { commented } }`, `query ($f: AnalyticsFilterInput) { comments(filter: $f) { total } }`]) {
        const result = await app.gql(query, { f: filter }, Role.ANALYST);
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors?.[0]?.extensions?.field).toBe(field);
        expect(result.errors?.[0]?.message).toMatch(message);
      }
    }
    const notAnId = await app.gql(`{ themes(filter: { journeyId: "claims" }) { commented } }`, {}, Role.ANALYST);
    expect(codes(notAnId)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(notAnId.errors)).toContain('journeyId');
  });

  it('still hides small cells of a unit from an executive', async () => {
    const [{ unit_code: unit }] = await app.analytics.store.all<{ unit_code: string }>(`SELECT unit_code FROM dim_units ORDER BY unit_code LIMIT 1`);
    const q = `query ($unit: [String!]) { themes(filter: { unitCodes: $unit, touchpointCodes: ["TP_CLAIM_HANDLING"], from: "2026-06-01", to: "2026-06-30" }) { themes { theme { id } suppressed stats { customers } } } }`;
    const analyst = await app.ok(q, { unit: [unit] }, Role.ANALYST);
    const small = analyst.themes.themes.filter((t: any) => t.stats.customers > 0 && t.stats.customers < DEFAULT_MIN_CELL_CUSTOMERS).map((t: any) => t.theme.id);
    expect(small.length).toBeGreaterThan(0);
    const exec = await app.ok(q, { unit: [unit] }, Role.EXECUTIVE);
    for (const t of exec.themes.themes) {
      expect(t.suppressed).toBe(small.includes(t.theme.id));
      if (t.suppressed) expect(t.stats).toBeNull();
    }
  });
});
