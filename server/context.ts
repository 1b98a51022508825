import { GraphQLError } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Role } from './modules/users/user.enums.js';
import type { Store } from '../analytics/store.js';
import type { NotifyConfig } from './config.js';

/** The signed-in caller, as resolved from a session cookie or an API token. */
export interface Caller {
  id: string;
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
  /** The language the user chose ('EN' | 'DA'); null or absent: none (the request's Accept-Language decides). */
  language?: 'EN' | 'DA' | null;
  /** How the caller authenticated; API tokens cannot manage tokens or sessions. */
  via: 'SESSION' | 'API_TOKEN';
  credentialId: string;
}

/** Long-lived parts the resolvers need, built once by createApp. */
export interface AppDeps {
  orm: MikroORM;
  /** The DuckDB analytics store (customer-level facts and the copied journey model). */
  analytics: Store;
  production: boolean;
  /** Called after every journey-model change (e.g. to copy dimensions into the analytics store). */
  onModelChanged: () => Promise<void>;
  /** Where importData finds staged files (Config.importDir). */
  importDir: string;
  /** Answers older than this when imported open no follow-up case (Config.followUpMaxAgeDays). */
  followUpMaxAgeDays: number;
  /** Small-cell suppression threshold in distinct customers (Config.minCellCustomers). */
  minCellCustomers: number;
  /** Largest browser upload, in bytes (Config.uploadMaxMegabytes); default from the config. */
  uploadMaxBytes?: number;
  /** E-mail, webhook and digest settings (Config.notify); absent = read from the environment. */
  notify?: NotifyConfig;
  /** Express's "trust proxy" (Config.trustProxy): false unless TRUST_PROXY names the proxies. */
  trustProxy: boolean | number | string;
  /** How long one aggregated audit row of anonymous denials gathers requests (default 60 s; tests shorten it). */
  anonymousDenialWindowMs?: number;
}

/** Per-request context: a forked EntityManager (its own identity map and dataloaders) and the caller. */
export interface Context {
  em: EntityManager;
  deps: AppDeps;
  caller: Caller | null;
  /** This request's id: the X-Request-Id header, extensions.requestId of its errors and its log lines. */
  requestId?: string;
  /** Hooks the HTTP layer provides (cookies); absent when executing in-process in tests. */
  http?: {
    setSessionCookie(token: string, expires: Date): void;
    clearSessionCookie(): void;
    ip: string;
  };
}

/**
 * The context of an HTTP request: its entity manager is forked when a resolver first reads `em`, so a
 * request that needs none (a remembered journey, a cached caller) forks none. The getter sits on the
 * prototype because Apollo copies the context's own properties for every operation (Object.assign),
 * which would call an own getter and fork anyway; `fork` is an own property, shared by the copies.
 */
export class LazyContext implements Context {
  readonly deps: AppDeps;
  readonly caller: Caller | null;
  readonly requestId?: string;
  readonly http?: Context['http'];
  readonly fork: () => EntityManager;

  constructor(values: Omit<Context, 'em'>, fork: () => EntityManager) {
    this.deps = values.deps;
    this.caller = values.caller;
    this.requestId = values.requestId;
    this.http = values.http;
    let forked: EntityManager | undefined;
    this.fork = () => (forked ??= fork());
  }

  get em(): EntityManager {
    return this.fork();
  }
}

/** The caller of a resolver that @Authorized already guards; throws if called without one. */
export function requireCaller(ctx: Context): Caller {
  if (!ctx.caller) throw new GraphQLError('Sign in first.', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.caller;
}

/**
 * Makes a per-request value (e.g. a DataLoader) from the context: created on first use in a request,
 * shared by all resolvers of that request, dropped with it.
 */
export function requestScoped<T>(create: (ctx: Context) => T): (ctx: Context) => T {
  const memo = new WeakMap<Context, T>();
  return (ctx) => {
    let value = memo.get(ctx);
    if (value === undefined) {
      value = create(ctx);
      memo.set(ctx, value);
    }
    return value;
  };
}
