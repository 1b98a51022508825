/**
 * CSV exports a person opens in Excel: the values are the ones on screen (money rounded to whole units
 * with the currency in the header, ROI in per cent as the page prints it), labels instead of codes,
 * the reason beside a value that needs one, no internal paths.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../client/src/shared/i18n';
import { formatMoney, formatShare } from '../../client/src/shared/format';
import { queueCsvHeader, queueCsvRows, STATUS_LABELS } from '../../client/src/features/follow-up/model/followUp';
import { rankingCsvHeader, rankingCsvRows, valueReading } from '../../client/src/features/business-case/model/initiatives';
import { toCsv } from '../../client/src/shared/csv';
import { csvWords } from '../../client/src/shared/csvWords';
import { makeBusinessCase, makeRanked } from './support/businessCase';
import { caseCsvHeader, caseCsvRows, cumulativeOption, waterfallOption } from '../../client/src/features/business-case/model/businessCase';
import { csvHeader as prioritiesCsvHeader } from '../../client/src/features/priorities/model/priorities';
import { gapCsvHeader } from '../../client/src/features/priorities/model/gaps';
import { correlationsCsvHeader, loyaltyCsvHeader, targetsCsvHeader, unitsCsvHeader } from '../../client/src/features/status/model/status';
import { withSaidSeries } from '../../client/src/features/verbatims/model/saidCurve';

const CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;
const PATH = /(^|[\s,"])(\/|[A-Za-z]:\\)[\w./\\-]+/;

describe('the initiative ranking export', () => {
  const rows = [
    makeRanked({ rank: 1, value: 10_968_979.4, valueLow: 4_250_120.7, valueHigh: 17_400_333.3, cost: 2_077_777.7, valuePerCost: 5.279, paybackMonth: 14 }),
    makeRanked({ rank: 2, value: -500_000, valueLow: -500_000, valueHigh: -500_000, cost: 500_000, valuePerCost: -1, paybackMonth: null }),
    makeRanked({ rank: 3, value: null, valueLow: null, valueHigh: null, valuePerCost: null, paybackMonth: null, problem: 'the initiative has no touchpoints' }),
  ];
  const csv = rankingCsvRows(rows);

  it('holds the amounts the page shows: whole units that format to the same figure', () => {
    rows.forEach((r, i) => {
      const exported = csv[i]!;
      for (const [column, value] of [[5, r.value], [6, r.valueLow], [7, r.valueHigh], [8, r.cost]] as const) {
        const cell = exported[column];
        if (value === null) expect(cell).toBeNull();
        else {
          expect(Number.isInteger(cell)).toBe(true);
          expect(formatMoney(typeof cell === 'number' ? cell : NaN)).toBe(formatMoney(value));
        }
      }
    });
    expect(csv[0]![5]).toBe(10_968_979);
  });

  it('gives ROI in per cent as the page prints it (528%, not 5.279)', () => {
    expect(formatShare(5.279, 0)).toBe('528%');
    expect(csv[0]![9]).toBe(528);
    expect(csv[1]![9]).toBe(-100);
  });

  it('says in words why a value is negative or missing', () => {
    expect(csv[1]![13]).toBe(valueReading(rows[1]!));
    expect(csv[1]![13]).toMatch(/^ROI −100%: the expected effect moves no customer's value/);
    expect(csv[2]![13]).toBe('No value: the initiative has no touchpoints.');
    expect(csv[0]![13]).toBe('');
  });

  it('names the currency in the headers and holds no codes or paths', () => {
    const text = toCsv(rankingCsvHeader('DKK'), csv);
    expect(rankingCsvHeader('DKK')).toContain('Value, net present (DKK)');
    expect(text).not.toMatch(CODE);
    expect(text).not.toMatch(PATH);
    expect(text).not.toMatch(/\d\.\d{4,}/); // no unrounded floats
  });
});

describe('the follow-up queue export', () => {
  it('uses the labels the queue shows, never the status or kind codes', () => {
    const rows = queueCsvRows(
      [
        {
          id: 'a',
          kind: 'RECOVER',
          status: 'CLOSED_NO_ACTION',
          isClosed: true,
          outcome: 'NOT_REACHED',
          ltr: 2,
          dueAt: '2026-11-24T00:00:00Z',
          slaDays: 7,
          overdue: false,
          respondedAt: '2026-11-17T00:00:00Z',
          customerValue: 12_345.67,
          personaCode: 'SENIOR_SAVER',
          persona: { name: 'Senior saver' },
          touchpointCode: 'TP_CLAIM_HANDLING',
          touchpoint: { name: 'Claim handling' },
          department: { id: 'd', name: 'Claims' },
          assignee: { id: 'u', name: 'Kim' },
        },
      ],
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(rows[0]).toEqual(['Closed: not reached', '', 'Recover', 2, 'Claim handling', 'Senior saver', 12_346, STATUS_LABELS.CLOSED_NO_ACTION, 'Claims', 'Kim', '17 Nov 2026']);
    expect(toCsv(queueCsvHeader('EUR'), rows)).not.toMatch(CODE);
    expect(queueCsvHeader('EUR')).toContain('Customer value per year (EUR)');
  });
});

describe('the client-made exports in Danish', () => {
  afterEach(() => applyLanguage('en'));

  it('writes the ranking and follow-up headers, statuses and readings in the reader\'s language', () => {
    applyLanguage('da');
    const ranked = [
      makeRanked({ rank: 1, value: -500_000, valueLow: -500_000, valueHigh: -500_000, cost: 500_000, valuePerCost: -1, paybackMonth: null }),
      makeRanked({ rank: 2, value: -20_000, valueLow: -30_000, valueHigh: -10_000, cost: 500_000, valuePerCost: -0.04, paybackMonth: null }),
    ];
    expect(rankingCsvHeader('DKK')).toEqual([
      'Placering', 'Initiativ', 'Status', 'Afdeling', 'Kontaktpunkter', 'Værdi, nettonutidsværdi (DKK)', 'Værdi lav (DKK)', 'Værdi høj (DKK)',
      'Omkostning, nutidsværdi (DKK)', 'Afkast af omkostningen (%)', 'Tilbagebetaling', 'Gennemførlighed (1-5)', 'Effekt (1-5)', 'Hvad værdien betyder',
    ]);
    const rows = rankingCsvRows(ranked);
    expect(rows[0]![10]).toBe('ikke inden for perioden');
    // Money is written with Intl's no-break spaces ("500 t kr."); compare with plain ones.
    const plain = (v: unknown) => String(v).replace(/\s/g, ' ');
    expect(plain(rows[0]![13])).toBe('ROI −100 %: den forventede effekt flytter ingen kunders værdi i data, så hele omkostningen (500 t kr.) er tabt.');
    expect(plain(rows[1]![13])).toBe('Koster 20 t kr. mere, end det giver i perioden.');
    expect(valueReading({ value: null, cost: 1, valuePerCost: null, problem: null })).toMatch(/^Ingen værdi: initiativet har endnu ingen forventet effekt/);
    expect(queueCsvHeader('DKK')).toContain('Kundeværdi pr. år (DKK)');
    expect(queueCsvHeader('DKK')[0]).toBe('Frist');
  });
});

describe('the page exports and chart words in Danish', () => {
  afterEach(() => applyLanguage('en'));

  it('writes the priorities, persona gaps and status CSV headers in Danish, one per column as in English', () => {
    const english = [prioritiesCsvHeader(), gapCsvHeader(), loyaltyCsvHeader(), unitsCsvHeader(), correlationsCsvHeader(), targetsCsvHeader()];
    expect(english[0]![0]).toBe('Value rank');
    applyLanguage('da');
    const danish = [prioritiesCsvHeader(), gapCsvHeader(), loyaltyCsvHeader(), unitsCsvHeader(), correlationsCsvHeader(), targetsCsvHeader()];
    danish.forEach((header, i) => expect(header).toHaveLength(english[i]!.length));
    expect(danish[0]!.slice(0, 6)).toEqual(['Placering efter værdi', 'Kontaktpunkt', 'Kode', 'Fase', 'Kvadrant', 'Vigtighed (andel af R²)']);
    expect(danish[0]).toContain('Værdi på spil pr. år');
    expect(danish[1]).toContain('Signifikant (5 % falske fund)');
    expect(danish[2]!.slice(0, 3)).toEqual(['Gruppe', 'Kunder', 'Kundeafgang over 12 måneder']);
    expect(danish[3]).toContain('Medarbejdertilfredshed');
    expect(danish[4]![0]).toBe('Variabel A');
    expect(danish[5]!.slice(0, 5)).toEqual(['Mål', 'Måletal', 'Omfang', 'Målt', 'Status']);
  });

  it("writes the business case's CSV and chart words in Danish", () => {
    applyLanguage('da');
    const bc = makeBusinessCase();
    const lines = toCsv(caseCsvHeader(), caseCsvRows(bc)).split('\r\n');
    expect(lines[0]).toBe('Afsnit,Post,Værdi,Lav,Høj,n,Pr. år (ikke diskonteret),Medregnet eller overskrevet,Formel eller kilde,Input');
    expect(lines).toContain('Sammendrag,Nettonutidsværdi,1000,800,1200,,,,inputs at their interval ends,');
    expect(lines.some((l) => l.startsWith('Linjepost,') && l.includes(',ikke medregnet,'))).toBe(true);
    expect(lines).toContain('Antagelse,Passive: Kundeafgang over 12 måneder,0.05,0.05,0.05,,,overskrevet,scenario override,');
    expect(lines).toContain('Flytning,Kritikere → Passive,10.5,,,,,,50% of 21 detractors,');
    const waterfall = JSON.stringify(waterfallOption(bc));
    expect(waterfall).toContain('Nettonutidsværdi');
    expect(waterfall).not.toContain('Net present value');
    const cumulative = JSON.stringify(cumulativeOption(bc));
    expect(cumulative).toContain('Akkumuleret nettoværdi (ikke diskonteret)');
    expect(cumulative).toContain('"Måned"');
  });

  it('names and explains the "said in comments" line in Danish, numbers in Danish format', () => {
    applyLanguage('da');
    const said = [{ touchpointCode: 'p1', touchpointName: 'Skade', emotionIndex: -0.5, commented: 1234, families: [] }];
    const option = withSaidSeries({ series: [] }, ['p1'], said as unknown as Parameters<typeof withSaidSeries>[2]);
    const series = (option.series as { name: string; tooltip: { formatter: (p: unknown) => string } }[])[0]!;
    expect(series.name).toBe('Sagt i kommentarer');
    expect(series.tooltip.formatter({ dataIndex: 0 }).replace(/\s/g, ' ')).toBe('<strong>Skade</strong><br>Sagt i kommentarer: −0,50 (følelsesord, n = 1.234)');
  });

  it('writes yes/no cells as words in the reader\'s language, not true/false', () => {
    expect(csvWords([['Claims', true, false, 3, null]])).toEqual([['Claims', 'yes', 'no', 3, null]]);
    applyLanguage('da');
    expect(toCsv(['Kontaktpunkt', 'Kritisk', 'Signifikant'], csvWords([['Skade', true, false]]))).toBe('Kontaktpunkt,Kritisk,Signifikant\r\nSkade,ja,nej\r\n');
  });
});
