import ExcelJS from 'exceljs';
import type { BoardPack } from './boardPack.data.js';
import { say } from '../../../analytics/i18n/index.js';
import { INITIATIVE_STATUS_WORDS, PROGRAMME_WORDS, QUADRANT_WORDS, TARGET_STATUS_WORDS, waterfallSteps, worded } from './words.js';

// The workbook's words in the downloader's language (the route runs it in withLanguage).
export const LINE_ITEM_WORDS = worded('pack.lineItem', ['MARGIN_UPLIFT', 'MARGIN_KEPT_BY_LOWER_CHURN', 'REPLACEMENT_COST_AVOIDED', 'ONE_OFF_COST', 'YEARLY_COST']);
export const GROUP_WORDS = worded('pack.group', ['DETRACTOR', 'PASSIVE', 'PROMOTER']);
export const INPUT_WORDS = worded('pack.input', ['CHURN_12M', 'ANNUAL_MARGIN', 'ACQUISITION_COST']);
export const yesNo = (v: boolean) => say(v ? 'pack.yes' : 'pack.no');

/** An Excel money format in the company currency ("DKK" #,##0): the cell stays a number. */
export const moneyFormat = (currency: string) => `"${currency.replace(/"/g, '')}" #,##0;[Red]-"${currency.replace(/"/g, '')}" #,##0`;

/** Excel number formats: real numbers stay numbers; the format shows the unit (money's: moneyFormat). */
export const XLSX_FORMATS = {
  share: '0.0%',
  nps: '0.0;[Red]-0.0',
  ratio: '0.00',
  count: '#,##0',
} as const;

type Cell = string | number | boolean | null;

function sheet(book: ExcelJS.Workbook, name: string, title: string, widths: number[]) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 0 }] });
  ws.columns = widths.map((width) => ({ width }));
  const t = ws.addRow([title]);
  t.font = { bold: true, size: 14 };
  ws.addRow([]);
  return ws;
}

function header(ws: ExcelJS.Worksheet, labels: string[]) {
  const row = ws.addRow(labels);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E7EB' } };
    c.border = { bottom: { style: 'thin' } };
  });
  return row;
}

/** Adds a row and sets the number format of the given columns (1-based). */
function row(ws: ExcelJS.Worksheet, values: Cell[], formats: Record<number, string> = {}) {
  const r = ws.addRow(values);
  for (const [col, fmt] of Object.entries(formats)) r.getCell(Number(col)).numFmt = fmt;
  return r;
}

/**
 * The board pack as a workbook, one sheet per part: the business case (headline and range, waterfall,
 * line items, assumptions), status and targets, priorities and the initiative ranking. Every number is
 * a number cell with a number format, never text, so it can be summed and charted in Excel.
 */
export async function boardPackWorkbook(pack: BoardPack): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Touchpoint';
  book.created = pack.generatedAt;
  const bc = pack.case;
  const { share, nps, ratio, count } = XLSX_FORMATS;
  const money = moneyFormat(pack.programme.companySettings.currency);

  const summary = sheet(book, say('pack.sheet.case'), say('pack.title.case', { name: pack.name }), [34, 20, 60]);
  row(summary, [say('pack.row.asOf'), bc.asOf]);
  row(summary, [say('pack.row.horizon'), bc.horizonYears], { 2: count });
  row(summary, [say('pack.row.discount'), bc.discountRate], { 2: share });
  row(summary, [say('pack.row.npv'), bc.netPresentValue], { 2: money }).font = { bold: true };
  row(summary, [say('pack.row.roi'), bc.roi], { 2: ratio });
  row(summary, [say('pack.row.payback'), bc.paybackMonth], { 2: count });
  row(summary, [say('pack.row.oneOff'), bc.oneOffCost], { 2: money });
  row(summary, [say('pack.row.yearly'), bc.yearlyCost], { 2: money });
  summary.addRow([]);
  header(summary, [say('pack.head.range'), say('pack.row.npv'), say('pack.head.method')]);
  row(summary, [say('pack.row.low'), bc.range.low, bc.range.method], { 2: money });
  row(summary, [say('pack.row.base'), bc.range.base], { 2: money });
  row(summary, [say('pack.row.high'), bc.range.high], { 2: money });
  summary.addRow([]);
  row(summary, [say('pack.row.respondents'), bc.population.respondents], { 2: count });
  row(summary, [say('pack.row.activeCustomers'), bc.population.activeCustomers, bc.population.description], { 2: count });

  const steps = sheet(book, say('pack.sheet.waterfall'), say('pack.title.waterfall'), [34, 18, 18, 18]);
  header(steps, [say('pack.head.step'), say('pack.head.from'), say('pack.head.to'), say('pack.head.change')]);
  for (const s of waterfallSteps(bc, (kind) => LINE_ITEM_WORDS[kind] ?? kind, say('pack.row.npv'))) row(steps, [s.label, s.from, s.to, s.to - s.from], { 2: money, 3: money, 4: money }).font = { bold: s.total };

  const years = bc.netPerYear.map((_, i) => say('pack.year', { n: i + 1 }));
  const items = sheet(book, say('pack.sheet.lineItems'), say('pack.title.lineItems'), [32, 18, ...years.map(() => 16), 12, 60, 80]);
  header(items, [say('pack.head.lineItem'), say('pack.head.presentValue'), ...years, say('pack.head.counted'), say('pack.head.formula'), say('pack.head.inputs')]);
  const perYearFormats = (offset: number) => Object.fromEntries(years.map((_, i) => [offset + i, money]));
  for (const l of bc.lineItems) {
    row(items, [LINE_ITEM_WORDS[l.kind] ?? l.kind, l.value, ...l.perYear, yesNo(l.counted), l.formula, l.inputs.join('; ')], { 2: money, ...perYearFormats(3) });
  }
  row(items, [say('pack.row.net'), bc.netPresentValue, ...bc.netPerYear], { 2: money, ...perYearFormats(3) }).font = { bold: true };

  const assumptions = sheet(book, say('pack.sheet.assumptions'), say('pack.title.assumptions'), [14, 30, 16, 16, 16, 10, 12, 80]);
  header(assumptions, [say('pack.head.group'), say('pack.head.input'), say('pack.head.value'), say('pack.row.low'), say('pack.row.high'), 'n', say('pack.head.overridden'), say('pack.head.source')]);
  for (const a of bc.assumptions) {
    const fmt = a.input === 'CHURN_12M' ? share : money;
    row(assumptions, [GROUP_WORDS[a.group] ?? a.group, INPUT_WORDS[a.input] ?? a.input, a.value, a.low, a.high, a.n, yesNo(a.overridden), a.source], { 3: fmt, 4: fmt, 5: fmt, 6: count });
  }

  const s = pack.programme.statusDiagnosis;
  const status = sheet(book, say('pack.sheet.status'), say('pack.title.status', { asOf: s.asOf, programme: PROGRAMME_WORDS[s.programme] ?? s.programme }), [40, 14, 14, 14, 12, 14, 14, 14]);
  header(status, [say('pack.head.measure'), say('pack.head.value'), say('pack.head.lowCi'), say('pack.head.highCi'), 'n']);
  row(status, [say('pack.row.nps12'), s.npsLevel.nps, s.npsLevel.ciLow, s.npsLevel.ciHigh, s.npsLevel.n], { 2: nps, 3: nps, 4: nps, 5: count });
  row(status, [say('pack.row.churn12'), s.churnLevel.share, s.churnLevel.ciLow, s.churnLevel.ciHigh, s.churnLevel.n], { 2: share, 3: share, 4: share, 5: count });
  row(status, [say('pack.row.trend'), s.npsTrend.slopePerMonth, s.npsTrend.ciLow, s.npsTrend.ciHigh], { 2: ratio, 3: ratio, 4: ratio });
  for (const reason of s.reasons) status.addRow([reason]);
  status.addRow([]);
  header(status, [say('pack.head.npsByMonth'), 'NPS', say('pack.head.lowCi'), say('pack.head.highCi'), 'n', say('pack.head.wholeMonth')]);
  for (const p of s.npsPoints) row(status, [p.bucket, p.value, p.ciLow, p.ciHigh, p.n, yesNo(p.complete)], { 2: nps, 3: nps, 4: nps, 5: count });
  status.addRow([]);
  header(status, [say('pack.head.target'), say('pack.head.status'), say('pack.head.baseline'), say('pack.head.now'), 'n', say('pack.head.targetValue'), say('pack.head.due'), say('pack.head.achieved')]);
  for (const t of pack.programme.targets) {
    const fmt = t.progress.unit.includes('(0..1)') ? share : nps;
    row(status, [t.name, TARGET_STATUS_WORDS[t.progress.status] ?? t.progress.status, t.progress.baseline, t.progress.now?.value ?? null, t.progress.now?.n ?? null, t.progress.targetValue, t.progress.dueDate, t.progress.achieved], {
      3: fmt,
      4: fmt,
      5: count,
      6: fmt,
      8: share,
    });
  }

  const priorities = sheet(book, say('pack.sheet.priorities'), say('pack.title.priorities'), [8, 34, 24, 18, 12, 10, 8, 12, 12, 18]);
  header(priorities, [say('pack.head.rank'), say('pack.head.touchpoint'), say('pack.head.phase'), say('pack.head.quadrant'), say('pack.head.importance'), 'NPS', 'n', say('pack.head.lowCi'), say('pack.head.highCi'), say('pack.head.valueAtStake')]);
  for (const t of pack.programme.priorities.touchpoints) {
    row(priorities, [t.valueRank, t.touchpointName, t.phaseName, t.quadrant ? (QUADRANT_WORDS[t.quadrant] ?? t.quadrant) : null, t.importance, t.nps.nps, t.nps.n, t.nps.ciLow, t.nps.ciHigh, t.valueAtStake], {
      5: share,
      6: nps,
      7: count,
      8: nps,
      9: nps,
      10: money,
    });
  }

  const initiatives = sheet(book, say('pack.sheet.initiatives'), say('pack.title.initiatives'), [8, 40, 14, 18, 18, 18, 18, 12, 12, 60]);
  header(initiatives, [say('pack.head.rank'), say('pack.head.initiative'), say('pack.head.status'), say('pack.row.npv'), say('pack.row.low'), say('pack.row.high'), say('pack.head.cost'), 'ROI', say('pack.row.payback'), say('pack.head.whyNot')]);
  for (const r of pack.programme.initiativeRanking) {
    row(initiatives, [r.rank, r.initiative.title, INITIATIVE_STATUS_WORDS[r.initiative.status] ?? r.initiative.status, r.value, r.valueLow, r.valueHigh, r.cost, r.valuePerCost, r.paybackMonth, r.problem], {
      4: money,
      5: money,
      6: money,
      7: money,
      8: ratio,
    });
  }

  return Buffer.from(await book.xlsx.writeBuffer());
}
