import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditEvent } from '../modules/users/user.entity.js';
import { sql } from '../common/sql.js';

/** How long one aggregated audit row of anonymous denials gathers requests. */
export const ANONYMOUS_DENIAL_WINDOW_MS = 60_000;
/**
 * Distinct (address, reason) rows gathered at once; past it, further addresses count under address "*"
 * so a flood from many addresses cannot grow this map (or the table) without bound either.
 */
export const ANONYMOUS_DENIAL_KEYS = 1_000;
/** Operation names kept per row (the first ones met), so a flood of invented names stays small. */
const OPERATION_NAMES = 5;

export interface Denial {
  ip: string | null;
  codes: string[];
  operationName: string | null;
  fields: (string | null)[];
}

interface Gathered {
  windowStart: number;
  /** The row's id once inserted (the insert of the first denial of the window). */
  row: Promise<string | null>;
  count: number;
  written: number;
  lastAt: number;
  operationNames: string[];
}

/**
 * Anonymous refused requests, aggregated (issue 15, finding 10): one DENIED audit row per caller address
 * and reason per window, written when the first denial of the window arrives and updated with the count
 * when the window ends (or the server stops), instead of one row per request: an anonymous flood costs
 * at most two writes per address and window. Signed-in denials stay one row each (they name a person and
 * the fields they tried, and the per-user rate limit bounds them).
 */
export class AnonymousDenials {
  private readonly gathered = new Map<string, Gathered>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly writes = new Set<Promise<unknown>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly windowMs = ANONYMOUS_DENIAL_WINDOW_MS,
    private readonly maxKeys = ANONYMOUS_DENIAL_KEYS,
  ) {}

  record(denial: Denial, now = Date.now()): void {
    const reason = [...denial.codes].sort().join(',');
    let ip = denial.ip ?? 'unknown';
    if (!this.gathered.has(`${ip}|${reason}`) && this.gathered.size >= this.maxKeys) ip = '*';
    const key = `${ip}|${reason}`;
    const current = this.gathered.get(key);
    if (current && now - current.windowStart < this.windowMs) {
      current.count += 1;
      current.lastAt = now;
      if (denial.operationName && current.operationNames.length < OPERATION_NAMES && !current.operationNames.includes(denial.operationName)) current.operationNames.push(denial.operationName);
      return;
    }
    if (current) this.track(this.flush(current));
    const entry: Gathered = {
      windowStart: now,
      count: 1,
      written: 1,
      lastAt: now,
      operationNames: denial.operationName ? [denial.operationName] : [],
      row: this.insert(ip, denial, now),
    };
    this.track(entry.row);
    this.gathered.set(key, entry);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.gathered.get(key) === entry) this.gathered.delete(key);
      this.track(this.flush(entry));
    }, this.windowMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Writes every count gathered so far (server stop, tests). */
  async flushAll(): Promise<void> {
    for (const entry of this.gathered.values()) this.track(this.flush(entry));
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  /** Flushes and stops the window timers. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.flushAll();
    this.gathered.clear();
  }

  private track(write: Promise<unknown>): void {
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private async insert(ip: string, denial: Denial, now: number): Promise<string | null> {
    const em = this.orm.em.fork();
    const row = em.create(AuditEvent, {
      action: 'DENIED',
      at: new Date(now),
      detail: {
        anonymous: true,
        ip,
        codes: [...denial.codes].sort(),
        operationName: denial.operationName,
        fields: denial.fields,
        count: 1,
        windowSeconds: this.windowMs / 1000,
        firstAt: new Date(now).toISOString(),
        lastAt: new Date(now).toISOString(),
      },
    });
    // An audit write failing must not turn a denial into a 500.
    return em.flush().then(() => row.id, () => null);
  }

  private async flush(entry: Gathered): Promise<void> {
    if (entry.count === entry.written) return;
    const id = await entry.row;
    if (id === null) return;
    const count = entry.count;
    entry.written = count;
    await sql(
      this.orm.em,
      `update audit_event set detail = detail || jsonb_build_object('count', ?::int, 'lastAt', ?::text, 'operationNames', ?::jsonb) where id = ?`,
      [count, new Date(entry.lastAt).toISOString(), JSON.stringify(entry.operationNames), id],
      'run',
    ).catch(() => undefined);
  }
}
