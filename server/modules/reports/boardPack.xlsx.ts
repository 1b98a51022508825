import ExcelJS from 'exceljs';
import type { BoardPack } from './boardPack.data.js';
import { GROUP_LABELS, INITIATIVE_STATUS_WORDS, INPUT_LABELS, LINE_ITEM_LABELS, PROGRAMME_WORDS, QUADRANT_WORDS, TARGET_STATUS_WORDS, waterfallSteps } from './words.js';

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

  const summary = sheet(book, 'Business case', `Business case: ${pack.name}`, [34, 20, 60]);
  row(summary, ['Computed at (data date)', bc.asOf]);
  row(summary, ['Horizon (years)', bc.horizonYears], { 2: count });
  row(summary, ['Discount rate', bc.discountRate], { 2: share });
  row(summary, ['Net present value', bc.netPresentValue], { 2: money }).font = { bold: true };
  row(summary, ['ROI (NPV / present value of costs)', bc.roi], { 2: ratio });
  row(summary, ['Payback month', bc.paybackMonth], { 2: count });
  row(summary, ['One-off cost', bc.oneOffCost], { 2: money });
  row(summary, ['Yearly cost', bc.yearlyCost], { 2: money });
  summary.addRow([]);
  header(summary, ['Range', 'Net present value', 'Method']);
  row(summary, ['Low', bc.range.low, bc.range.method], { 2: money });
  row(summary, ['Base', bc.range.base], { 2: money });
  row(summary, ['High', bc.range.high], { 2: money });
  summary.addRow([]);
  row(summary, ['Customers with a relationship answer', bc.population.respondents], { 2: count });
  row(summary, ['Current customers', bc.population.activeCustomers, bc.population.description], { 2: count });

  const steps = sheet(book, 'Waterfall', 'Waterfall: counted line items adding up to the net present value', [34, 18, 18, 18]);
  header(steps, ['Step', 'From', 'To', 'Change']);
  for (const s of waterfallSteps(bc)) row(steps, [s.label, s.from, s.to, s.to - s.from], { 2: money, 3: money, 4: money }).font = { bold: s.total };

  const years = bc.netPerYear.map((_, i) => `Year ${i + 1}`);
  const items = sheet(book, 'Line items', 'Line items: present value over the horizon and undiscounted value per year', [32, 18, ...years.map(() => 16), 12, 60, 80]);
  header(items, ['Line item', 'Present value', ...years, 'Counted', 'Formula', 'Inputs']);
  const perYearFormats = (offset: number) => Object.fromEntries(years.map((_, i) => [offset + i, money]));
  for (const l of bc.lineItems) {
    row(items, [LINE_ITEM_LABELS[l.kind], l.value, ...l.perYear, l.counted ? 'yes' : 'no', l.formula, l.inputs.join('; ')], { 2: money, ...perYearFormats(3) });
  }
  row(items, ['Net value', bc.netPresentValue, ...bc.netPerYear], { 2: money, ...perYearFormats(3) }).font = { bold: true };

  const assumptions = sheet(book, 'Assumptions', "Assumptions: each group's economics, measured (with its 95% interval and n) or overridden", [14, 30, 16, 16, 16, 10, 12, 80]);
  header(assumptions, ['Group', 'Input', 'Value', 'Low', 'High', 'n', 'Overridden', 'Source']);
  for (const a of bc.assumptions) {
    const fmt = a.input === 'CHURN_12M' ? share : money;
    row(assumptions, [GROUP_LABELS[a.group], INPUT_LABELS[a.input], a.value, a.low, a.high, a.n, a.overridden ? 'yes' : 'no', a.source], { 3: fmt, 4: fmt, 5: fmt, 6: count });
  }

  const s = pack.programme.statusDiagnosis;
  const status = sheet(book, 'Status & targets', `Status as of ${s.asOf}: ${PROGRAMME_WORDS[s.programme] ?? s.programme}`, [40, 14, 14, 14, 12, 14, 14, 14]);
  header(status, ['Measure', 'Value', 'Low (95%)', 'High (95%)', 'n']);
  row(status, ['Relationship NPS (12 months)', s.npsLevel.nps, s.npsLevel.ciLow, s.npsLevel.ciHigh, s.npsLevel.n], { 2: nps, 3: nps, 4: nps, 5: count });
  row(status, ['12-month churn', s.churnLevel.share, s.churnLevel.ciLow, s.churnLevel.ciHigh, s.churnLevel.n], { 2: share, 3: share, 4: share, 5: count });
  row(status, ['NPS trend (points per month)', s.npsTrend.slopePerMonth, s.npsTrend.ciLow, s.npsTrend.ciHigh], { 2: ratio, 3: ratio, 4: ratio });
  for (const reason of s.reasons) status.addRow([reason]);
  status.addRow([]);
  header(status, ['NPS by month', 'NPS', 'Low (95%)', 'High (95%)', 'n', 'Whole month']);
  for (const p of s.npsPoints) row(status, [p.bucket, p.value, p.ciLow, p.ciHigh, p.n, p.complete ? 'yes' : 'no'], { 2: nps, 3: nps, 4: nps, 5: count });
  status.addRow([]);
  header(status, ['Target', 'Status', 'Baseline', 'Now', 'n', 'Target value', 'Due', 'Achieved']);
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

  const priorities = sheet(book, 'Priorities', 'Touchpoint priorities, ranked by value at stake', [8, 34, 24, 18, 12, 10, 8, 12, 12, 18]);
  header(priorities, ['Rank', 'Touchpoint', 'Phase', 'Quadrant', 'Importance', 'NPS', 'n', 'Low (95%)', 'High (95%)', 'Value at stake']);
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

  const initiatives = sheet(book, 'Initiatives', 'Initiatives ranked by the net present value of their business case', [8, 40, 14, 18, 18, 18, 18, 12, 12, 60]);
  header(initiatives, ['Rank', 'Initiative', 'Status', 'Net present value', 'Low', 'High', 'Cost (present value)', 'ROI', 'Payback month', 'Why not estimated']);
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
