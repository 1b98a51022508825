import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { issueCredential } from '../../server/auth/auth.service.js';
import { createApp } from '../../server/app.js';
import { moneyFormat, XLSX_FORMATS } from '../../server/modules/reports/boardPack.xlsx.js';
import { formatMoney, formatWholeAmount } from '../../server/modules/reports/words.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { User } from '../../server/modules/users/user.entity.js';
import { listen } from '../support/httpServer.js';
import { makeTestApp, type TestApp } from '../support/testApp.js';

/** The board pack over HTTP on the demo company with generated answers (10,000 customers, 100,000 answers, 24 months to 2026-06-30). */
const END = '2026-06-30';
const SCREENSHOTS = path.resolve('tests/e2e/__screenshots__');
let app: TestApp;
let server: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
const tokens = new Map<Role, string>();
let initiativeId: string;

const CASE = `title netPresentValue roi paybackMonth netPerYear horizonYears discountRate range { low base high }
  lineItems { kind value perYear counted } assumptions { group input value n }`;

async function download(format: 'xlsx' | 'pdf', query: string, role: Role | null = Role.EXECUTIVE) {
  const headers: Record<string, string> = role ? { authorization: `Bearer ${tokens.get(role)}` } : {};
  return fetch(`${base}export/board-pack.${format}?${query}`, { headers });
}

beforeAll(async () => {
  app = await makeTestApp();
  await loadDemoCompany(app.orm.em.fork(), makeDemoCompany(END));
  await app.analytics.syncModel();
  await generate(app.analytics.store, { customers: 10_000, responses: 100_000, months: 24, seed: 42, endDate: END, dimensions: 'never' });
  const em = app.orm.em.fork();
  for (const role of [Role.EXECUTIVE, Role.STRATEGIST, Role.ANALYST]) {
    const caller = await app.callerFor(role);
    tokens.set(role, issueCredential(em, await em.findOneOrFail(User, caller.id), 'API_TOKEN', 'board pack test').secret);
  }
  await em.flush();
  const { initiatives } = await app.ok(`{ initiatives { id title } }`);
  initiativeId = initiatives.find((i: { title: string }) => i.title === 'One named claims handler per claim').id;
  const { app: http } = await createApp({ orm: app.orm, analytics: app.analytics.store, production: false, onModelChanged: async () => undefined });
  server = await listen(http);
  base = server.base;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await app?.close();
});

describe('board pack in Excel', () => {
  it("holds the API's numbers as number cells with currency and per-cent formats, one sheet per part", async () => {
    const { businessCase: bc } = await app.ok(`query($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { ${CASE} } }`, { s: { initiativeId } }, Role.EXECUTIVE);
    const { statusDiagnosis: status, targets } = await app.ok(`{ statusDiagnosis { npsLevel { nps n ciLow ciHigh } } targets { name progress { targetValue } } }`, {}, Role.EXECUTIVE);
    const response = await download('xlsx', `initiative=${initiativeId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="?board-pack-one-named-claims-handler-per-claim-\d{4}-\d{2}-\d{2}\.xlsx"?/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['Business case', 'Waterfall', 'Line items', 'Assumptions', 'Status & targets', 'Priorities', 'Initiatives']);

    const find = (sheet: string, label: string) => {
      const ws = book.getWorksheet(sheet)!;
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (!found && r.getCell(1).value === label) found = r;
      });
      if (!found) throw new Error(`No row "${label}" in ${sheet}`);
      return found;
    };
    // Two computations of one case may differ in the last bits (DuckDB sums in parallel): compare to a millionth of a krone.
    const npv = find('Business case', 'Net present value').getCell(2);
    expect(npv.value).toBeCloseTo(bc.netPresentValue, 6);
    expect(npv.numFmt).toBe(moneyFormat('DKK'));
    expect(find('Business case', 'Discount rate').getCell(2)).toMatchObject({ value: bc.discountRate, numFmt: XLSX_FORMATS.share });
    expect(find('Business case', 'ROI (NPV / present value of costs)').getCell(2).value).toBeCloseTo(bc.roi, 9);
    expect(find('Business case', 'Low').getCell(2).value).toBeCloseTo(bc.range.low, 6);
    expect(find('Business case', 'High').getCell(2).value).toBeCloseTo(bc.range.high, 6);
    expect(find('Business case', 'Payback month').getCell(2).value).toBe(bc.paybackMonth);

    const uplift = bc.lineItems.find((l: { kind: string }) => l.kind === 'MARGIN_UPLIFT');
    const upliftRow = find('Line items', 'Margin uplift');
    const close = (cells: unknown[], expected: number[]) => cells.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(upliftRow.getCell(2).value).toBeCloseTo(uplift.value, 6);
    close([3, 4, 5].map((c) => upliftRow.getCell(c).value), uplift.perYear);
    close([3, 4, 5].map((c) => find('Line items', 'Net value').getCell(c).value), bc.netPerYear);
    // The waterfall ends at the net present value; its changes are the counted line items.
    expect(find('Waterfall', 'Net present value').getCell(3).value).toBeCloseTo(bc.netPresentValue, 6);
    expect(find('Waterfall', 'Margin uplift').getCell(4).value).toBeCloseTo(uplift.value, 6);

    const nps = find('Status & targets', 'Relationship NPS (12 months)');
    expect([2, 3, 4, 5].map((c) => nps.getCell(c).value)).toEqual([status.npsLevel.nps, status.npsLevel.ciLow, status.npsLevel.ciHigh, status.npsLevel.n]);
    for (const t of targets) expect(find('Status & targets', t.name).getCell(6).value).toBe(t.progress.targetValue);
    const margin = bc.assumptions.find((a: { group: string; input: string }) => a.group === 'DETRACTOR' && a.input === 'ANNUAL_MARGIN');
    const assumptionRows: ExcelJS.Row[] = [];
    book.getWorksheet('Assumptions')!.eachRow((r) => {
      if (r.getCell(1).value === 'Detractors' && r.getCell(2).value === 'Annual margin per customer') assumptionRows.push(r);
    });
    expect(assumptionRows[0]!.getCell(3).value).toBeCloseTo(margin.value, 6);
    expect(assumptionRows[0]!.getCell(3).numFmt).toBe(moneyFormat('DKK'));
    expect(assumptionRows[0]!.getCell(6).value).toBe(margin.n);
  });

  it('is for signed-in roles that read aggregates, and names what is missing', async () => {
    expect((await download('xlsx', `initiative=${initiativeId}`, null)).status).toBe(401);
    const missing = await download('xlsx', '', Role.STRATEGIST);
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const unknown = await download('pdf', 'initiative=00000000-0000-4000-8000-000000000000', Role.STRATEGIST);
    expect(unknown.status).toBe(404);
  });
});

describe('board pack as PDF', () => {
  it('is a laid-out report whose text holds the net present value as the page shows it', async () => {
    const { businessCase: bc } = await app.ok(`query($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { netPresentValue range { low high } } }`, { s: { initiativeId } }, Role.STRATEGIST);
    const response = await download('pdf', `initiative=${initiativeId}`, Role.STRATEGIST);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-pack-'));
    const file = path.join(dir, 'board-pack.pdf');
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('One named claims handler per claim');
    expect(text).toContain(formatMoney(bc.netPresentValue));
    expect(text).toContain(`${formatWholeAmount(bc.netPresentValue)} DKK`);
    expect(text).toContain(formatMoney(bc.range.low));
    expect(text).toContain(formatMoney(bc.range.high));
    expect(text).toMatch(/Status and targets/);
    expect(text).toMatch(/n = [\d,]+, 95% interval/);
    // The first page as an image, for people to look at (tests/e2e/__screenshots__ is not committed).
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(SCREENSHOTS, 'board-pack-page-1')]);
    expect(fs.existsSync(path.join(SCREENSHOTS, 'board-pack-page-1.png'))).toBe(true);
  });
});

describe('board pack in the company currency', () => {
  it('writes every amount in the currency set for the company, in the workbook and the PDF', async () => {
    await app.ok(`mutation { updateCompanySettings(input: { currency: "EUR" }) { currency } }`, {}, Role.ADMIN);
    try {
      const { businessCase: bc } = await app.ok(`query($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { netPresentValue } }`, { s: { initiativeId } }, Role.EXECUTIVE);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await (await download('xlsx', `initiative=${initiativeId}`)).arrayBuffer());
      const formats = new Set<string>();
      book.worksheets.forEach((ws) => ws.eachRow((r) => r.eachCell((c) => (typeof c.numFmt === 'string' && /"[A-Z]{3}"/.test(c.numFmt) ? formats.add(c.numFmt) : undefined))));
      expect([...formats]).toEqual([moneyFormat('EUR')]);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-pack-eur-'));
      const file = path.join(dir, 'board-pack.pdf');
      fs.writeFileSync(file, Buffer.from(await (await download('pdf', `initiative=${initiativeId}`)).arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(formatMoney(bc.netPresentValue, { currency: 'EUR' }));
      expect(text).toContain(`${formatWholeAmount(bc.netPresentValue)} EUR`);
      expect(text).toContain('Change (EUR)');
      expect(text).not.toContain('DKK');
    } finally {
      await app.ok(`mutation { updateCompanySettings(input: { currency: "DKK" }) { currency } }`, {}, Role.ADMIN);
    }
  });
});

describe("board pack in the downloader's language", () => {
  const texts = (book: ExcelJS.Workbook) => {
    const all: string[] = [];
    book.worksheets.forEach((ws) => ws.eachRow((r) => r.eachCell((c) => (typeof c.value === 'string' ? all.push(c.value) : undefined))));
    return all;
  };
  const load = async (lang: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}export/board-pack.xlsx?initiative=${initiativeId}${lang ? `&lang=${lang}` : ''}`, { headers: { authorization: `Bearer ${tokens.get(Role.EXECUTIVE)}`, ...headers } });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    return book;
  };
  const ENGLISH_HEADINGS = ['Net present value', 'Line item', 'Present value', 'Counted', 'Formula', 'Overridden', 'Source', 'Relationship NPS (12 months)', 'Value at stake', 'Why not estimated', 'Touchpoint', 'Year 1', 'Waterfall', 'Detractors', 'Margin uplift'];

  it('writes sheet names, headings, row labels and words in Danish with ?lang=da and in English with ?lang=en, numbers staying number cells', async () => {
    const [da, en] = await Promise.all([load('da'), load('en')]);
    expect(da.worksheets.map((w) => w.name)).toEqual(['Business case', 'Vandfald', 'Poster', 'Antagelser', 'Status og mål', 'Prioriteter', 'Initiativer']);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Business case', 'Waterfall', 'Line items', 'Assumptions', 'Status & targets', 'Priorities', 'Initiatives']);
    const daTexts = texts(da);
    for (const heading of ['Nutidsværdi', 'Post', 'Medregnet', 'Formel', 'Kilde', 'Relations-NPS (12 måneder)', 'Værdi på spil', 'Kontaktpunkt', 'År 1', 'Kritikere']) expect(daTexts).toContain(heading);
    for (const heading of ENGLISH_HEADINGS) expect(daTexts).not.toContain(heading);
    const enTexts = texts(en);
    for (const heading of ENGLISH_HEADINGS.filter((h) => h !== 'Waterfall' && h !== 'Detractors' && h !== 'Margin uplift')) expect(enTexts).toContain(heading);
    expect(enTexts).not.toContain('Nutidsværdi');
    // The same number cell in both: the net present value row's value is a number, not text.
    const npv = (book: ExcelJS.Workbook, label: string) => {
      let value: unknown;
      book.getWorksheet(1)!.eachRow((r) => {
        if (value === undefined && r.getCell(1).value === label) value = r.getCell(2).value;
      });
      return value;
    };
    expect(typeof npv(da, 'Nutidsværdi')).toBe('number');
    expect(npv(da, 'Nutidsværdi')).toBeCloseTo(npv(en, 'Net present value') as number, 0);
  });

  it('writes the PDF in Danish with ?lang=da: headings, labels and numbers in Danish, none of the English headings', async () => {
    const response = await download('pdf', `initiative=${initiativeId}&lang=da`, Role.STRATEGIST);
    expect(response.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-pack-da-'));
    const file = path.join(dir, 'board-pack.pdf');
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const danish of ['Bestyrelsesmateriale', 'Nutidsværdi', 'Status og mål', 'Prioriteter', 'Kontaktpunkt', 'Værdi på spil', 'Initiativer efter nutidsværdi', 'side 1 af']) expect(text).toContain(danish);
    expect(text).toMatch(/n = [\d.]+, 95 %-konfidensinterval/);
    for (const english of ['Board pack', 'Net present value', 'Status and targets', 'Line item', 'Value at stake', 'Payback', '95% interval', 'page 1 of']) expect(text).not.toContain(english);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(SCREENSHOTS, 'board-pack-da-page-1')]);
  });

  it("follows Accept-Language when the link names no language, and English when neither does", async () => {
    expect((await load('', { 'accept-language': 'da-DK,da;q=0.9' })).worksheets[1]!.name).toBe('Vandfald');
    expect((await load('')).worksheets[1]!.name).toBe('Waterfall');
  });
});
