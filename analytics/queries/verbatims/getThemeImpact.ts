import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { proportion, type ProportionResult } from '../../stats/index.js';
import { listThemes, type ThemeDef } from '../../verbatims/dictionary.js';
import { mentionStats, type MentionStats } from '../../verbatims/themeStats.js';
import { AnalyticsInputError } from '../errors.js';
import { periodStartSql } from '../../model/dimensions.js';
import { measureColumns } from '../../model/measures.js';
import { commentScopeSql } from './scope.js';
import { getCommentTotals, statsOfRow } from './getThemeOverview.js';

export interface ThemeTrendPoint {
  /** First day of the month. */
  month: string;
  share: ProportionResult;
}

export interface ThemeSplit {
  /** Touchpoint code (null: relationship survey) or language code. */
  key: string | null;
  name: string | null;
  stats: MentionStats;
}

export interface ThemeImpact {
  theme: ThemeDef;
  stats: MentionStats;
  trend: ThemeTrendPoint[];
  byTouchpoint: ThemeSplit[];
  byLanguage: ThemeSplit[];
}

type Counts = { key: string | null; name: string | null; promoters: number; passives: number; detractors: number; customers: number; m_promoters: number; m_passives: number; m_detractors: number; m_customers: number; responses: number };

/** One theme in a cut: its numbers, monthly trend, and split by touchpoint and by language. */
export async function getThemeImpact(db: Queryable, filter: AnalyticsFilter, themeId: string): Promise<ThemeImpact> {
  await validateFilter(db, filter);
  const theme = (await listThemes(db)).find((t) => t.id === themeId);
  if (!theme) throw new AnalyticsInputError('theme', `no theme with id "${themeId}"; list them with the themes query`);
  const totals = await getCommentTotals(db, filter);
  const scope = commentScopeSql(filter);
  const params = { ...scope.params, theme: themeId };
  const mentionedSql = `cm.response_id IN (SELECT response_id FROM text_comment_themes WHERE theme_id = $theme)`;
  const split = async (keySql: string, nameSql: string, responsesSql: string | null): Promise<ThemeSplit[]> => {
    const rows = await db.all<Counts>(
      // Answers per key, commented or not (for NPS points at stake); languages exist for comments only.
      `${scope.with}, resp AS (SELECT ${responsesSql ?? 'NULL::VARCHAR'} AS key, count(*)::INTEGER AS responses FROM scoped r GROUP BY 1)
       SELECT ${keySql} AS key, ${nameSql} AS name, ${measureColumns(['nps', 'customers'], { answers: 'cm' })},
         ${measureColumns(['nps', 'customers'], { answers: 'cm', where: mentionedSql, prefix: 'm_' })},
         any_value(resp.responses)::INTEGER AS responses
       FROM cm LEFT JOIN dim_touchpoints t ON t.code = cm.touchpoint_code
       LEFT JOIN resp ON resp.key IS NOT DISTINCT FROM ${keySql}
       GROUP BY 1 HAVING count(*) FILTER (WHERE ${mentionedSql}) > 0
       ORDER BY m_detractors DESC, 1`,
      params,
    );
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      stats: mentionStats({
        responses: responsesSql === null ? r.promoters + r.passives + r.detractors : (r.responses ?? 0),
        commented: { promoters: r.promoters, passives: r.passives, detractors: r.detractors },
        mentioned: { promoters: r.m_promoters, passives: r.m_passives, detractors: r.m_detractors },
        customers: r.m_customers,
      }),
    }));
  };
  const byTouchpoint = await split('cm.touchpoint_code', 'any_value(t.name)', 'r.touchpoint_code');
  const byLanguage = await split('cm.language', 'NULL::VARCHAR', null);
  const trendRows = await db.all<{ month: string; n: number; count: number }>(
    `${scope.with} SELECT ${periodStartSql('month', 'cm.responded_at')} AS month, count(*)::INTEGER AS n,
       count(*) FILTER (WHERE ${mentionedSql})::INTEGER AS count FROM cm GROUP BY 1 ORDER BY 1`,
    params,
  );
  const [m] = await db.all<{ promoters: number; passives: number; detractors: number; customers: number }>(
    `${scope.with} SELECT ${measureColumns(['nps', 'customers'], { answers: 'cm' })} FROM cm WHERE ${mentionedSql}`,
    params,
  );
  return {
    theme,
    stats: statsOfRow(totals, m),
    trend: trendRows.map((r) => ({ month: r.month, share: proportion({ n: r.n, count: r.count }) })),
    byTouchpoint,
    byLanguage,
  };
}
