import { withTable } from '../../../components/charts/table';
import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import type { EmotionCurveQuery } from '../../../graphql/generated';
import type { MapPhase } from './journeyMap';
import { formatCount, formatDecimal, formatNps, formatSigned } from '../../../shared/format';
import type { NpsBadgeData } from './measures';
import { t } from '../../../shared/i18n';

type ApiCurve = EmotionCurveQuery['emotionCurve'];

export interface CurvePoint {
  /** On the map's x scale: phase i spans [i, i + 1]. */
  x: number;
  value: number;
  /** Tooltip lines (plain text). */
  lines: string[];
}

export interface EmotionCurve {
  phases: string[];
  /** Workshop emotion per phase, -2..+2. */
  documented: number[];
  /** Measured per phase on the same scale; null where nobody answered. */
  measured: (number | null)[];
  /** How `measured` was obtained, shown as the series name (the reader must know it is a mapping). */
  measuredLabel: string;
  /** The same, shorter, for the key beside the curve ("Measured mean CSAT − 3"). */
  measuredKey: string;
  /** Phases whose measured point comes from as-is touchpoints (to-be journeys without answers). */
  asIs: boolean[];
  /** Measured touchpoints, spread across their phase's column in customer order. */
  touchpoints: CurvePoint[];
  /** Tooltip lines per phase. */
  phaseLines: string[][];
  /**
   * Phases and touchpoints the server hid (too few customers for the user's role): no point is drawn for
   * them, and the curve says why in `hiddenWords` (the user's "hidden to protect privacy" sentence).
   */
  hiddenPhases: boolean[];
  hiddenTouchpoints: number;
  hiddenWords: string;
}

/** NPS -100..+100 onto the workshop's -2..+2 scale: NPS / 50, clamped. */
export const npsToEmotion = (nps: number) => Math.max(-2, Math.min(2, nps / 50));

const round2 = (v: number) => Math.round(v * 100) / 100;
const signed = (x: number) => formatSigned(x);
const signed2 = (x: number) => formatSigned(x, 2);
type Mapping = 'measuredAsIsNps' | 'measuredNps' | 'measuredCsat' | 'measuredAsIsCsat' | 'measuredLoading';
/** The series name and its short form for the key, in the user's language. */
const labels = (mapping: Mapping) => ({ measuredLabel: t(`journeys.curve.${mapping}`), measuredKey: t(`journeys.curve.key.${mapping}`) });
const documentedLine = (value: number) => t('journeys.curve.documentedInWorkshop', { value: signed(value) });
const documentedFor = (phase: string, value: number) => t('journeys.curve.documentedFor', { phase, value: signed(value) });
const fromNps = (value: number) => t('journeys.curve.fromNps', { value: signed2(value) });

/**
 * A curve whose points are not the journey's own curve's (the NPS fallback, the as-is touchpoints, loading):
 * the map's own badges say where those numbers are hidden.
 */
const nothingHidden = (phases: readonly MapPhase[]) => ({ hiddenPhases: phases.map(() => false), hiddenTouchpoints: 0, hiddenWords: '' });

/**
 * Documented vs measured from the server's emotion curve: measured = mean CSAT − 3 (its primary
 * mapping), per phase and per touchpoint. A journey without answers of its own (a to-be journey)
 * takes the as-is touchpoints its touchpoints are based on, from the as-is journey's curve: a phase
 * pools their answers (mean satisfaction over all of them, − 3), marked as-is. Without that curve it
 * falls back to the phase NPS of those touchpoints mapped as NPS / 50, and says so.
 */
export function buildEmotionCurve(
  phases: readonly MapPhase[],
  api: ApiCurve | undefined,
  phaseNps: ReadonlyMap<string, NpsBadgeData>,
  /** For a to-be journey: the as-is journey's curve. */
  asIsApi?: ApiCurve,
  /** What a hidden point says (shared/privacy.ts useHiddenWords: the user's threshold, in their language). */
  hiddenWords: string = t('privacy.hiddenNoCount'),
): EmotionCurve {
  const byId = new Map(api?.phases.map((p) => [p.phaseId, p]));
  // A hidden phase has answers: the curve is the journey's own, only that point is not drawn.
  const hasOwn = api?.phases.some((p) => p.suppressed || (p.emotion.n > 0 && p.emotion.value !== null)) ?? false;
  const documented = phases.map((p) => p.emotion.value);

  if (!hasOwn && asIsApi) {
    const fromAsIs = asIsCurve(phases, asIsApi);
    if (fromAsIs.measured.some((v) => v !== null)) return fromAsIs;
  }

  if (!hasOwn) {
    // A phase measured by CSAT (no likelihood-to-recommend answers) maps as mean CSAT − 3, like the curve.
    const measured = phases.map((p) => {
      const nps = phaseNps.get(p.id);
      return nps ? round2(nps.measure === 'CSAT' ? nps.nps - 3 : npsToEmotion(nps.nps)) : null;
    });
    const asIs = phases.map((p) => phaseNps.get(p.id)?.source === 'as-is');
    return {
      phases: phases.map((p) => p.name),
      documented,
      measured,
      ...labels(asIs.some(Boolean) ? 'measuredAsIsNps' : 'measuredNps'),
      asIs,
      touchpoints: [],
      ...nothingHidden(phases),
      phaseLines: phases.map((p, i) => {
        const nps = phaseNps.get(p.id);
        return [
          p.name,
          documentedLine(documented[i] ?? 0),
          !nps
            ? t('journeys.curve.noAnswers')
            : nps.measure === 'CSAT'
              ? t('journeys.curve.measuredPhaseCsat', { value: signed2(measured[i] ?? 0), csat: formatDecimal(nps.nps, 2), n: formatCount(nps.n), asIs: asIs[i] ? t('journeys.curve.asIsTouchpoints') : '' })
              : t('journeys.curve.measuredPhaseNps', { value: signed2(measured[i] ?? 0), nps: formatNps(nps.nps), n: formatCount(nps.n), asIs: asIs[i] ? t('journeys.curve.asIsTouchpoints') : '' }),
        ];
      }),
    };
  }

  const touchpoints: CurvePoint[] = [];
  let hiddenTouchpoints = 0;
  const measured = phases.map((p, i) => {
    const ap = byId.get(p.id);
    const tps = [...(ap?.touchpoints ?? [])].sort((a, b) => a.position - b.position);
    tps.forEach((point, j) => {
      if (point.suppressed) hiddenTouchpoints++;
      if (point.emotion.value === null || point.emotion.n === 0) return;
      const nps = point.npsEmotion.value;
      touchpoints.push({
        x: i + (j + 1) / (tps.length + 1),
        value: round2(point.emotion.value),
        lines: [
          point.name,
          t('journeys.curve.measuredTouchpoint', { value: signed2(point.emotion.value), n: formatCount(point.emotion.n), interval: '' }),
          ...(nps === null ? [] : [fromNps(nps)]),
          documentedFor(p.name, documented[i] ?? 0),
        ],
      });
    });
    return ap && ap.emotion.n > 0 && ap.emotion.value !== null ? round2(ap.emotion.value) : null;
  });
  return {
    phases: phases.map((p) => p.name),
    documented,
    measured,
    ...labels('measuredCsat'),
    asIs: phases.map(() => false),
    touchpoints,
    hiddenPhases: phases.map((p) => byId.get(p.id)?.suppressed ?? false),
    hiddenTouchpoints,
    hiddenWords,
    phaseLines: phases.map((p, i) => {
      const ap = byId.get(p.id);
      const m = measured[i];
      const nps = ap?.npsEmotion.value;
      return [
        p.name,
        documentedLine(documented[i] ?? 0),
        ap?.suppressed
          ? t('journeys.curve.measuredHidden', { words: hiddenWords })
          : m === null || m === undefined || !ap
            ? t('journeys.curve.noAnswers')
            : t('journeys.curve.measuredTouchpoint', {
                value: signed2(m),
                n: formatCount(ap.emotion.n),
                interval: ap.emotion.ciLow !== null && ap.emotion.ciHigh !== null ? t('journeys.curve.interval', { low: signed2(ap.emotion.ciLow), high: signed2(ap.emotion.ciHigh) }) : '',
              }),
        ...(nps === null || nps === undefined ? [] : [fromNps(nps)]),
      ];
    }),
  };
}

/** A to-be journey measured through the as-is touchpoints it is based on (by survey code). */
function asIsCurve(phases: readonly MapPhase[], asIsApi: ApiCurve): EmotionCurve {
  const byCode = new Map(asIsApi.phases.flatMap((p) => p.touchpoints).filter((x) => x.code).map((x) => [x.code, x]));
  const documented = phases.map((p) => p.emotion.value);
  const touchpoints: CurvePoint[] = [];
  const pooled = phases.map((p, i) => {
    const seen = new Set<string>();
    let sum = 0;
    let n = 0;
    p.touchpoints.forEach((tp, j) => {
      const at = tp.basedOnCode ? byCode.get(tp.basedOnCode) : undefined;
      if (!at || at.emotion.value === null || at.emotion.n === 0) return;
      touchpoints.push({
        x: i + (j + 1) / (p.touchpoints.length + 1),
        value: round2(at.emotion.value),
        lines: [tp.name, t('journeys.curve.measuredAtAsIs', { name: at.name, value: signed2(at.emotion.value), n: formatCount(at.emotion.n) }), documentedFor(p.name, documented[i] ?? 0)],
      });
      if (seen.has(at.touchpointId)) return;
      seen.add(at.touchpointId);
      sum += at.emotion.value * at.emotion.n;
      n += at.emotion.n;
    });
    return n > 0 ? { value: round2(sum / n), n } : null;
  });
  return {
    phases: phases.map((p) => p.name),
    documented,
    measured: pooled.map((m) => m?.value ?? null),
    ...labels('measuredAsIsCsat'),
    asIs: pooled.map((m) => m !== null),
    touchpoints,
    ...nothingHidden(phases),
    phaseLines: phases.map((p, i) => {
      const m = pooled[i];
      return [
        p.name,
        documentedLine(documented[i] ?? 0),
        m ? t('journeys.curve.measuredAsIs', { value: signed2(m.value), n: formatCount(m.n) }) : t('journeys.curve.noAsIsAnswers'),
      ];
    }),
  };
}

/** What the curve leaves out for privacy, in words ("Not drawn: 1 phase, 3 touchpoints (…hidden to protect privacy)"); null when nothing. */
export function curveHiddenNote(curve: EmotionCurve): string | null {
  const phases = curve.hiddenPhases.filter(Boolean).length;
  const parts = [
    ...(phases ? [t('journeys.map.curveHiddenPhases', { n: formatCount(phases) }, phases)] : []),
    ...(curve.hiddenTouchpoints ? [t('journeys.map.curveHiddenTouchpoints', { n: formatCount(curve.hiddenTouchpoints) }, curve.hiddenTouchpoints)] : []),
  ];
  return parts.length ? t('journeys.map.curveHidden', { what: parts.join(', '), words: curve.hiddenWords }) : null;
}

/** While the measured numbers load: the documented line alone, the measured one empty and labelled so. */
export function pendingCurve(phases: readonly MapPhase[]): EmotionCurve {
  return {
    phases: phases.map((p) => p.name),
    documented: phases.map((p) => p.emotion.value),
    measured: phases.map(() => null),
    ...labels('measuredLoading'),
    asIs: phases.map(() => false),
    touchpoints: [],
    ...nothingHidden(phases),
    phaseLines: phases.map((p) => [p.name, documentedLine(p.emotion.value), t('journeys.curve.measuredLoading')]),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plot area inside the chart, in px: the row head draws the -2..+2 ticks at the same heights. */
export const CURVE_GRID = { top: 10, bottom: 10, height: 116 } as const;
/** Where value v of -2..+2 sits, from the chart's top, in px. */
export const curveY = (v: number) => CURVE_GRID.top + ((2 - v) / 4) * (CURVE_GRID.height - CURVE_GRID.top - CURVE_GRID.bottom);

/**
 * The ECharts option. x runs from 0 to the number of phases with no margins, so phase i's point sits
 * at i + 0.5, under the middle of its column, and its touchpoints spread across the column. The map
 * draws the axes (phase headers above, the row head's ticks).
 */
export function emotionCurveOption(curve: EmotionCurve): ChartOption {
  const n = curve.phases.length;
  const centre = (i: number) => i + 0.5;
  const tooltip = (lines: string[] | undefined) => (lines?.length ? `<strong>${escapeHtml(lines[0] ?? '')}</strong><br>${lines.slice(1).map(escapeHtml).join('<br>')}` : '');
  return withTable({
    animation: false,
    grid: { left: 0, right: 0, top: CURVE_GRID.top, bottom: CURVE_GRID.bottom },
    xAxis: { type: 'value', min: 0, max: n, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { show: false }, splitLine: { show: false } },
    yAxis: { type: 'value', min: -2, max: 2, interval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: CHART_COLORS.border, type: 'dashed' } } },
    tooltip: {
      trigger: 'item',
      formatter(params: unknown) {
        if (typeof params !== 'object' || params === null || !('seriesIndex' in params) || !('dataIndex' in params)) return '';
        const { seriesIndex, dataIndex } = params;
        if (typeof dataIndex !== 'number') return '';
        return seriesIndex === 2 ? tooltip(curve.touchpoints[dataIndex]?.lines) : tooltip(curve.phaseLines[dataIndex]);
      },
    },
    series: [
      {
        name: t('journeys.curve.seriesDocumented'),
        type: 'line',
        data: curve.documented.map((v, i) => [centre(i), v]),
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { type: 'dashed', width: 2, color: CHART_COLORS.muted },
        itemStyle: { color: CHART_COLORS.muted },
        z: 2,
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: CHART_COLORS.textMuted, width: 1, type: 'solid' }, data: [{ yAxis: 0 }] },
      },
      {
        name: curve.measuredLabel,
        type: 'line',
        data: curve.measured.map((v, i) => ({ value: [centre(i), v], symbol: curve.asIs[i] ? 'emptyCircle' : 'circle' })),
        connectNulls: false,
        symbolSize: 9,
        lineStyle: { width: 3, color: CHART_COLORS.accent },
        itemStyle: { color: CHART_COLORS.accent },
        z: 4,
      },
      {
        name: t('journeys.curve.seriesTouchpoints'),
        type: 'scatter',
        data: curve.touchpoints.map((point) => [point.x, point.value]),
        symbolSize: 6,
        itemStyle: { color: CHART_COLORS.accentMid, opacity: 0.85 },
        z: 3,
      },
    ],
  }, () => ({
    columns: [t('charts.table.phase'), t('charts.table.documented'), curve.measuredLabel],
    rows: curve.phases.map((name, i) => [name, formatSigned(curve.documented[i], 1), formatSigned(curve.measured[i], 1)]),
    numeric: [1, 2],
  }));
}
