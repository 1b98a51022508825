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
  formatPercent,
  formatWholeAmount,
  INITIATIVE_STATUS_WORDS,
  PROGRAMME_WORDS,
  QUADRANT_WORDS,
  TARGET_STATUS_WORDS,
  waterfallSteps,
} from './words.js';
import { formatCount } from '../../../client/src/shared/format.js';
import { dateLocale, say } from '../../../analytics/i18n/index.js';
import { GROUP_WORDS, INPUT_WORDS, LINE_ITEM_WORDS, yesNo } from './boardPack.xlsx.js';

/** "month 14 (year 2)" or "not within 5 years", in the reader's language. */
const payback = (month: number | null, horizonYears: number) =>
  month === null ? say(horizonYears === 1 ? 'pdf.paybackNone.one' : 'pdf.paybackNone.other', { years: horizonYears }) : say('pdf.paybackMonth', { month, year: Math.ceil(month / 12) });
const withCurrency = (label: string, currency: string) => say('pdf.withCurrency', { label, currency });

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
  const generated = new Intl.DateTimeFormat(dateLocale(), { timeZone: 'Europe/Copenhagen', dateStyle: 'long', timeStyle: 'short' }).format(pack.generatedAt);
  const years = bc.netPerYear.map((_, i) => say('pack.year', { n: i + 1 }));
  const headline: Content = {
    columns: [
      { stack: [{ text: say('pack.row.npv'), style: 'label' }, { text: money(bc.netPresentValue), style: 'big' }, { text: `${formatWholeAmount(bc.netPresentValue)} ${currency}`, style: 'small' }] },
      { stack: [{ text: say('pack.head.range'), style: 'label' }, { text: say('pdf.low', { value: money(bc.range.low) }), style: 'mid' }, { text: say('pdf.high', { value: money(bc.range.high) }), style: 'mid' }] },
      { stack: [{ text: 'ROI', style: 'label' }, { text: bc.roi === null ? '—' : formatPercent(bc.roi), style: 'mid' }] },
      { stack: [{ text: say('pdf.payback'), style: 'label' }, { text: payback(bc.paybackMonth, bc.horizonYears), style: 'mid' }] },
    ],
    columnGap: 12,
    margin: [0, 6, 0, 4],
  };
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: say('pdf.title', { name: pack.name }), author: 'Touchpoint' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: '#1f2933' },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 2] },
      h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 4], color: '#2f6fde' },
      label: { fontSize: 8, color: '#52606d' },
      big: { fontSize: 22, bold: true },
      mid: { fontSize: 13, bold: true },
      small: { fontSize: 8, color: '#52606d' },
    },
    footer: (page, pages) => ({ text: say('pdf.footer', { name: pack.name, page, pages }), alignment: 'center', fontSize: 8, color: '#7b8794', margin: [0, 16, 0, 0] }),
    content: [
      { text: say('pdf.boardPack'), style: 'label' },
      { text: pack.name, style: 'h1' },
      { text: say('pdf.subtitle', { asOf: bc.asOf, years: bc.horizonYears, rate: formatPercent(bc.discountRate, 1), generated }), style: 'small' },
      { text: say('pack.sheet.case'), style: 'h2' },
      headline,
      { text: say('pdf.rangeMethod', { method: bc.range.method }), style: 'small', margin: [0, 0, 0, 10] },
      { text: say('pack.sheet.waterfall'), bold: true },
      table(
        [say('pack.head.step'), withCurrency(say('pack.head.from'), currency), withCurrency(say('pack.head.to'), currency), withCurrency(say('pack.head.change'), currency)],
        waterfallSteps(bc, (kind) => LINE_ITEM_WORDS[kind] ?? kind, say('pack.row.npv')).map((st) => [{ text: st.label, bold: st.total }, num(formatWholeAmount(st.from)), num(formatWholeAmount(st.to)), num(formatWholeAmount(st.to - st.from))]),
        ['*', 80, 80, 80],
      ),
      { text: say('pdf.lineItems'), bold: true },
      table(
        [say('pack.head.lineItem'), withCurrency(say('pack.head.presentValue'), currency), ...years, say('pack.head.counted')],
        [
          ...bc.lineItems.map((l) => [LINE_ITEM_WORDS[l.kind] ?? l.kind, num(formatWholeAmount(l.value)), ...l.perYear.map((v) => num(formatWholeAmount(v))), yesNo(l.counted)]),
          [{ text: say('pack.row.net'), bold: true }, num(formatWholeAmount(bc.netPresentValue)), ...bc.netPerYear.map((v) => num(formatWholeAmount(v))), ''],
        ],
        ['*', 70, ...years.map(() => 60), 40],
      ),
      { text: say('pack.sheet.assumptions'), bold: true },
      table(
        [say('pack.head.group'), say('pack.head.input'), say('pack.head.value'), say('pdf.interval'), 'n', say('pack.head.source')],
        bc.assumptions.map((a) => {
          const f = (v: number | null) => (a.input === 'CHURN_12M' ? formatPercent(v, 1) : formatWholeAmount(v));
          return [GROUP_WORDS[a.group] ?? a.group, INPUT_WORDS[a.input] ?? a.input, num(f(a.value)), num(a.low === null ? '—' : say('pdf.fromTo', { low: f(a.low), high: f(a.high) })), num(a.n === null ? '—' : formatCount(a.n)), { text: a.overridden ? say('pdf.overridden', { source: a.source }) : a.source, fontSize: 7 }];
        }),
        [55, 85, 55, 85, 35, '*'],
      ),
      { text: say('pdf.statusTargets'), style: 'h2', pageBreak: 'before' },
      { text: say('pdf.programme', { programme: PROGRAMME_WORDS[s.programme] ?? s.programme, asOf: s.asOf }), bold: true },
      { ul: s.reasons, fontSize: 9, margin: [0, 4, 0, 6] },
      {
        table: {
          widths: [160, '*'],
          body: [
            [say('digest.status.nps'), formatNpsWithInterval(s.npsLevel)],
            [say('pack.row.churn12'), say('pdf.churn', { share: formatPercent(s.churnLevel.share, 1), n: formatCount(s.churnLevel.n), low: formatPercent(s.churnLevel.ciLow, 1), high: formatPercent(s.churnLevel.ciHigh, 1) })],
            [say('pdf.trend'), say(s.npsTrend.significant ? 'pdf.trendValueSignificant' : 'pdf.trendValue', { slope: formatNps(s.npsTrend.slopePerMonth), low: formatNps(s.npsTrend.ciLow), high: formatNps(s.npsTrend.ciHigh) })],
          ],
        },
        layout: 'noBorders',
        fontSize: 9,
        margin: [0, 0, 0, 8],
      },
      table(
        [say('pack.head.target'), say('pack.head.status'), say('pack.head.baseline'), say('pack.head.now'), say('pack.head.target'), say('pack.head.due')],
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
      { text: say('pack.sheet.priorities'), style: 'h2' },
      table(
        [say('pack.head.rank'), say('pack.head.touchpoint'), say('pack.head.quadrant'), say('pdf.npsHead'), say('pack.head.valueAtStake')],
        pack.programme.priorities.touchpoints
          .slice(0, 15)
          .map((t) => [num(t.valueRank === null ? '—' : String(t.valueRank)), t.touchpointName, t.quadrant ? (QUADRANT_WORDS[t.quadrant] ?? t.quadrant) : '—', formatNpsWithInterval(t.nps), num(money(t.valueAtStake))]),
        [28, '*', 70, 150, 65],
      ),
      { text: say('pdf.initiatives'), bold: true },
      table(
        [say('pack.head.rank'), say('pack.head.initiative'), say('pack.head.status'), say('pdf.npv'), say('pack.head.range'), say('pdf.payback')],
        pack.programme.initiativeRanking.map((r) => [
          num(String(r.rank)),
          r.initiative.title,
          INITIATIVE_STATUS_WORDS[r.initiative.status] ?? r.initiative.status,
          num(money(r.value)),
          num(r.valueLow === null ? '—' : `${money(r.valueLow)} … ${money(r.valueHigh)}`),
          r.problem ?? (r.paybackMonth === null ? '—' : say('pdf.month', { month: r.paybackMonth })),
        ]),
        [28, '*', 55, 55, 95, 70],
      ),
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
