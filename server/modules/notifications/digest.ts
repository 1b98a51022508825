import type { EntityManager } from '@mikro-orm/postgresql';
import * as echarts from 'echarts';
import { z } from 'zod';
import type { AppDeps, Caller } from '../../context.js';
import { programmeOf } from '../reports/boardPack.data.js';
import { callerOf, runAs } from '../reports/runAs.js';
import { formatMoney, formatNps, formatNpsWithInterval, formatSigned, PROGRAMME_WORDS, QUADRANT_WORDS, TARGET_STATUS_WORDS } from '../reports/words.js';
import { Role } from '../users/user.enums.js';
import { User } from '../users/user.entity.js';
import { NotificationEvent, OutboxMessage, type EmailContent } from './notification.entity.js';
import { queueEmail, settingsFor, type Fact } from './outbox.js';
import { emailFrame, escapeHtml, factsTable } from './render.js';
import { addDays, DAY_MS } from '../../../analytics/localDate.js';
import { dateLocale, recipientLanguage, say, withLanguage } from '../../../analytics/i18n/index.js';

/** Which digest a reader gets: by role, front-line people (who work cases) their cases. */
export type DigestKind = 'PROGRAMME' | 'PRIORITIES' | 'CASES';
export const digestKindOf = (role: Role): DigestKind => (role === Role.EXECUTIVE ? 'PROGRAMME' : role === Role.ANALYST ? 'CASES' : 'PRIORITIES');

export interface Section {
  heading: string;
  facts: Fact[];
}

export interface Digest {
  kind: DigestKind;
  subject: string;
  sections: Section[];
  /** The ECharts option of the digest's chart (the preview page draws it; the e-mail has it as SVG). */
  chartOption: Record<string, unknown> | null;
  chartLabel: string | null;
  link: string;
}

const point = z.object({ bucket: z.string(), value: z.number().nullable(), ciLow: z.number().nullable(), ciHigh: z.number().nullable(), n: z.number(), complete: z.boolean() });

/**
 * NPS by month with its 95% interval as a band: one option for the preview page and the e-mail image.
 * Only the complete months; the interval is drawn as a stacked area (low, then high − low; stacked across
 * signs, as NPS intervals are often below zero).
 */
export function npsTrendOption(points: z.infer<typeof point>[]): Record<string, unknown> {
  const complete = points.filter((p) => p.complete);
  return {
    animation: false,
    grid: { left: 44, right: 16, top: 28, bottom: 28 },
    title: { text: say('digest.chart.title'), left: 0, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#52606d' } },
    xAxis: { type: 'category', data: complete.map((p) => p.bucket.slice(0, 7)), axisLabel: { fontSize: 10, color: '#52606d' } },
    yAxis: { type: 'value', axisLabel: { fontSize: 10, color: '#52606d' }, splitLine: { lineStyle: { color: '#e4e7eb' } } },
    series: [
      { type: 'line', stack: 'band', stackStrategy: 'all', data: complete.map((p) => p.ciLow), lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
      { type: 'line', stack: 'band', stackStrategy: 'all', data: complete.map((p) => (p.ciHigh === null || p.ciLow === null ? null : p.ciHigh - p.ciLow)), lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(47,111,222,0.15)' }, symbol: 'none', silent: true },
      { type: 'line', name: 'NPS', data: complete.map((p) => p.value), itemStyle: { color: '#2f6fde' }, lineStyle: { width: 2 }, symbolSize: 5 },
    ],
  };
}

/** The option drawn on the server with ECharts' SVG renderer (no canvas, no browser). */
export function chartSvg(option: Record<string, unknown>, width = 584, height = 220): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

async function programmeDigest(deps: AppDeps, caller: Caller): Promise<Omit<Digest, 'link'>> {
  const p = await programmeOf(deps, caller);
  const money = (v: number | null) => formatMoney(v, { currency: p.companySettings.currency });
  const s = p.statusDiagnosis;
  const onTrack = p.targets.filter((t) => t.progress.status === 'ON_TRACK').length;
  const offTrack = p.targets.filter((t) => t.progress.status === 'OFF_TRACK').length;
  return {
    kind: 'PROGRAMME',
    subject: say('digest.subject.programme', { nps: formatNps(s.npsLevel.nps), onTrack, targets: p.targets.length }),
    sections: [
      {
        heading: say('digest.status.heading', { programme: PROGRAMME_WORDS[s.programme] ?? s.programme }),
        facts: [
          [say('digest.status.nps'), formatNpsWithInterval(s.npsLevel)],
          [
            say('digest.status.trend'),
            say(s.npsTrend.significant ? 'digest.status.trendSignificant' : 'digest.status.trendNotSignificant', {
              slope: formatSigned(s.npsTrend.slopePerMonth, 1),
              low: formatSigned(s.npsTrend.ciLow, 1),
              high: formatSigned(s.npsTrend.ciHigh, 1),
            }),
          ],
          [say('digest.status.asOf'), s.asOf],
        ],
      },
      {
        heading: say('digest.targets.heading', { onTrack, offTrack }),
        facts: p.targets.map((t): Fact => [t.name, TARGET_STATUS_WORDS[t.progress.status] ?? t.progress.status]),
      },
      {
        heading: say('digest.initiatives.heading'),
        facts: p.initiativeRanking
          .filter((r) => r.value !== null)
          .slice(0, 5)
          .map((r): Fact => [`${r.rank}. ${r.initiative.title}`, say('digest.initiatives.value', { value: money(r.value), low: money(r.valueLow), high: money(r.valueHigh) })]),
      },
    ],
    chartOption: npsTrendOption(s.npsPoints),
    chartLabel: say('digest.chart.label'),
  };
}

const prioritiesShape = z.object({
  now: z.object({ touchpoints: z.array(z.object({ touchpointCode: z.string(), touchpointName: z.string(), quadrant: z.string().nullable(), valueRank: z.number().nullable(), valueAtStake: z.number().nullable() })) }),
  before: z.object({ touchpoints: z.array(z.object({ touchpointCode: z.string(), valueRank: z.number().nullable() })) }),
  alerts: z.array(z.object({ raisedAt: z.string(), evidence: z.object({ scopeName: z.string(), difference: z.number().nullable() }) })),
  statusDiagnosis: z.object({ asOf: z.string() }),
  companySettings: z.object({ currency: z.string() }),
});

async function prioritiesDigest(deps: AppDeps, caller: Caller, now: Date): Promise<Omit<Digest, 'link'>> {
  const { statusDiagnosis } = await runAs(deps, caller, `{ statusDiagnosis { asOf } }`, {}, z.object({ statusDiagnosis: z.object({ asOf: z.string() }) }));
  const asOf = statusDiagnosis.asOf;
  const weekBefore = addDays(asOf, -7);
  const r = await runAs(
    deps,
    caller,
    `query($to: String!, $before: String!) {
      now: priorities(filter: { to: $to }) { touchpoints { touchpointCode touchpointName quadrant valueRank valueAtStake } }
      before: priorities(filter: { to: $before }) { touchpoints { touchpointCode valueRank } }
      alerts(status: [OPEN, ACKNOWLEDGED]) { raisedAt evidence { scopeName difference } }
      statusDiagnosis { asOf }
      companySettings { currency }
    }`,
    { to: asOf, before: weekBefore },
    prioritiesShape,
  );
  const previous = new Map(r.before.touchpoints.map((t) => [t.touchpointCode, t.valueRank]));
  const ranked = r.now.touchpoints.filter((t) => t.valueRank !== null).slice(0, 8);
  const moves = ranked.map((t): Fact => {
    const was = previous.get(t.touchpointCode) ?? null;
    const move = was === null ? say('digest.priorities.new') : was === t.valueRank ? say('digest.priorities.unchanged') : say(was > (t.valueRank ?? 0) ? 'digest.priorities.up' : 'digest.priorities.down', { was });
    return [`${t.valueRank}. ${t.touchpointName}`, say('digest.priorities.fact', { quadrant: t.quadrant ? (QUADRANT_WORDS[t.quadrant] ?? t.quadrant) : '—', value: formatMoney(t.valueAtStake, { currency: r.companySettings.currency }), move })];
  });
  const since = now.getTime() - 7 * DAY_MS;
  const fresh = r.alerts.filter((a) => Date.parse(a.raisedAt) >= since);
  return {
    kind: 'PRIORITIES',
    subject: say(fresh.length === 1 ? 'digest.subject.priorities.one' : 'digest.subject.priorities.other', { count: fresh.length, asOf }),
    sections: [
      { heading: say('digest.priorities.heading', { asOf }), facts: moves },
      {
        heading: say('digest.alerts.heading', { count: fresh.length }),
        facts: fresh.length ? fresh.map((a): Fact => [a.evidence.scopeName, say('digest.alerts.fact', { difference: formatSigned(a.evidence.difference, 1) })]) : [[say('digest.alerts.none.label'), say('digest.alerts.none')]],
      },
    ],
    chartOption: null,
    chartLabel: null,
  };
}

const casesShape = z.object({
  followUpCases: z.object({
    totalCount: z.number(),
    items: z.array(z.object({ kind: z.string(), dueAt: z.string(), overdue: z.boolean(), status: z.string(), touchpoint: z.object({ name: z.string() }).nullable() })),
  }),
  followUpCounts: z.object({ open: z.number(), overdue: z.number() }),
});

async function casesDigest(deps: AppDeps, caller: Caller): Promise<Omit<Digest, 'link'>> {
  const r = await runAs(
    deps,
    caller,
    `query($me: ID!) {
      followUpCases(filter: { assigneeId: $me, status: [OPEN, CONTACTED] }, first: 10) { totalCount items { kind dueAt overdue status touchpoint { name } } }
      followUpCounts(filter: { assigneeId: $me }) { open overdue }
    }`,
    { me: caller.id },
    casesShape,
  );
  const c = r.followUpCounts;
  return {
    kind: 'CASES',
    subject: say(c.open === 1 ? 'digest.subject.cases.one' : 'digest.subject.cases.other', { open: c.open, overdue: c.overdue }),
    sections: [
      {
        heading: say('digest.cases.heading', { open: c.open, overdue: c.overdue }),
        facts: r.followUpCases.items.length
          ? r.followUpCases.items.map((i): Fact => [
              `${say(i.kind === 'RECOVER' ? 'digest.cases.RECOVER' : 'digest.cases.THANK')}: ${i.touchpoint?.name ?? say('digest.cases.relationship')}`,
              say(i.overdue ? 'digest.cases.overdueSince' : 'digest.cases.due', { when: new Intl.DateTimeFormat(dateLocale(), { timeZone: 'Europe/Copenhagen', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(i.dueAt)) }),
            ])
          : [[say('digest.cases.none.label'), say('digest.cases.none')]],
      },
    ],
    chartOption: null,
    chartLabel: null,
  };
}

const PAGE_OF: Record<DigestKind, string> = { PROGRAMME: 'status', PRIORITIES: 'priorities', CASES: 'follow-up' };

/** The weekly digest for one reader, built from the API as that reader sees it. */
export async function buildDigest(deps: AppDeps, caller: Caller, kind: DigestKind, publicUrl: string, now = new Date()): Promise<Digest> {
  const body = kind === 'PROGRAMME' ? await programmeDigest(deps, caller) : kind === 'PRIORITIES' ? await prioritiesDigest(deps, caller, now) : await casesDigest(deps, caller);
  return { ...body, link: new URL(PAGE_OF[kind], publicUrl).toString() };
}

/**
 * The digest as an e-mail: HTML with the chart as an SVG image, and a plain-text alternative.
 * `inline: 'cid'` attaches the image (mail clients); 'data' embeds it (the preview and screenshots).
 */
export function digestEmail(digest: Digest, inline: 'cid' | 'data' = 'cid'): EmailContent {
  const svg = digest.chartOption ? chartSvg(digest.chartOption) : null;
  const base64 = svg ? Buffer.from(svg).toString('base64') : null;
  const image = base64
    ? `<p style="margin:8px 0 16px"><img src="${inline === 'cid' ? 'cid:digest-chart' : `data:image/svg+xml;base64,${base64}`}" width="584" height="220" alt="${escapeHtml(digest.chartLabel ?? '')}" style="display:block;max-width:100%;height:auto"></p>`
    : '';
  const html = digest.sections.map((s, i) => `<h2 style="font-size:16px;margin:${i ? 20 : 0}px 0 6px">${escapeHtml(s.heading)}</h2>${i === 0 ? image : ''}${factsTable(s.facts)}`).join('');
  const footer = say('digest.footer');
  const text = [digest.subject, '', ...digest.sections.flatMap((s) => [s.heading, ...s.facts.map(([k, v]) => `  ${k}: ${v}`), '']), say('email.openLine', { href: digest.link }), '', footer].join('\n');
  return {
    subject: digest.subject,
    text,
    html: emailFrame(digest.subject, html, { href: digest.link, label: say('email.open') }, footer),
    images: base64 && inline === 'cid' ? [{ cid: 'digest-chart', filename: 'chart.svg', contentType: 'image/svg+xml', content: base64 }] : undefined,
  };
}

/** ISO week "2026-W49" of a date (the digest's dedupe key: one digest per reader and week). */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return `${d.getUTCFullYear()}-W${String(Math.ceil(((d.getTime() - yearStart) / DAY_MS + 1) / 7)).padStart(2, '0')}`;
}

/** Queues this week's digest for every active user who wants it (once per user and week). */
export async function queueWeeklyDigests(deps: AppDeps, publicUrl: string, now = new Date(), log: (line: string) => void = () => undefined): Promise<number> {
  const em: EntityManager = deps.orm.em.fork();
  const users = await em.find(User, { active: true }, { populate: ['department'] });
  const settings = await settingsFor(em, users);
  const week = isoWeek(now);
  let queued = 0;
  for (const user of users) {
    if (!settings.get(user.id)?.weeklyDigest) continue;
    const dedupeKey = `WEEKLY_DIGEST:${week}:${user.id}`;
    if (await em.count(OutboxMessage, { dedupeKey })) continue;
    try {
      // Worded in the recipient's saved language (not the language of whoever runs the schedule).
      const email = await withLanguage(recipientLanguage(user), async () => digestEmail(await buildDigest(deps, callerOf(user), digestKindOf(user.role), publicUrl, now)));
      queueEmail(em, user, NotificationEvent.WEEKLY_DIGEST, email, dedupeKey);
      await em.flush();
      queued++;
    } catch (error) {
      log(`Weekly digest for ${user.email} could not be built: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return queued;
}
