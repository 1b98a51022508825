import { z } from 'zod';
import { lastMonthsStart, toLocalDate } from '../../localDate.js';
import type { Queryable } from '../../store.js';
import { dataWindow } from './time.js';

/** What the store holds in time, and the day "the last N months" end on. */
export interface DataCoverage {
  /**
   * The day period choices such as "last 12 months" end on: the latest answer's day, else the last day of
   * the data (profitability months), else null (an empty store: the client counts back from today).
   * Imported history is then never empty by default, however long ago it ended.
   */
  asOf: string | null;
  firstAnswerOn: string | null;
  latestAnswerOn: string | null;
  /** Answers (responses) and customers in the store: zero tells an empty install to import answers. */
  answers: number;
  customers: number;
}

const Row = z.object({ first: z.string().nullable(), last: z.string().nullable(), answers: z.number(), customers: z.number() });

/** One statement over the responses' dates and the table sizes (DuckDB answers min/max/count from metadata fast). */
export async function getDataCoverage(db: Queryable): Promise<DataCoverage> {
  const [row] = await db.all(
    `SELECT min(responded_at)::DATE::VARCHAR AS first, max(responded_at)::DATE::VARCHAR AS last, count(*)::INTEGER AS answers,
       (SELECT count(*)::INTEGER FROM customers) AS customers
     FROM responses`,
    undefined,
    Row,
  );
  const latestAnswerOn = row?.last ?? null;
  const asOf = latestAnswerOn ?? (await dataWindow(db))?.end ?? null;
  return { asOf, firstAnswerOn: row?.first ?? null, latestAnswerOn, answers: row?.answers ?? 0, customers: row?.customers ?? 0 };
}

/**
 * "The last n months" as the client's period choices mean it: up to the latest answer in the store
 * (`asOf`), else up to today. The server resolves it for a caller that has not asked for `asOf` first.
 */
export async function lastMonthsPeriod(
  db: Queryable,
  months: number,
  today: Date = new Date(),
  /** The coverage already read (the server remembers it per data fingerprint); read from `db` when absent. */
  coverage: Promise<Pick<DataCoverage, 'asOf'>> = getDataCoverage(db),
): Promise<{ from: string; to: string }> {
  const to = (await coverage).asOf ?? toLocalDate(today);
  return { from: lastMonthsStart(to, months), to };
}
