import { fromSavedLanguage, languageFromHeader, settleLanguage, withLanguage } from '../analytics/i18n/index.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { parseCookie } from 'cookie';
import express from 'express';
import { auditDenials, introspectionNeedsSignIn } from './auth/auditPlugin.js';
import { resolveCaller } from './auth/auth.service.js';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from './auth/sessionCookie.js';
import { ssoRoutes } from './modules/sso/sso.routes.js';
import { databaseUnavailable, formatError, isDatabaseUnavailable, serviceUnavailableStatus } from './common/errors.js';
import { callerLimits } from './common/callerLimits.js';
import { errorHygiene } from './common/errorHygiene.js';
import { logger } from './common/logger.js';
import { serveAssets } from './common/precompressed.js';
import { rejectNulCharacters } from './common/nulCharacters.js';
import { securityHeaders } from './common/securityHeaders.js';
import { QUERY_LIMITS, createQueryGate, queryGateMiddleware } from './common/queryLimits.js';
import { ROOT, loadConfig } from './config.js';
import { LazyContext, type AppDeps, type Context } from './context.js';
import { getSchema } from './schema.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { commentsExportRoutes } from './modules/verbatims/commentsExport.routes.js';
import { explorerHandler } from './explorer.js';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { UPLOAD_PATH, uploadHandler } from './modules/imports/upload.js';

export { SESSION_COOKIE };
export const CLIENT_DIST = path.join(ROOT, 'client/dist');

/** Why a request's AbortSignal fired: its connection closed (answered or abandoned). */
const CONNECTION_CLOSED = 'connection closed';

/** Query limits (graphql-armor): deep enough for journey → phases → touchpoints → metrics, no deeper. */
export const LIMITS = { maxDepth: 10, maxAliases: 15, maxCost: 20000, maxTokens: QUERY_LIMITS.maxTokens, maxDirectives: 20, bodyBytes: '1mb' };

/** What createApp needs; settings left out come from loadConfig() (the environment, then the defaults). */
type Defaulted = 'importDir' | 'followUpMaxAgeDays' | 'minCellCustomers' | 'trustProxy';
export type AppOptions = Omit<AppDeps, Defaulted> & Partial<Pick<AppDeps, Defaulted>>;

/** Builds the HTTP app: /graphql (Apollo) and the built client, on one port. */
export async function createApp(options: AppOptions) {
  const deps: AppDeps = {
    ...options,
    importDir: options.importDir ?? loadConfig().importDir,
    followUpMaxAgeDays: options.followUpMaxAgeDays ?? loadConfig().followUpMaxAgeDays,
    minCellCustomers: options.minCellCustomers ?? loadConfig().minCellCustomers,
    trustProxy: options.trustProxy ?? loadConfig().trustProxy,
  };
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    costLimit: { maxCost: LIMITS.maxCost },
    maxTokens: { n: LIMITS.maxTokens },
    maxDirectives: { n: LIMITS.maxDirectives },
  }).protect();

  const schema = await getSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    // Only armor's validation rules: its Apollo plugins are typed against Apollo's CJS build and add
    // nothing we need (field suggestions are removed in formatError in production).
    // No Apollo landing page (it loads a sandbox from a CDN): GET /graphql in a browser is our own explorer.
    // No cache-control plugin: the schema has no cache hints, and its per-field hook made Apollo wrap every
    // resolver in the schema (a call per field: ~1,000 for a journey map); the route sets no-store itself.
    plugins: [
      errorHygiene({ development: !deps.production }),
      auditDenials({ windowMs: deps.anonymousDenialWindowMs }),
      introspectionNeedsSignIn,
      serviceUnavailableStatus,
      rejectNulCharacters,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    // The query gate (below) has checked the text before Apollo parses it; the token limit here also
    // covers operations executed in-process.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    // Traces are collected in development; errorHygiene passes them to signed-in admins only.
    includeStacktraceInErrorResponses: !deps.production,
    formatError: (formatted, error) => formatError(formatted, error, deps.production),
    introspection: true,
  });
  await apollo.start();

  const settings = loadConfig();
  const admit = callerLimits({ concurrent: settings.graphqlConcurrentPerUser, perMinute: settings.graphqlRequestsPerMinute, maxWaiting: 64 });
  const app = express();
  app.disable('x-powered-by');
  // One id per request: the X-Request-Id header, extensions.requestId of its errors, its log lines.
  app.use((_req, res, next) => {
    res.locals.requestId = randomUUID();
    res.setHeader('x-request-id', String(res.locals.requestId));
    next();
  });
  // Only configured proxies may name the client (X-Forwarded-For): sign-in limits and audit rows use it.
  app.set('trust proxy', deps.trustProxy);
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );

  app.get('/healthz', async (_req, res) => {
    const ok = await deps.orm.em.getConnection().isConnected().catch(() => false);
    res.status(ok ? 200 : 503).json({ ok });
  });

  app.get('/graphql', explorerHandler(deps, CLIENT_DIST, SESSION_COOKIE));
  app.use(
    '/graphql',
    // Answers are per caller and never cached (what Apollo's cache-control plugin set without hints).
    (_req, res, next) => {
      res.setHeader('cache-control', 'no-store');
      next();
    },
    express.json({ limit: LIMITS.bodyBytes }),
    queryGateMiddleware(createQueryGate(schema, armor.validationRules)),
    // The reader's language for every sentence the answer carries (analytics/i18n): the request's
    // Accept-Language (the client sends the language it shows), else the caller's saved choice (settled
    // in the context below), else English. Entered after the body is read: body parsing runs in the
    // socket's async context, so a language entered before it would be lost.
    (req: express.Request, _res: express.Response, next: express.NextFunction) => withLanguage(languageFromHeader(req.headers['accept-language']) ?? 'en', next),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        // The caller is looked up with one plain statement; the request's own entity manager is forked
        // when a resolver first asks for it (LazyContext: a point lookup's fixed cost, npm run bench).
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const cookie = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
        const caller = await resolveCaller(deps.orm.em, bearer ?? cookie).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
        });
        // This caller's share: rate-limited, and waits here while their own earlier requests use their slots.
        // The connection's end (answered or abandoned) frees the slot; bound before waiting, so a
        // request abandoned in the queue never takes one.
        const gone = new AbortController();
        // A reason of our own: abort() without one builds a DOMException, stack and all, for every request.
        res.once('close', () => gone.abort(CONNECTION_CLOSED));
        if (req.socket.destroyed) gone.abort(CONNECTION_CLOSED); // closed while the caller was looked up
        await admit(caller ? `user:${caller.id}` : `ip:${req.ip ?? 'unknown'}`, !caller, gone.signal);
        if (!languageFromHeader(req.headers['accept-language'])) settleLanguage(fromSavedLanguage(caller?.language) ?? 'en');
        const secure = req.secure;
        return new LazyContext(
          {
            deps,
            caller,
            requestId: typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined,
            http: {
              ip: req.ip ?? 'unknown',
              setSessionCookie: (token, expires) => setSessionCookie(res, token, expires, secure),
              clearSessionCookie: () => clearSessionCookie(res, secure),
            },
          },
          () => deps.orm.em.fork(),
        );
      },
    }),
  );

  // Single sign-on with the company's OpenID Connect provider (set up by an admin).
  app.use(ssoRoutes(deps, loadConfig().publicUrl));

  // Browser uploads into the import directory (streamed to disk; analysts and admins).
  app.post(
    UPLOAD_PATH,
    uploadHandler({
      deps,
      maxBytes: deps.uploadMaxBytes ?? loadConfig().uploadMaxMegabytes * 1024 * 1024,
      sessionToken: (req) => parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE],
    }),
  );

  app.use(reportRoutes(deps, SESSION_COOKIE));
  // Every comment of a cut as one streamed CSV (analysts and admins).
  app.use(commentsExportRoutes(deps, SESSION_COOKIE));

  if (fs.existsSync(CLIENT_DIST)) {
    // Hashed, immutable, precompressed (server/common/precompressed.ts).
    app.use('/assets', ...serveAssets(path.join(CLIENT_DIST, 'assets')));
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: '1h' }));
    // The single-page app answers every other GET with its shell; routes are client-side.
    app.get('/{*path}', (_req, res) => res.sendFile(path.join(CLIENT_DIST, 'index.html')));
  }

  // Bodies too large or malformed JSON: a typed JSON error, never an HTML stack trace.
  app.use((error: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status ?? 500;
    if (status >= 500) logger.error({ requestId: res.locals.requestId, err: error }, 'request failed outside GraphQL');
    const code = error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message =
      code === 'PAYLOAD_TOO_LARGE' ? `Request body is larger than ${LIMITS.bodyBytes}.` : status < 500 ? (error.message ?? 'Bad request.') : 'Internal server error.';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  return { app, apollo, deps };
}
