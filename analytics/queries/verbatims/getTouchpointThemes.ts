import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { proportion, type ProportionResult } from '../../stats/index.js';
import { listThemes, type ThemeDef } from '../../verbatims/dictionary.js';
import { mentionStats, type MentionStats } from '../../verbatims/themeStats.js';
import { measureColumns } from '../../model/measures.js';
import { commentScopeSql } from './scope.js';

export interface TouchpointThemes {
  touchpointCode: string;
  touchpointName: string | null;
  commented: number;
  /** Mean sentiment score of the comments. */
  meanSentiment: number | null;
  negativeShare: ProportionResult;
  positiveShare: ProportionResult;
  /** Themes mentioned at the touchpoint, the most NPS points at stake first. */
  themes: { theme: ThemeDef; stats: MentionStats }[];
}

/** Per touchpoint: comment sentiment and every theme mentioned there (for the journey map and priorities). */
export async function getTouchpointThemes(db: Queryable, filter: AnalyticsFilter): Promise<TouchpointThemes[]> {
  await validateFilter(db, filter);
  const scope = commentScopeSql({ ...filter, survey: 'TOUCHPOINT' });
  const tps = await db.all<{ code: string; name: string | null; responses: number; promoters: number; passives: number; detractors: number; mean: number | null; negative: number; positive: number }>(
    `${scope.with}, resp AS (SELECT touchpoint_code, count(*)::INTEGER AS responses FROM scoped GROUP BY 1)
     SELECT cm.touchpoint_code AS code, any_value(t.name) AS name, any_value(resp.responses)::INTEGER AS responses, ${measureColumns(['nps'], { answers: 'cm' })},
       avg(cm.score)::DOUBLE AS mean, count(*) FILTER (WHERE cm.label = 'NEGATIVE')::INTEGER AS negative, count(*) FILTER (WHERE cm.label = 'POSITIVE')::INTEGER AS positive
     FROM cm LEFT JOIN dim_touchpoints t ON t.code = cm.touchpoint_code JOIN resp ON resp.touchpoint_code = cm.touchpoint_code
     GROUP BY 1 ORDER BY min(t.journey_position), 1`,
    scope.params,
  );
  const mentions = await db.all<{ code: string; theme_id: string; promoters: number; passives: number; detractors: number; customers: number }>(
    `${scope.with} SELECT cm.touchpoint_code AS code, ct.theme_id, ${measureColumns(['nps', 'customers'], { answers: 'cm' })}
     FROM cm JOIN text_comment_themes ct ON ct.response_id = cm.response_id GROUP BY 1, 2`,
    scope.params,
  );
  const themes = new Map((await listThemes(db)).map((t) => [t.id, t]));
  return tps.map((tp) => {
    const commented = { promoters: tp.promoters, passives: tp.passives, detractors: tp.detractors };
    const n = tp.promoters + tp.passives + tp.detractors;
    return {
      touchpointCode: tp.code,
      touchpointName: tp.name,
      commented: n,
      meanSentiment: tp.mean === null ? null : Number(tp.mean),
      negativeShare: proportion({ n, count: tp.negative }),
      positiveShare: proportion({ n, count: tp.positive }),
      themes: mentions
        .filter((m) => m.code === tp.code)
        .flatMap((m) => {
          const theme = themes.get(m.theme_id);
          if (!theme) return [];
          const stats = mentionStats({ responses: tp.responses, commented, mentioned: { promoters: m.promoters, passives: m.passives, detractors: m.detractors }, customers: m.customers });
          return [{ theme, stats }];
        })
        .sort((a, b) => (b.stats.npsPointsAtStake ?? -Infinity) - (a.stats.npsPointsAtStake ?? -Infinity)),
    };
  });
}
