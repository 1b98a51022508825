/**
 * Comment analysis for the API: keeps the analysis current before every read, maps analytics results
 * to GraphQL shapes, and hides small cells from callers without individual access.
 */
import { listValue } from '@duckdb/node-api';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../../auth/auth.service.js';
import { isSmallCell } from '../../../analytics/privacy/smallCells.js';
import type { Store } from '../../../analytics/store.js';
import type { AnalyticsFilter } from '../../../analytics/queries/filter.js';
import { commentDetails, listComments, type CommentRow } from '../../../analytics/queries/verbatims/listComments.js';
import { getThemeOverview } from '../../../analytics/queries/verbatims/getThemeOverview.js';
import { getThemeImpact } from '../../../analytics/queries/verbatims/getThemeImpact.js';
import { getFeelings } from '../../../analytics/queries/verbatims/getFeelings.js';
import { getTouchpointThemes } from '../../../analytics/queries/verbatims/getTouchpointThemes.js';
import { getSuggestedThemes } from '../../../analytics/queries/verbatims/getSuggestedThemes.js';
import type { CommentCut } from '../../../analytics/queries/verbatims/scope.js';
import { exportComments, type ExportedCommentRow } from '../../../analytics/queries/verbatims/exportComments.js';
import { listFeelingWords, listThemes, type ThemeDef } from '../../../analytics/verbatims/dictionary.js';
import { createTheme, deleteTheme, previewTheme, removeFeelingWord, setFeelingWord, updateTheme, type ThemeInput } from '../../../analytics/verbatims/editing.js';
import { ensureAnalysed } from '../../../analytics/verbatims/freshness.js';
import type { MentionStats } from '../../../analytics/verbatims/themeStats.js';
import type { NpsComparison, ProportionResult } from '../../../analytics/stats/index.js';
import { highlights } from '../../../analytics/verbatims/highlight.js';
import type {
  CommentAnalysis, CommentConnection, CommentType, FeelingWord, MentionStatsType, SuggestedTheme, Theme, ThemeImpactType, ThemeOverview, ThemePreviewType,
  ThemeSplit, TouchpointFeelingsType, TouchpointThemesType,
} from './verbatims.types.js';

const toTheme = (t: ThemeDef): Theme => ({ id: t.id, name: t.name, description: t.description, keywords: t.keywords });
const toShare = (p: ProportionResult) => ({ n: p.n, count: p.count, share: p.share, ciLow: p.ciLow, ciHigh: p.ciHigh, lowSample: p.lowSample });
const toDifference = (d: NpsComparison) => ({ difference: d.difference, se: d.se, statistic: d.z, pValue: d.pValue, significant: d.significant });

function toStats(s: MentionStats): MentionStatsType {
  return {
    mentions: s.mentions,
    customers: s.customers,
    share: toShare(s.share),
    detractorShare: toShare(s.detractorShare),
    promoterShare: toShare(s.promoterShare),
    npsMentioning: s.npsMentioning,
    npsOthers: s.npsOthers,
    difference: toDifference(s.difference),
    npsPointsAtStake: s.npsPointsAtStake,
  };
}

/** Who reads single comments, for the audit log (every customer read is written there). */
export interface CommentReader {
  em: EntityManager;
  userId: string;
}

export class VerbatimService {
  /**
   * `minCellCustomers`: the caller's small-cell threshold; null when the caller may read single customers.
   * `reader`: where `comments` writes its audit rows (the GraphQL request's caller).
   */
  constructor(
    private readonly store: Store,
    private readonly minCellCustomers: number | null,
    private readonly reader?: CommentReader,
  ) {}

  private async fresh(): Promise<Store> {
    await ensureAnalysed(this.store);
    return this.store;
  }

  private hide(customers: number): boolean {
    return this.minCellCustomers !== null && isSmallCell(customers, this.minCellCustomers);
  }

  private stat(s: MentionStats): { stats: MentionStatsType | null; suppressed: boolean } {
    const suppressed = this.hide(s.customers);
    return { stats: suppressed ? null : toStats(s), suppressed };
  }

  async overview(filter: AnalyticsFilter): Promise<ThemeOverview> {
    const o = await getThemeOverview(await this.fresh(), filter);
    return {
      responses: o.responses,
      commented: o.commented.promoters + o.commented.passives + o.commented.detractors,
      commentedDetractors: o.commented.detractors,
      commentedPromoters: o.commented.promoters,
      themes: o.themes.map((t) => ({ theme: toTheme(t.theme), ...this.stat(t.stats) })),
      // Comments are counted, not customers; a count below the minimum is hidden the same way.
      sentiment: o.sentiment.map((s) => (this.hide(s.count) ? { ...s, count: null, meanScore: null } : s)),
    };
  }

  async impact(filter: AnalyticsFilter, themeId: string): Promise<ThemeImpactType> {
    const r = await getThemeImpact(await this.fresh(), filter, themeId);
    const split = (rows: typeof r.byTouchpoint): ThemeSplit[] => rows.map((x) => ({ key: x.key, name: x.name, ...this.stat(x.stats) }));
    return {
      theme: toTheme(r.theme),
      ...this.stat(r.stats),
      trend: r.trend.map((p) => ({ month: p.month, share: this.hide(p.share.count) ? null : toShare(p.share) })),
      byTouchpoint: split(r.byTouchpoint),
      byLanguage: split(r.byLanguage),
    };
  }

  async feelings(filter: AnalyticsFilter, level: 'TOUCHPOINT' | 'PHASE' = 'TOUCHPOINT'): Promise<TouchpointFeelingsType[]> {
    const rows = await getFeelings(await this.fresh(), filter, level);
    return rows.map((t) => ({
      touchpointCode: t.touchpointCode,
      touchpointName: t.touchpointName,
      commented: t.commented,
      emotionIndex: t.emotionIndex,
      families: t.families.map((f) => {
        const suppressed = this.hide(f.customers);
        return { family: f.family, share: suppressed ? null : toShare(f.share), customers: suppressed ? null : f.customers, words: suppressed ? [] : f.words, suppressed };
      }),
    }));
  }

  async touchpointThemes(filter: AnalyticsFilter): Promise<TouchpointThemesType[]> {
    const rows = await getTouchpointThemes(await this.fresh(), filter);
    return rows.map((t) => ({
      touchpointCode: t.touchpointCode,
      touchpointName: t.touchpointName,
      commented: t.commented,
      meanSentiment: t.meanSentiment,
      negativeShare: toShare(t.negativeShare),
      positiveShare: toShare(t.positiveShare),
      themes: t.themes.map((x) => ({ theme: toTheme(x.theme), ...this.stat(x.stats) })),
    }));
  }

  async suggestions(filter: AnalyticsFilter, minMentions: number, first: number): Promise<SuggestedTheme[]> {
    return getSuggestedThemes(await this.fresh(), filter, { minMentions, limit: first });
  }

  /** A page of comments; each customer on it is written to the audit log as read by the reader. */
  async comments(filter: AnalyticsFilter, cut: CommentCut, first: number, after?: string): Promise<CommentConnection> {
    const reader = this.reader;
    if (!reader) throw new Error('VerbatimService.comments audits every customer read: construct the service with the reader.');
    const store = await this.fresh();
    const page = await listComments(store, filter, cut, { first, after });
    const themes = new Map((await listThemes(store)).map((t) => [t.id, toTheme(t)]));
    const items = page.rows.map((r) => toComment(r, themes));
    for (const customerId of new Set(items.map((c) => c.customerId))) {
      audit(reader.em, 'READ_CUSTOMER', reader.userId, { via: 'comments', responses: items.filter((c) => c.customerId === customerId).map((c) => c.responseId) }, customerId);
    }
    await reader.em.flush();
    return { total: page.total, endCursor: page.endCursor, items };
  }

  /**
   * Every comment of a cut for a file (the CSV download), page by page, with the theme names of the
   * dictionary. Throws for a bad filter before the first page.
   */
  async exportRows(filter: AnalyticsFilter, cut: CommentCut): Promise<{ themeNames: Map<string, string>; pages: AsyncGenerator<ExportedCommentRow[]> }> {
    const store = await this.fresh();
    const pages = await exportComments(store, filter, cut);
    return { themeNames: new Map((await listThemes(store)).map((t) => [t.id, t.name])), pages };
  }

  /** Analyses of single answers (the follow-up case), by response id, in three statements. */
  async analyses(responseIds: readonly string[], comments: ReadonlyMap<string, string>): Promise<Map<string, CommentAnalysis>> {
    const store = await this.fresh();
    const details = await commentDetails(store, responseIds);
    const rows = await store.all<{ response_id: string; language: string; score: number; label: string }>(
      'SELECT response_id, language, score, label FROM text_comments WHERE list_contains($ids, response_id)',
      { ids: listValue([...responseIds]) },
    );
    const themes = new Map((await listThemes(store)).map((t) => [t.id, toTheme(t)]));
    const out = new Map<string, CommentAnalysis>();
    for (const r of rows) {
      const d = details.get(r.response_id);
      out.set(r.response_id, {
        language: r.language,
        score: Number(r.score),
        label: r.label,
        themes: (d?.themes ?? []).flatMap((id) => themes.get(id) ?? []),
        feelings: d?.feelings ?? [],
        highlights: highlights(comments.get(r.response_id) ?? '', d?.marks ?? [], []),
      });
    }
    return out;
  }

  async themes(): Promise<Theme[]> {
    return (await listThemes(await this.fresh())).map(toTheme);
  }

  async feelingWords(): Promise<FeelingWord[]> {
    return listFeelingWords(await this.fresh());
  }

  async preview(themeId: string | null, keywords: readonly string[], examples: number): Promise<ThemePreviewType> {
    const store = await this.fresh();
    const p = await previewTheme(store, themeId, keywords, examples);
    const fetch = async (ids: string[]) => {
      if (ids.length === 0) return [];
      // Examples are read like the comments list (analysis as tagged now), keeping preview order.
      const page = await listComments(store, {}, {}, { first: 200, responseIds: ids });
      const themes = new Map((await listThemes(store)).map((t) => [t.id, toTheme(t)]));
      const byId = new Map(page.rows.map((r) => [r.responseId, r]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toComment(row, themes)] : [];
      });
    };
    return { current: p.current, proposed: p.proposed, added: p.added, removed: p.removed, addedExamples: await fetch(p.addedIds), removedExamples: await fetch(p.removedIds) };
  }

  async createTheme(input: ThemeInput): Promise<Theme> {
    await this.fresh();
    return toTheme(await createTheme(this.store, input));
  }

  async updateTheme(id: string, input: ThemeInput): Promise<Theme> {
    await this.fresh();
    return toTheme(await updateTheme(this.store, id, input));
  }

  async deleteTheme(id: string): Promise<boolean> {
    await this.fresh();
    await deleteTheme(this.store, id);
    return true;
  }

  async setFeelingWord(input: { word: string; language: string; family: string }): Promise<FeelingWord> {
    await this.fresh();
    return setFeelingWord(this.store, input);
  }

  async removeFeelingWord(input: { word: string; language: string }): Promise<boolean> {
    await this.fresh();
    return removeFeelingWord(this.store, input);
  }
}

function toComment(r: CommentRow, themes: ReadonlyMap<string, Theme>): CommentType {
  return {
    responseId: r.responseId,
    customerId: r.customerId,
    personaCode: r.personaCode,
    touchpointCode: r.touchpointCode,
    touchpointName: r.touchpointName,
    respondedAt: r.respondedAt,
    ltr: r.ltr,
    comment: r.comment,
    analysis: {
      language: r.language,
      score: r.score,
      label: r.label,
      themes: r.themes.flatMap((id) => themes.get(id) ?? []),
      feelings: r.feelings,
      highlights: r.highlights,
    },
  };
}
