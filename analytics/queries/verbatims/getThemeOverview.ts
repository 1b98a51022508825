import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import type { NpsCounts } from '../../stats/index.js';
import { listThemes, type ThemeDef } from '../../verbatims/dictionary.js';
import { mentionStats, type MentionStats } from '../../verbatims/themeStats.js';
import { measureColumns } from '../../model/measures.js';
import { commentScopeSql, type SentimentLabel } from './scope.js';

export interface ThemeRow {
  theme: ThemeDef;
  stats: MentionStats;
}

export interface SentimentRow {
  label: SentimentLabel;
  language: string;
  count: number;
  meanScore: number;
}

export interface ThemeOverview {
  responses: number;
  commented: NpsCounts;
  commentedCustomers: number;
  themes: ThemeRow[];
  sentiment: SentimentRow[];
}

/** Mention statistics of a counts row (absent: none) against the cut's totals. */
export function statsOfRow(totals: { responses: number; commented: NpsCounts }, r: { promoters: number; passives: number; detractors: number; customers: number } | undefined): MentionStats {
  return mentionStats({
    responses: totals.responses,
    commented: totals.commented,
    mentioned: { promoters: r?.promoters ?? 0, passives: r?.passives ?? 0, detractors: r?.detractors ?? 0 },
    customers: r?.customers ?? 0,
  });
}

/** Totals of a cut: answers, commented answers by group, and their customers. */
export async function getCommentTotals(db: Queryable, filter: AnalyticsFilter): Promise<{ responses: number; commented: NpsCounts; customers: number }> {
  const scope = commentScopeSql(filter);
  const [row] = await db.all<{ responses: number; promoters: number; passives: number; detractors: number; customers: number }>(
    `${scope.with} SELECT (SELECT count(*) FROM scoped)::INTEGER AS responses, ${measureColumns(['nps', 'customers'], { answers: 'cm' })} FROM cm`,
    scope.params,
  );
  return {
    responses: row?.responses ?? 0,
    commented: { promoters: row?.promoters ?? 0, passives: row?.passives ?? 0, detractors: row?.detractors ?? 0 },
    customers: row?.customers ?? 0,
  };
}

/** Every theme of the dictionary with its numbers in the cut, and the sentiment distribution. */
export async function getThemeOverview(db: Queryable, filter: AnalyticsFilter): Promise<ThemeOverview> {
  await validateFilter(db, filter);
  const scope = commentScopeSql(filter);
  const totals = await getCommentTotals(db, filter);
  const rows = await db.all<{ theme_id: string; promoters: number; passives: number; detractors: number; customers: number }>(
    `${scope.with} SELECT ct.theme_id, ${measureColumns(['nps', 'customers'], { answers: 'cm' })}
     FROM cm JOIN text_comment_themes ct ON ct.response_id = cm.response_id GROUP BY ct.theme_id`,
    scope.params,
  );
  const sentiment = await db.all<{ label: SentimentLabel; language: string; count: number; mean_score: number }>(
    `${scope.with} SELECT label, language, count(*)::INTEGER AS count, avg(score)::DOUBLE AS mean_score FROM cm GROUP BY ALL ORDER BY ALL`,
    scope.params,
  );
  const byTheme = new Map(rows.map((r) => [r.theme_id, r]));
  const themes = (await listThemes(db)).map((theme) => ({ theme, stats: statsOfRow(totals, byTheme.get(theme.id)) }));
  return {
    responses: totals.responses,
    commented: totals.commented,
    commentedCustomers: totals.customers,
    themes,
    sentiment: sentiment.map((s) => ({ label: s.label, language: s.language, count: s.count, meanScore: Number(s.mean_score) })),
  };
}
