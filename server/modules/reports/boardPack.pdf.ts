import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { BoardPack } from './boardPack.data.js';
import {
  formatMoney,
  formatInUnit,
  formatNps,
  formatNpsWithInterval,
  formatPayback,
  formatPercent,
  formatWholeAmount,
  GROUP_LABELS,
  INITIATIVE_STATUS_WORDS,
  INPUT_LABELS,
  LINE_ITEM_LABELS,
  PROGRAMME_WORDS,
  QUADRANT_WORDS,
  TARGET_STATUS_WORDS,
  waterfallSteps,
} from './words.js';

// pdfmake ships Roboto; its files sit beside the package, found through Node's resolution.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
});
// Only the bundled fonts: the document never reads other files or URLs.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => p.startsWith(fontDir));

const th = (text: string): TableCell => ({ text, bold: true, fillColor: '#e4e7eb' });
const num = (text: string): TableCell => ({ text, alignment: 'right' });

function table(headers: string[], rows: TableCell[][], widths: (string | number)[]): Content {
  return { table: { headerRows: 1, widths, body: [headers.map(th), ...rows] }, layout: 'lightHorizontalLines', fontSize: 8.5, margin: [0, 4, 0, 12] };
}

/** The board pack as a laid-out A4 report, with the page's number formats ("DKK 1.2M", "1,234,567"). */
export function boardPackPdf(pack: BoardPack): Promise<Buffer> {
  const bc = pack.case;
  const currency = pack.programme.companySettings.currency;
  const money = (v: number | null | undefined) => formatMoney(v, { currency });
  const s = pack.programme.statusDiagnosis;
  const generated = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', dateStyle: 'long', timeStyle: 'short' }).format(pack.generatedAt);
  const years = bc.netPerYear.map((_, i) => `Year ${i + 1}`);
  const headline: Content = {
    columns: [
      { stack: [{ text: 'Net present value', style: 'label' }, { text: money(bc.netPresentValue), style: 'big' }, { text: `${formatWholeAmount(bc.netPresentValue)} ${currency}`, style: 'small' }] },
      { stack: [{ text: 'Range', style: 'label' }, { text: `low ${money(bc.range.low)}`, style: 'mid' }, { text: `high ${money(bc.range.high)}`, style: 'mid' }] },
      { stack: [{ text: 'ROI', style: 'label' }, { text: bc.roi === null ? '—' : formatPercent(bc.roi), style: 'mid' }] },
      { stack: [{ text: 'Payback', style: 'label' }, { text: formatPayback(bc.paybackMonth, bc.horizonYears), style: 'mid' }] },
    ],
    columnGap: 12,
    margin: [0, 6, 0, 4],
  };
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: `Board pack: ${pack.name}`, author: 'Touchpoint' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: '#1f2933' },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 2] },
      h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 4], color: '#2f6fde' },
      label: { fontSize: 8, color: '#52606d' },
      big: { fontSize: 22, bold: true },
      mid: { fontSize: 13, bold: true },
      small: { fontSize: 8, color: '#52606d' },
    },
    footer: (page, pages) => ({ text: `Touchpoint board pack · ${pack.name} · page ${page} of ${pages}`, alignment: 'center', fontSize: 8, color: '#7b8794', margin: [0, 16, 0, 0] }),
    content: [
      { text: 'Board pack', style: 'label' },
      { text: pack.name, style: 'h1' },
      { text: `Data as of ${bc.asOf} · ${bc.horizonYears}-year horizon at a ${formatPercent(bc.discountRate, 1)} discount rate · generated ${generated}`, style: 'small' },
      { text: 'Business case', style: 'h2' },
      headline,
      { text: `Range: ${bc.range.method}`, style: 'small', margin: [0, 0, 0, 10] },
      { text: 'Waterfall', bold: true },
      table(
        ['Step', `From (${currency})`, `To (${currency})`, `Change (${currency})`],
        waterfallSteps(bc).map((st) => [{ text: st.label, bold: st.total }, num(formatWholeAmount(st.from)), num(formatWholeAmount(st.to)), num(formatWholeAmount(st.to - st.from))]),
        ['*', 80, 80, 80],
      ),
      { text: 'Line items (present value; undiscounted per year)', bold: true },
      table(
        ['Line item', `Present value (${currency})`, ...years, 'Counted'],
        [
          ...bc.lineItems.map((l) => [LINE_ITEM_LABELS[l.kind], num(formatWholeAmount(l.value)), ...l.perYear.map((v) => num(formatWholeAmount(v))), l.counted ? 'yes' : 'no']),
          [{ text: 'Net value', bold: true }, num(formatWholeAmount(bc.netPresentValue)), ...bc.netPerYear.map((v) => num(formatWholeAmount(v))), ''],
        ],
        ['*', 70, ...years.map(() => 60), 40],
      ),
      { text: 'Assumptions', bold: true },
      table(
        ['Group', 'Input', 'Value', '95% interval', 'n', 'Source'],
        bc.assumptions.map((a) => {
          const f = (v: number | null) => (a.input === 'CHURN_12M' ? formatPercent(v, 1) : formatWholeAmount(v));
          return [GROUP_LABELS[a.group], INPUT_LABELS[a.input], num(f(a.value)), num(a.low === null ? '—' : `${f(a.low)} to ${f(a.high)}`), num(a.n === null ? '—' : a.n.toLocaleString('en-GB')), { text: a.overridden ? `overridden; ${a.source}` : a.source, fontSize: 7 }];
        }),
        [55, 85, 55, 85, 35, '*'],
      ),
      { text: 'Status and targets', style: 'h2', pageBreak: 'before' },
      { text: `${PROGRAMME_WORDS[s.programme] ?? s.programme} (as of ${s.asOf})`, bold: true },
      { ul: s.reasons, fontSize: 9, margin: [0, 4, 0, 6] },
      {
        table: {
          widths: [160, '*'],
          body: [
            ['Relationship NPS, 12 months', formatNpsWithInterval(s.npsLevel)],
            ['12-month churn', `${formatPercent(s.churnLevel.share, 1)} (n = ${s.churnLevel.n.toLocaleString('en-GB')}, 95% interval ${formatPercent(s.churnLevel.ciLow, 1)} to ${formatPercent(s.churnLevel.ciHigh, 1)})`],
            ['NPS trend', `${formatNps(s.npsTrend.slopePerMonth)} points a month (95% interval ${formatNps(s.npsTrend.ciLow)} to ${formatNps(s.npsTrend.ciHigh)})${s.npsTrend.significant ? ', significant' : ''}`],
          ],
        },
        layout: 'noBorders',
        fontSize: 9,
        margin: [0, 0, 0, 8],
      },
      table(
        ['Target', 'Status', 'Baseline', 'Now', 'Target', 'Due'],
        pack.programme.targets.map((t) => [
          t.name,
          TARGET_STATUS_WORDS[t.progress.status] ?? t.progress.status,
          num(formatInUnit(t.progress.baseline, t.progress.unit)),
          num(t.progress.now ? `${formatInUnit(t.progress.now.value, t.progress.unit)} (n = ${t.progress.now.n})` : '—'),
          num(formatInUnit(t.progress.targetValue, t.progress.unit)),
          t.progress.dueDate,
        ]),
        ['*', 60, 50, 80, 50, 60],
      ),
      { text: 'Priorities', style: 'h2' },
      table(
        ['Rank', 'Touchpoint', 'Quadrant', 'NPS (n, 95% interval)', 'Value at stake'],
        pack.programme.priorities.touchpoints
          .slice(0, 15)
          .map((t) => [num(t.valueRank === null ? '—' : String(t.valueRank)), t.touchpointName, t.quadrant ? (QUADRANT_WORDS[t.quadrant] ?? t.quadrant) : '—', formatNpsWithInterval(t.nps), num(money(t.valueAtStake))]),
        [28, '*', 70, 150, 65],
      ),
      { text: 'Initiatives by net present value', bold: true },
      table(
        ['Rank', 'Initiative', 'Status', 'NPV', 'Range', 'Payback'],
        pack.programme.initiativeRanking.map((r) => [
          num(String(r.rank)),
          r.initiative.title,
          INITIATIVE_STATUS_WORDS[r.initiative.status] ?? r.initiative.status,
          num(money(r.value)),
          num(r.valueLow === null ? '—' : `${money(r.valueLow)} … ${money(r.valueHigh)}`),
          r.problem ?? (r.paybackMonth === null ? '—' : `month ${r.paybackMonth}`),
        ]),
        [28, '*', 55, 55, 95, 70],
      ),
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
