import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppError } from './errors.js';

/** Per-caller limits on /graphql (Config: GRAPHQL_CONCURRENT_PER_USER, GRAPHQL_REQUESTS_PER_MINUTE). */
export interface CallerLimitSettings {
  /** Requests of one caller running at once; more wait their turn (up to `maxWaiting`). */
  concurrent: number;
  /** Requests of one caller a minute (anonymous callers: a fifth of it, per address); 0 = no limit. */
  perMinute: number;
  /** Requests of one caller that may wait for a slot; beyond, RATE_LIMITED. */
  maxWaiting: number;
}

/**
 * Each caller's share of /graphql, counted per signed-in user (all their sessions and tokens together)
 * or, anonymous, per client address: at most `concurrent` requests run at once and the rest queue
 * behind them, so one user's burst of heavy analytics waits on its own budget instead of in front of
 * everyone else's requests; and at most `perMinute` requests a minute.
 */
export function callerLimits(settings: CallerLimitSettings) {
  const slots = new Map<string, { running: number; waiting: (() => void)[] }>();
  const perMinute = settings.perMinute > 0 ? new RateLimiterMemory({ points: settings.perMinute, duration: 60 }) : null;
  const anonymous = settings.perMinute > 0 ? new RateLimiterMemory({ points: Math.max(1, Math.ceil(settings.perMinute / 5)), duration: 60 }) : null;
  const refuse = (message: string, retryAfterSeconds: number, reason: string) =>
    new AppError('RATE_LIMITED', message, { reason, retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } });

  /**
   * Admits one request of `key` (a user id, or "ip:<address>" when anonymous): throws RATE_LIMITED
   * (HTTP 429) over the rate or with too many waiting; otherwise resolves, once a slot is free, with
   * the function that frees it.
   *
   * `gone` is the request's connection: when it closes (the browser navigated away, the client gave
   * up), a waiting request leaves the queue without running (CLIENT_CLOSED_REQUEST), and a running one
   * frees its slot. Without it, a request abandoned while waiting was admitted after its 'close' had
   * fired, and its slot was never freed: four such requests locked the user out for good.
   */
  return async function admit(key: string, isAnonymous: boolean, gone?: AbortSignal): Promise<() => void> {
    const limiter = isAnonymous ? anonymous : perMinute;
    if (limiter) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        const ms = typeof rejection === 'object' && rejection !== null && 'msBeforeNext' in rejection && typeof rejection.msBeforeNext === 'number' ? rejection.msBeforeNext : 60_000;
        throw refuse(`Too many requests; try again in ${Math.ceil(ms / 1000)} seconds.`, Math.ceil(ms / 1000), 'TOO_MANY_REQUESTS');
      }
    }
    if (gone?.aborted) throw clientGone();
    const slot = slots.get(key) ?? { running: 0, waiting: [] };
    slots.set(key, slot);
    if (slot.running >= settings.concurrent) {
      if (slot.waiting.length >= settings.maxWaiting) throw refuse(`You have ${settings.maxWaiting} requests waiting already; wait for them to finish.`, 1, 'TOO_MANY_CONCURRENT');
      await new Promise<void>((resolve, reject) => {
        const leave = () => {
          const at = slot.waiting.indexOf(admitted);
          if (at >= 0) slot.waiting.splice(at, 1);
          reject(clientGone());
        };
        const admitted = () => {
          gone?.removeEventListener('abort', leave);
          resolve();
        };
        slot.waiting.push(admitted);
        gone?.addEventListener('abort', leave, { once: true });
      });
    } else {
      slot.running += 1;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      gone?.removeEventListener('abort', release);
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      const next = slot.waiting.shift();
      if (next) return next();
      slot.running -= 1;
      if (slot.running === 0) slots.delete(key);
    };
    gone?.addEventListener('abort', release, { once: true });
    return release;
  };
}

/** The caller closed the connection while their request waited for a slot: nobody reads the answer. */
function clientGone(): AppError {
  return new AppError('CLIENT_CLOSED_REQUEST', 'The request was abandoned by the client before it ran.', { http: { status: 499 } });
}
