import express from 'express';
import { parseCookie } from 'cookie';
import { withLanguage } from '../../../analytics/i18n/index.js';
import { AnalyticsInputError } from '../../../analytics/queries/errors.js';
import type { AnalyticsFilter } from '../../../analytics/queries/filter.js';
import type { ExportedCommentRow } from '../../../analytics/queries/verbatims/exportComments.js';
import type { CommentCut, SentimentLabel } from '../../../analytics/queries/verbatims/scope.js';
import words from '../../../client/src/features/verbatims/messages.js';
import { csvLines, type CsvValue } from '../../../client/src/shared/csv.js';
import { audit, resolveCaller } from '../../auth/auth.service.js';
import { logger } from '../../common/logger.js';
import { minCellCustomersForRole } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import type { AppDeps, Caller } from '../../context.js';
import { User } from '../users/user.entity.js';
import { Language } from '../users/user.enums.js';
import { VerbatimService } from './verbatims.service.js';

/** Waits until the socket takes more bytes, or is gone (then the export loop stops reading). */
function drainedOrClosed(res: express.Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The address of the download; the Comments page links here with its cut. */
export const COMMENTS_CSV_PATH = '/export/comments.csv';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };
const fail = (res: express.Response, code: string, message: string, field?: string) =>
  res.status(STATUS[code] ?? 500).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SENTIMENTS: readonly SentimentLabel[] = ['NEGATIVE', 'NEUTRAL', 'POSITIVE'];
const FAMILIES = Object.keys(words.en.verbatims.feeling);
const LANGUAGES = ['DA', 'EN'] as const;
type Lang = 'en' | 'da';

/** The filter's field for each address parameter, so an error names the parameter the caller sent. */
const PARAM_OF: Record<string, string> = { personaCodes: 'persona', unitCodes: 'unit', touchpointCodes: 'touchpoint', journeyId: 'journey', phaseId: 'phase' };

class ParamError extends Error {
  constructor(
    readonly param: string,
    problem: string,
  ) {
    super(`${param}: ${problem}`);
  }
}

/** The cut named in the address: the same keys the Comments page keeps in its own address. */
export function parseExportQuery(query: express.Request['query']): { filter: AnalyticsFilter; cut: CommentCut; lang: Lang | null } {
  const value = (key: string): string | undefined => {
    const v = query[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ParamError(key, 'give it once');
    if (v.length > 200) throw new ParamError(key, 'is longer than 200 characters');
    return v || undefined;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = value(key);
    if (v === undefined) return undefined;
    const found = allowed.find((a) => a === v);
    if (!found) throw new ParamError(key, `"${v}" is not one of ${allowed.join(', ')}`);
    return found;
  };
  const filter: AnalyticsFilter = {};
  const from = value('from');
  const to = value('to');
  if (from) filter.from = from;
  if (to) filter.to = to;
  const persona = value('persona');
  if (persona) filter.personaCodes = [persona];
  const unit = value('unit');
  if (unit) filter.unitCodes = [unit];
  const touchpoint = value('touchpoint');
  if (touchpoint) filter.touchpointCodes = [touchpoint];
  const journey = value('journey');
  if (journey) {
    if (!UUID.test(journey)) throw new ParamError('journey', `"${journey}" is not a journey id; choose the journey on the Comments page`);
    filter.journeyId = journey;
  }
  const cut: CommentCut = {};
  const search = value('search');
  if (search) cut.search = search;
  const theme = value('theme');
  if (theme) cut.themeId = theme;
  const sentiment = oneOf('sentiment', SENTIMENTS);
  if (sentiment) cut.sentiment = sentiment;
  const feeling = oneOf('feeling', FAMILIES);
  if (feeling) cut.feeling = feeling;
  const language = oneOf('language', LANGUAGES);
  if (language) cut.language = language;
  return { filter, cut, lang: oneOf('lang', ['en', 'da'] as const) ?? null };
}

/** The file's lines in the reader's language: words for codes, numbers rounded, dates as YYYY-MM-DD. */
export function commentCsvWriter(lang: Lang, themeNames: ReadonlyMap<string, string>) {
  const w = words[lang].verbatims;
  const h = w.csv.header;
  const feelings: Record<string, string> = w.feeling;
  const feelingName = (family: string) => feelings[family] ?? family;
  return {
    header: csvLines([[h.answered, h.touchpoint, h.persona, h.ltr, h.language, h.sentiment, h.score, h.themes, h.feelings, h.comment]]),
    lines: (rows: readonly ExportedCommentRow[]) =>
      csvLines(
        rows.map((r): CsvValue[] => [
          r.day,
          r.touchpointName ?? w.relationshipSurvey,
          r.personaName ?? w.unknownPersona,
          r.ltr,
          r.language === 'DA' ? w.language.DA : w.language.EN,
          w.sentiment[r.label],
          r.score,
          r.themeIds.map((id) => themeNames.get(id) ?? id).join('; '),
          r.families.map(feelingName).join('; '),
          r.comment,
        ]),
      ),
    filename: (filter: AnalyticsFilter) => `${w.csv.filename}${filter.from || filter.to ? `-${filter.from ?? 'start'}-to-${filter.to ?? 'latest'}` : ''}.csv`,
  };
}

/**
 * GET /export/comments.csv?from=&to=&persona=&journey=&touchpoint=&unit=&search=&theme=&sentiment=&feeling=&language=&lang=
 * Every comment of the cut as one streamed CSV (newest first, no row limit): for cuts too large for the
 * page's own export. Signed in by the session cookie or an API token, like /graphql, and only for the
 * roles that may read single comments (the `comments` query's rule). One audit row per file, with the
 * cut and the number of comments written.
 */
export function commentsExportRoutes(deps: AppDeps, sessionCookie: string): express.Router {
  const router = express.Router();
  router.get(COMMENTS_CSV_PATH, async (req, res) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const em = deps.orm.em.fork();
    const caller: Caller | null = await resolveCaller(em, bearer ?? parseCookie(req.headers.cookie ?? '')[sessionCookie]);
    if (!caller) return fail(res, 'UNAUTHENTICATED', 'Sign in first: the comments file needs a session or an API token.');
    if (!Rule.readIndividual.some((role) => role === caller.role)) return fail(res, 'FORBIDDEN', `Your role ${caller.role} sees comments as aggregates only and may not download them.`);
    let parsed: ReturnType<typeof parseExportQuery>;
    try {
      parsed = parseExportQuery(req.query);
    } catch (error) {
      if (error instanceof ParamError) return fail(res, 'BAD_USER_INPUT', error.message, error.param);
      throw error;
    }
    const service = new VerbatimService(deps.analytics, minCellCustomersForRole(caller.role, deps.minCellCustomers));
    // The language asked for (the page sends the one it shows), else the user's saved choice; theme names
    // the company has not changed follow it too.
    const lang: Lang = parsed.lang ?? ((await em.findOne(User, caller.id, { fields: ['language'] }))?.language === Language.DA ? 'da' : 'en');
    let exported: Awaited<ReturnType<VerbatimService['exportRows']>>;
    try {
      exported = await withLanguage(lang, () => service.exportRows(parsed.filter, parsed.cut));
    } catch (error) {
      if (error instanceof AnalyticsInputError) {
        const param = PARAM_OF[error.field] ?? error.field;
        return fail(res, 'BAD_USER_INPUT', `${param}: ${error.problem}`, param);
      }
      throw error;
    }
    const csv = commentCsvWriter(lang, exported.themeNames);
    res.status(200).type('text/csv; charset=utf-8').attachment(csv.filename(parsed.filter)).setHeader('cache-control', 'no-store');
    // A byte-order mark so Excel reads UTF-8 (æøå), then the header, then page after page as read.
    res.write(`\uFEFF${csv.header}`);
    let written = 0;
    let complete = false;
    try {
      for await (const rows of exported.pages) {
        if (res.destroyed) break; // the browser gave up: stop reading
        written += rows.length;
        if (!res.write(csv.lines(rows))) await drainedOrClosed(res);
      }
      complete = !res.destroyed;
    } catch (error) {
      // The header is out, so no error status can follow: the connection is cut (below) so the file
      // cannot pass for whole, and the cause goes to the log.
      logger.error({ requestId: res.locals.requestId, err: error, written }, 'comments export stopped');
    } finally {
      audit(em, 'EXPORT_COMMENTS', caller.id, { filter: parsed.filter, cut: parsed.cut, comments: written, complete });
      await em.flush();
      if (complete) res.end();
      else res.destroy();
    }
  });
  return router;
}
