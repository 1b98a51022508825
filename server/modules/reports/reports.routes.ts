import express from 'express';
import { GraphQLError } from 'graphql';
import { parseCookie } from 'cookie';
import { resolveCaller } from '../../auth/auth.service.js';
import { Rule } from '../../auth/rules.js';
import type { AppDeps, Caller } from '../../context.js';
import { languageFromHeader, withLanguage } from '../../../analytics/i18n/index.js';
import { boardPackOf, type CaseChoice } from './boardPack.data.js';
import { boardPackPdf } from './boardPack.pdf.js';
import { boardPackWorkbook } from './boardPack.xlsx.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

const fail = (res: express.Response, code: string, message: string) => res.status(STATUS[code] ?? 500).json({ errors: [{ message, extensions: { code } }] });

/** The case named in the address, as the business-case page names it (?scenario=ID or ?initiative=ID[&persona=CODE]). */
function choiceOf(query: express.Request['query']): CaseChoice | string {
  const value = (key: string) => (typeof query[key] === 'string' ? query[key] : undefined);
  const scenario = value('scenario');
  const initiative = value('initiative');
  const persona = value('persona');
  if (scenario) return UUID.test(scenario) ? { scenarioId: scenario } : `scenario: "${scenario.slice(0, 60)}" is not a scenario id; open the case on the business-case page and download from there.`;
  if (initiative) return UUID.test(initiative) ? { initiativeId: initiative, personaCode: persona && persona.length <= 64 ? persona : undefined } : `initiative: "${initiative.slice(0, 60)}" is not an initiative id.`;
  return 'Name the business case: add ?scenario=<id> or ?initiative=<id> (the business-case page links here with the case it shows).';
}

/** A file name from the case name: letters, digits and dashes. */
const fileName = (name: string, date: Date, ext: string) => `board-pack-${name.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'case'}-${date.toISOString().slice(0, 10)}.${ext}`;

/**
 * GET /export/board-pack.xlsx and /export/board-pack.pdf: the business case, status and targets and
 * priorities for a board meeting. Signed in by the session cookie or an API token, like /graphql, and
 * only for roles that read aggregates; the numbers come through the same GraphQL fields as the screen.
 */
export function reportRoutes(deps: AppDeps, sessionCookie: string): express.Router {
  const router = express.Router();
  router.get('/export/board-pack.:format', async (req, res) => {
    const format = req.params.format;
    if (format !== 'xlsx' && format !== 'pdf') return fail(res, 'NOT_FOUND', 'The board pack comes as board-pack.xlsx or board-pack.pdf.');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const caller: Caller | null = await resolveCaller(deps.orm.em.fork(), bearer ?? parseCookie(req.headers.cookie ?? '')[sessionCookie]);
    if (!caller) return fail(res, 'UNAUTHENTICATED', 'Sign in first: the board pack needs a session or an API token.');
    if (!Rule.readAggregates.includes(caller.role)) return fail(res, 'FORBIDDEN', `Your role ${caller.role} may not download the board pack.`);
    const choice = choiceOf(req.query);
    if (typeof choice === 'string') return fail(res, 'BAD_USER_INPUT', choice);
    // In the downloader's language: the page's ?lang=, else Accept-Language, else English (like the comments CSV).
    const lang = req.query.lang === 'da' || req.query.lang === 'en' ? req.query.lang : (languageFromHeader(req.headers['accept-language']) ?? 'en');
    try {
      const { pack, body } = await withLanguage(lang, async () => {
        const pack = await boardPackOf(deps, caller, choice);
        return { pack, body: format === 'xlsx' ? await boardPackWorkbook(pack) : await boardPackPdf(pack) };
      });
      res
        .status(200)
        .type(format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf')
        .attachment(fileName(pack.name, pack.generatedAt, format))
        .setHeader('cache-control', 'no-store')
        .send(body);
    } catch (error) {
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return fail(res, error.extensions.code, error.message);
      throw error;
    }
  });
  return router;
}
