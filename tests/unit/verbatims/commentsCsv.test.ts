import { describe, expect, it } from 'vitest';
import { commentCsvWriter, parseExportQuery } from '../../../server/modules/verbatims/commentsExport.routes.js';
import type { ExportedCommentRow } from '../../../analytics/queries/verbatims/exportComments.js';

/** The comments file's lines (issue 21): words for codes in the reader's language, spreadsheet-safe quoting. */
const row = (fields: Partial<ExportedCommentRow> = {}): ExportedCommentRow => ({
  responseId: 'r1',
  day: '2026-05-04',
  touchpointName: null,
  personaName: null,
  ltr: 2,
  language: 'DA',
  score: -2.25,
  label: 'NEGATIVE',
  themeIds: ['CLAIMS', 'WAITING_TIME'],
  families: ['ANGER', 'WORRY'],
  comment: 'Ventede "evigt", 3 uger',
  ...fields,
});
const themes = new Map([['WAITING_TIME', 'Waiting time'], ['CLAIMS', 'Claims handling']]);

describe('comments CSV writer', () => {
  it('writes names, not codes, and quotes a comment holding commas and quotes', () => {
    const csv = commentCsvWriter('en', themes);
    expect(csv.header).toBe('Answered,Touchpoint,Persona,Likelihood to recommend (0-10),Language,Sentiment,Sentiment score,Themes,Feelings,Comment\r\n');
    expect(csv.lines([row()])).toBe('2026-05-04,Relationship survey,Unknown persona,2,Danish,Negative,-2.25,Claims handling; Waiting time,Anger; Worry,"Ventede ""evigt"", 3 uger"\r\n');
    expect(csv.lines([row({ comment: '=HYPERLINK("x")', touchpointName: 'Claim handling', personaName: 'Young family', language: 'EN', label: 'POSITIVE' })])).toBe(
      '2026-05-04,Claim handling,Young family,2,English,Positive,-2.25,Claims handling; Waiting time,Anger; Worry,"\'=HYPERLINK(""x"")"\r\n',
    );
    expect(csv.filename({})).toBe('comments.csv');
    expect(csv.filename({ from: '2026-01-01' })).toBe('comments-2026-01-01-to-latest.csv');
  });

  it('writes Danish words for a Danish reader', () => {
    const csv = commentCsvWriter('da', themes);
    expect(csv.header).toBe('Besvaret,Kontaktpunkt,Persona,Sandsynlighed for at anbefale (0-10),Sprog,Stemning,Stemningsscore,Temaer,Følelser,Kommentar\r\n');
    expect(csv.lines([row({ comment: 'Fint' })])).toBe('2026-05-04,Relationsmåling,Ukendt persona,2,Dansk,Negativ,-2.25,Claims handling; Waiting time,Vrede; Bekymring,Fint\r\n');
    expect(csv.filename({ to: '2026-06-30' })).toBe('kommentarer-start-to-2026-06-30.csv');
  });

  it('reads the cut from the address as the page writes it, and names a bad parameter', () => {
    expect(parseExportQuery({ touchpoint: 'TP_X', unit: 'U1', persona: 'P', from: '2026-01-01', search: 'queue', sentiment: 'NEGATIVE', feeling: 'ANGER', language: 'EN', lang: 'da' })).toEqual({
      filter: { touchpointCodes: ['TP_X'], unitCodes: ['U1'], personaCodes: ['P'], from: '2026-01-01' },
      cut: { search: 'queue', sentiment: 'NEGATIVE', feeling: 'ANGER', language: 'EN' },
      lang: 'da',
    });
    expect(() => parseExportQuery({ feeling: 'RAGE' })).toThrow(/^feeling: "RAGE" is not one of ANGER/);
    expect(() => parseExportQuery({ unit: ['A', 'B'] })).toThrow(/^unit: give it once/);
  });
});
