import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import type { PhaseFeelingsQuery } from '../../../graphql/generated';
import { formatCount, formatDecimal } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { feelingName } from './labels';

type PhaseFeelings = PhaseFeelingsQuery['phaseFeelings'];

/**
 * The emotion curve with a third line: what customers say they feel in their comments (the server's
 * emotion index per phase, −2..+2, from feeling words), beside the documented and the measured line.
 * Phases are matched by id; a phase without comments has a gap.
 */
export function withSaidSeries(option: ChartOption, phaseIds: readonly string[], said: PhaseFeelings | undefined): ChartOption {
  if (!said || !Array.isArray(option.series)) return option;
  const byPhase = new Map(said.map((p) => [p.touchpointCode, p]));
  const points = phaseIds.map((id, i) => {
    const p = byPhase.get(id);
    return { value: [i + 0.5, p?.emotionIndex === null || p?.emotionIndex === undefined ? null : Math.round(p.emotionIndex * 100) / 100], phase: p };
  });
  const lines = (p: PhaseFeelings[number] | undefined) =>
    p
      ? [`<strong>${p.touchpointName ?? ''}</strong>`, t('verbatims.saidCurve.tooltip', { index: formatDecimal(p.emotionIndex, 2), n: formatCount(p.commented) }), ...p.families.filter((f) => !f.suppressed).slice(0, 3).map((f) => t('verbatims.saidCurve.family', { feeling: feelingName(f.family), count: formatCount(f.share?.count ?? 0) }))].join('<br>')
      : '';
  return {
    ...option,
    series: [
      ...option.series,
      {
        name: t('verbatims.saidCurve.name'),
        type: 'line',
        data: points.map((p) => p.value),
        connectNulls: false,
        symbol: 'diamond',
        symbolSize: 8,
        lineStyle: { width: 2, type: 'dotted', color: CHART_COLORS.warning },
        itemStyle: { color: CHART_COLORS.warning },
        tooltip: { formatter: (params: unknown) => (typeof params === 'object' && params !== null && 'dataIndex' in params && typeof params.dataIndex === 'number' ? lines(points[params.dataIndex]?.phase) : '') },
        z: 3,
      },
    ],
  };
}
