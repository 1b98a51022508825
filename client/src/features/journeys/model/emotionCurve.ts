import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import type { EmotionCurveQuery } from '../../../graphql/generated';
import type { MapPhase } from './journeyMap';
import { formatNps, formatSigned } from '../../../shared/format';
import type { NpsBadgeData } from './measures';

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
  /** Phases whose measured point comes from as-is touchpoints (to-be journeys without answers). */
  asIs: boolean[];
  /** Measured touchpoints, spread across their phase's column in customer order. */
  touchpoints: CurvePoint[];
  /** Tooltip lines per phase. */
  phaseLines: string[][];
}

/** NPS -100..+100 onto the workshop's -2..+2 scale: NPS / 50, clamped. */
export const npsToEmotion = (nps: number) => Math.max(-2, Math.min(2, nps / 50));

const round2 = (v: number) => Math.round(v * 100) / 100;
const signed = (x: number) => formatSigned(x);
const signed2 = (x: number) => formatSigned(x, 2);

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
): EmotionCurve {
  const byId = new Map(api?.phases.map((p) => [p.phaseId, p]));
  const hasOwn = api?.phases.some((p) => p.emotion.n > 0 && p.emotion.value !== null) ?? false;
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
      measuredLabel: asIs.some(Boolean) ? 'Measured: as-is phase NPS ÷ 50' : 'Measured: phase NPS ÷ 50',
      asIs,
      touchpoints: [],
      phaseLines: phases.map((p, i) => {
        const nps = phaseNps.get(p.id);
        return [
          p.name,
          `Documented in the workshop: ${signed(documented[i] ?? 0)}`,
          nps
            ? `Measured: ${signed2(measured[i] ?? 0)} (${nps.measure === 'CSAT' ? `phase CSAT ${nps.nps.toFixed(2)} − 3` : `phase NPS ${formatNps(nps.nps)} ÷ 50`}, n = ${nps.n}${asIs[i] ? ', as-is touchpoints' : ''})`
            : 'Measured: no answers in this cut',
        ];
      }),
    };
  }

  const touchpoints: CurvePoint[] = [];
  const measured = phases.map((p, i) => {
    const ap = byId.get(p.id);
    const tps = [...(ap?.touchpoints ?? [])].sort((a, b) => a.position - b.position);
    tps.forEach((t, j) => {
      if (t.emotion.value === null || t.emotion.n === 0) return;
      const nps = t.npsEmotion.value;
      touchpoints.push({
        x: i + (j + 1) / (tps.length + 1),
        value: round2(t.emotion.value),
        lines: [
          t.name,
          `Measured: ${signed2(t.emotion.value)} (mean CSAT − 3, n = ${t.emotion.n})`,
          ...(nps === null ? [] : [`From NPS: ${signed2(nps)} (NPS ÷ 50)`]),
          `Documented for ${p.name}: ${signed(documented[i] ?? 0)}`,
        ],
      });
    });
    return ap && ap.emotion.n > 0 && ap.emotion.value !== null ? round2(ap.emotion.value) : null;
  });
  return {
    phases: phases.map((p) => p.name),
    documented,
    measured,
    measuredLabel: 'Measured: mean CSAT − 3',
    asIs: phases.map(() => false),
    touchpoints,
    phaseLines: phases.map((p, i) => {
      const ap = byId.get(p.id);
      const m = measured[i];
      const nps = ap?.npsEmotion.value;
      return [
        p.name,
        `Documented in the workshop: ${signed(documented[i] ?? 0)}`,
        m === null || m === undefined || !ap
          ? 'Measured: no answers in this cut'
          : `Measured: ${signed2(m)} (mean CSAT − 3, n = ${ap.emotion.n}${ap.emotion.ciLow !== null && ap.emotion.ciHigh !== null ? `, 95% ${signed2(ap.emotion.ciLow)} to ${signed2(ap.emotion.ciHigh)}` : ''})`,
        ...(nps === null || nps === undefined ? [] : [`From NPS: ${signed2(nps)} (NPS ÷ 50)`]),
      ];
    }),
  };
}

/** A to-be journey measured through the as-is touchpoints it is based on (by survey code). */
function asIsCurve(phases: readonly MapPhase[], asIsApi: ApiCurve): EmotionCurve {
  const byCode = new Map(asIsApi.phases.flatMap((p) => p.touchpoints).filter((t) => t.code).map((t) => [t.code, t]));
  const documented = phases.map((p) => p.emotion.value);
  const touchpoints: CurvePoint[] = [];
  const pooled = phases.map((p, i) => {
    const seen = new Set<string>();
    let sum = 0;
    let n = 0;
    p.touchpoints.forEach((tp, j) => {
      const t = tp.basedOnCode ? byCode.get(tp.basedOnCode) : undefined;
      if (!t || t.emotion.value === null || t.emotion.n === 0) return;
      touchpoints.push({
        x: i + (j + 1) / (p.touchpoints.length + 1),
        value: round2(t.emotion.value),
        lines: [tp.name, `Measured at the as-is touchpoint ${t.name}: ${signed2(t.emotion.value)} (mean CSAT − 3, n = ${t.emotion.n})`, `Documented for ${p.name}: ${signed(documented[i] ?? 0)}`],
      });
      if (seen.has(t.touchpointId)) return;
      seen.add(t.touchpointId);
      sum += t.emotion.value * t.emotion.n;
      n += t.emotion.n;
    });
    return n > 0 ? { value: round2(sum / n), n } : null;
  });
  return {
    phases: phases.map((p) => p.name),
    documented,
    measured: pooled.map((m) => m?.value ?? null),
    measuredLabel: 'Measured: as-is mean CSAT − 3',
    asIs: pooled.map((m) => m !== null),
    touchpoints,
    phaseLines: phases.map((p, i) => {
      const m = pooled[i];
      return [
        p.name,
        `Documented in the workshop: ${signed(documented[i] ?? 0)}`,
        m ? `Measured: ${signed2(m.value)} (mean CSAT − 3 of the as-is touchpoints, n = ${m.n})` : 'Measured: no as-is answers in this cut',
      ];
    }),
  };
}

/** While the measured numbers load: the documented line alone, the measured one empty and labelled so. */
export function pendingCurve(phases: readonly MapPhase[]): EmotionCurve {
  return {
    phases: phases.map((p) => p.name),
    documented: phases.map((p) => p.emotion.value),
    measured: phases.map(() => null),
    measuredLabel: 'Measured: loading…',
    asIs: phases.map(() => false),
    touchpoints: [],
    phaseLines: phases.map((p) => [p.name, `Documented in the workshop: ${signed(p.emotion.value)}`, 'Measured: loading…']),
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
  return {
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
        name: 'Documented',
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
        name: 'Measured touchpoints',
        type: 'scatter',
        data: curve.touchpoints.map((t) => [t.x, t.value]),
        symbolSize: 6,
        itemStyle: { color: CHART_COLORS.accentMid, opacity: 0.85 },
        z: 3,
      },
    ],
  };
}
