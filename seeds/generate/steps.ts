import { isLocalDate, localDateMs } from '../../analytics/localDate.js';
import { literal } from '../../analytics/sql.js';
import { CALIBRATION, PLANTED } from './planted.js';

/** Sizes and dates of one generation run; every step's SQL is a pure function of this (plus the seed macros). */
export interface RunShape {
  customers: number;
  /** Touchpoint responses (ids 1..tpResponses) and relationship responses (the ids after them). */
  tpResponses: number;
  relResponses: number;
  /** First and last day of the data, YYYY-MM-DD; days = number of days from start to end inclusive. */
  start: string;
  end: string;
  days: number;
  quarters: number;
  customerIdWidth: number;
  responseIdWidth: number;
}

const n = (value: number) => {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
};
const date = (value: string) => {
  if (!isLocalDate(value)) throw new Error(`Not a day that exists (YYYY-MM-DD): ${value}`);
  return `DATE '${value}'`;
};
const customerId = (s: RunShape, c: string) => `'C' || lpad((${c} + 1)::VARCHAR, ${s.customerIdWidth}, '0')`;

/** Latent loadings of a touchpoint experience: halo, phase factor, idiosyncratic (variances sum to 1). */
const HALO = PLANTED.haloLoading;
const PHASE = PLANTED.phaseFactorLoading;
const IDIO = Math.sqrt(1 - HALO ** 2 - PHASE ** 2);

/** Macros shared by the steps. Anniversaries/waves count the yearly dates (from `origin`) inside [lo, hi]. */
export function macrosSql(): string[] {
  return [
    `CREATE OR REPLACE TEMP MACRO g_ann(origin, lo, hi) AS
       greatest(0, floor((hi - origin) / 365.0) - greatest(1, ceil((lo - origin) / 365.0)) + 1)::INTEGER`,
    `CREATE OR REPLACE TEMP MACRO g_waves(origin, lo, hi) AS
       greatest(0, floor((hi - origin) / 365.0) - greatest(0, ceil((lo - origin) / 365.0)) + 1)::INTEGER`,
    // A customer's stable experience of touchpoint t (phase factor per customer and phase; noise per customer and touchpoint).
    `CREATE OR REPLACE TEMP MACRO g_experience(c, t, phase, mean, offset_, delta, q, halo) AS
       mean + offset_ + coalesce(delta, 0) + ${n(PLANTED.unitExperience)} * q + ${n(HALO)} * halo
       + ${n(PHASE)} * rnd_z(c, 20 + 2 * phase) + ${n(IDIO)} * rnd_z(c * 64 + t, 1000)`,
    `CREATE OR REPLACE TEMP MACRO g_rating5(x) AS
       (1 + (x > ${n(CALIBRATION.satisfactionCuts[0])})::INTEGER + (x > ${n(CALIBRATION.satisfactionCuts[1])})::INTEGER
          + (x > ${n(CALIBRATION.satisfactionCuts[2])})::INTEGER + (x > ${n(CALIBRATION.satisfactionCuts[3])})::INTEGER)::TINYINT`,
    `CREATE OR REPLACE TEMP MACRO g_ltr(x) AS least(10, greatest(0, round(x)))::TINYINT`,
  ];
}

/** Customers' fixed draws: persona, unit, acquisition day (relative to start; negative = before the window), halo. */
export function customersSql(s: RunShape): string {
  return `CREATE OR REPLACE TEMP TABLE g_cust AS
  WITH b AS (
    SELECT c, rnd_u(c, 0) AS up, rnd_u(c, 1) AS uu FROM range(${n(s.customers)}) r(c)
  ), pu AS (
    SELECT b.c, pe.p, un.u FROM b
    JOIN g_persona pe ON b.up >= pe.cum_lo AND b.up < pe.cum_hi
    JOIN g_unit un ON b.uu >= un.cum_lo AND b.uu < un.cum_hi
  )
  SELECT pu.c, pu.p, pu.u, un.quality AS q,
    rnd_u(pu.c, 2) < pe.new_share AS is_new,
    CASE WHEN rnd_u(pu.c, 2) < pe.new_share THEN 75 + floor(rnd_u(pu.c, 3) * ${n(s.days - 76)})::INTEGER
         ELSE -(30 + floor(rnd_u(pu.c, 3) * 4000))::INTEGER END AS acq_day,
    rnd_z(pu.c, 10) AS halo,
    rnd_u(pu.c, 4) AS u_claim,
    rnd_u(pu.c, 5) AS claim_pos,
    floor(rnd_u(pu.c, 6) * 365)::INTEGER AS wave_day,
    rnd_u(pu.c, 7) AS u_churn,
    rnd_z(pu.c, 12) AS rev_noise,
    rnd_z(pu.c, 14) AS acq_noise
  FROM pu JOIN g_persona pe ON pe.p = pu.p JOIN g_unit un ON un.u = pu.u
  ORDER BY pu.c`;
}

/** Touchpoints each customer passes in phases before leaving, with the customer's stable experience `e` of each. */
export function eventsSql(s: RunShape): string {
  const last = s.days - 1;
  return `CREATE OR REPLACE TEMP TABLE g_ev AS
  SELECT c.c, t.t, t.weight,
    g_experience(c.c, t.t, t.phase, t.mean, pe.exp_off, pen.delta, c.q, c.halo) AS e
  FROM g_cust c
  JOIN g_persona pe ON pe.p = c.p
  JOIN g_tp_persona tp ON tp.p = c.p
  JOIN g_tp t ON t.t = tp.t
  LEFT JOIN g_penalty pen ON pen.p = c.p AND pen.phase = t.phase
  WHERE t.kind <> 'LEAVING'
    AND CASE t.kind
      WHEN 'PREPURCHASE' THEN c.is_new
      WHEN 'ONBOARDING' THEN c.is_new
      WHEN 'USAGE' THEN TRUE
      WHEN 'CLAIM' THEN c.u_claim < 1 - pow(1 - pe.claims_year, (${n(last)} - greatest(c.acq_day, 0)) / 365.25)
      WHEN 'RENEWAL' THEN g_ann(c.acq_day, greatest(c.acq_day, 0), ${n(last)}) > 0
      ELSE FALSE END
    AND CASE WHEN t.grp IS NULL THEN rnd_u(c.c * 64 + t.t, 1002) < tp.pass
             ELSE rnd_u(c.c, 100 + t.grp) >= tp.grp_lo AND rnd_u(c.c, 100 + t.grp) < tp.grp_hi END`;
}

/**
 * Loyalty z-score s: relationship latent from the persona, halo, unit and the weighted experiences of the
 * touchpoints passed, standardised with fixed constants. Summed as integers (1e-9 units): exact and
 * independent of thread scheduling, so the data stay byte-identical across runs.
 * Then churn: a hazard falling over time, solved in closed form (see README).
 */
export function loyaltyAndChurnSql(s: RunShape): string {
  const last = s.days - 1;
  const b = PLANTED.churnTrendPerMonth;
  return `CREATE OR REPLACE TEMP TABLE g_cust2 AS
  WITH sw AS (
    SELECT c, sum(round(weight * e * 1e9)::BIGINT) AS sw FROM g_ev GROUP BY c
  ), loyal AS (
    SELECT c.*, pe.churn_year,
      (pe.rel_off + ${n(HALO)} * c.halo + ${n(PLANTED.unitExperience)} * c.q + coalesce(sw.sw, 0)::DOUBLE / 1e9
        - ${n(CALIBRATION.relationshipMean)}) / ${n(CALIBRATION.relationshipSd)} AS s,
      greatest(c.acq_day, 0) AS act0
    FROM g_cust c JOIN g_persona pe ON pe.p = c.p LEFT JOIN sw ON sw.c = c.c
  ), hz AS (
    SELECT *,
      exp(-${n(b)} * act0 / 30.4375)
        - ${n(b)} * (-ln(u_churn)) / (-ln(1 - churn_year) / 12 * exp(-${n(PLANTED.loyaltyChurn)} * s)) AS v
    FROM loyal
  ), ch AS (
    SELECT *, CASE WHEN v > 0 THEN greatest(act0, floor(-ln(v) / ${n(b)} * 30.4375))::INTEGER END AS churn_any FROM hz
  )
  SELECT c, ${customerId(s, 'c')} AS customer_id, p, u, q, is_new, acq_day, halo, claim_pos, wave_day, rev_noise, acq_noise, s, act0,
    CASE WHEN churn_any <= ${n(last)} THEN churn_any END AS churn_day,
    least(coalesce(churn_any, ${n(last)}), ${n(last)}) AS act_end
  FROM ch ORDER BY c`;
}

/**
 * Survey weight per event: visits × channel response rate × persona propensity (integers, so cumulative
 * sums are exact). Adds the leaving phase for churned customers and one relationship "event" (t = 63)
 * per customer with its yearly survey waves.
 */
export function weightedEventsSql(): string {
  return `CREATE OR REPLACE TEMP TABLE g_ev2 AS
  WITH tp_events AS (
    SELECT e.c, e.t, e.e,
      CASE t.kind
        WHEN 'USAGE' THEN greatest(1, round(t.visits_year * (c.act_end - c.act0 + 1) / 365.25 * (0.5 + rnd_u(e.c * 64 + e.t, 1004))))::INTEGER
        WHEN 'RENEWAL' THEN g_ann(c.acq_day, c.act0, c.act_end)
        ELSE 1 END AS visits
    FROM g_ev e JOIN g_cust2 c ON c.c = e.c JOIN g_tp t ON t.t = e.t
  ), leaving AS (
    SELECT c.c, t.t, g_experience(c.c, t.t, t.phase, t.mean, pe.exp_off, pen.delta, c.q, c.halo) AS e, 1 AS visits
    FROM g_cust2 c
    JOIN g_persona pe ON pe.p = c.p
    JOIN g_tp_persona tp ON tp.p = c.p
    JOIN g_tp t ON t.t = tp.t
    LEFT JOIN g_penalty pen ON pen.p = c.p AND pen.phase = t.phase
    WHERE t.kind = 'LEAVING' AND c.churn_day IS NOT NULL AND rnd_u(c.c * 64 + t.t, 1002) < tp.pass
  ), rel AS (
    SELECT c, 63 AS t, NULL::DOUBLE AS e, g_waves(wave_day, act0, act_end) AS visits FROM g_cust2
  ), all_events AS (
    SELECT * FROM tp_events UNION ALL SELECT * FROM leaving UNION ALL SELECT * FROM rel
  )
  SELECT x.c, x.t, x.e, x.visits, x.t = 63 AS is_rel,
    greatest(1, round(x.visits * coalesce(t.rate, g_rel_rate()) * pe.resp_prop * 10))::BIGINT AS w
  FROM all_events x
  JOIN g_cust2 c ON c.c = x.c
  JOIN g_persona pe ON pe.p = c.p
  LEFT JOIN g_tp t ON t.t = x.t
  WHERE x.visits > 0`;
}

/**
 * Systematic sampling of exactly N responses per kind, proportional to the weights: response i sits at
 * weight position floor((i·W + off) / N); an event covering [cum, cum + w) gets the responses from
 * ceil((cum·N − off) / W) up to the next event's first. Integer arithmetic throughout, in BIGINT
 * (HUGEINT is 4x slower here; cum·N stays below 9.2e18 for the sizes runShape allows, and DuckDB
 * raises an error on overflow rather than wrapping).
 */
export function sampleSql(s: RunShape): string {
  const first = (cum: string) => `CASE WHEN ${cum} * nn - off <= 0 THEN 0 ELSE (${cum} * nn - off + total - 1) // total END`;
  return `CREATE OR REPLACE TEMP TABLE g_ev3 AS
  WITH cum AS (
    SELECT *,
      (sum(w) OVER (PARTITION BY is_rel ORDER BY c, t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - w)::BIGINT AS cum_lo,
      (sum(w) OVER (PARTITION BY is_rel))::BIGINT AS total
    FROM g_ev2
  ), k AS (
    SELECT *,
      (CASE WHEN is_rel THEN ${n(s.relResponses)} ELSE ${n(s.tpResponses)} END)::BIGINT AS nn,
      (CASE WHEN is_rel THEN ${n(s.tpResponses)} ELSE 0 END)::BIGINT AS base
    FROM cum
  ), o AS (
    SELECT *, floor(rnd_u(is_rel::INTEGER, 3600) * least(nn, total)::DOUBLE)::BIGINT AS off FROM k
  ), f AS (
    SELECT c, t, e, visits, is_rel, base, ${first('cum_lo')} AS first_i, ${first('(cum_lo + w)')} AS next_i FROM o
  )
  SELECT c, t, e, visits, is_rel, base + first_i AS first_i, (next_i - first_i)::INTEGER AS cnt
  FROM f WHERE next_i > first_i`;
}

/**
 * Responses of customers [lo, hi): time, answers and comments. No ORDER BY: the content is deterministic,
 * and sorting 10M rows would cost more than the whole insert.
 */
export function responsesChunkSql(s: RunShape, lo: number, hi: number): string {
  const last = s.days - 1;
  const w = PLANTED.emotionalWeights;
  const drop = PLANTED.drop;
  const share = PLANTED.commentShare;
  return `INSERT INTO responses
  WITH r AS (
    SELECT c, t, e, visits, is_rel, first_i + unnest(range(cnt)) AS i
    FROM g_ev3 WHERE c >= ${n(lo)} AND c < ${n(hi)}
  ), d AS (
    SELECT r.*, c.customer_id, c.s, t.code, t.phase, t.human, t.effort AS asks_effort,
      least(${n(last)}, greatest(0, floor(CASE
        WHEN r.is_rel THEN c.wave_day + 365 * (greatest(0, ceil((c.act0 - c.wave_day) / 365.0)) + floor(rnd_u(r.i, 2000) * r.visits))
                           + rnd_u(r.i, 2001) * 14
        WHEN t.kind = 'PREPURCHASE' AND t.phase = 0 THEN c.acq_day - 70 + 8 * t.pos + rnd_u(r.i, 2001) * 6
        WHEN t.kind = 'PREPURCHASE' THEN c.acq_day - 25 + 3 * t.pos + rnd_u(r.i, 2001) * 3
        WHEN t.kind = 'ONBOARDING' THEN c.acq_day + 1 + 5 * t.pos + rnd_u(r.i, 2001) * 4
        WHEN t.kind = 'USAGE' THEN c.act0 + rnd_u(r.i, 2000) * (c.act_end - c.act0 + 1)
        WHEN t.kind = 'CLAIM' THEN c.act0 + c.claim_pos * (c.act_end - c.act0) + 5 * t.pos + rnd_u(r.i, 2001) * 4
        WHEN t.kind = 'RENEWAL' THEN c.acq_day + 365 * (greatest(1, ceil((c.act0 - c.acq_day) / 365.0)) + floor(rnd_u(r.i, 2000) * r.visits))
                                     + 3 * t.pos + rnd_u(r.i, 2001) * 3
        ELSE c.act_end - 12 + 4 * t.pos + rnd_u(r.i, 2001) * 3
      END)))::INTEGER AS day
    -- The range filter on g_cust2 too: otherwise every chunk builds a hash table of all customers.
    FROM r JOIN (SELECT * FROM g_cust2 WHERE c >= ${n(lo)} AND c < ${n(hi)}) c ON c.c = r.c LEFT JOIN g_tp t ON t.t = r.t
  ), x AS (
    SELECT d.*, day / ${n(Math.max(1, last))} AS tau,
      CASE WHEN is_rel THEN s + ${n(PLANTED.trend)} * day / ${n(Math.max(1, last))} + 0.55 * rnd_z(i, 2004)
           ELSE e + ${n(PLANTED.trend)} * day / ${n(Math.max(1, last))} + 0.45 * rnd_z(i, 2004)
             + CASE WHEN code = ${literal(drop.touchpoint)} AND day > ${n(last - drop.days)} THEN ${n(drop.effect)} ELSE 0 END
      END AS lat
    FROM d
  ), emo AS (
    -- Emotional factors only where a person serves the customer (CASE evaluates the draws for those rows only).
    SELECT x.*,
      CASE WHEN human THEN 0.8 * lat + 0.6 * rnd_z(i, 2006) END AS e_prof,
      CASE WHEN human THEN 0.8 * lat + 0.6 * rnd_z(i, 2008) END AS e_symp,
      CASE WHEN human THEN 0.8 * lat + 0.6 * rnd_z(i, 2010) END AS e_trust,
      CASE WHEN human THEN 0.8 * lat + 0.6 * rnd_z(i, 2012) END AS e_atm
    FROM x
  ), sat AS (
    SELECT emo.*,
      CASE WHEN is_rel THEN 0.9 * lat + 0.35 * rnd_z(i, 2014)
           WHEN human THEN ${n(w.professional)} * e_prof + ${n(w.sympathetic)} * e_symp + ${n(w.trustworthy)} * e_trust
                           + ${n(w.atmosphere)} * e_atm + 0.35 * rnd_z(i, 2014)
           ELSE lat + 0.35 * rnd_z(i, 2014) END AS sat_lat
    FROM emo
  ), ans AS (
    SELECT sat.*,
      CASE WHEN is_rel THEN g_ltr(${n(CALIBRATION.relationshipLtrCenter)} + ${n(CALIBRATION.ltrScale)} * lat)
           ELSE g_ltr(${n(CALIBRATION.touchpointLtrCenter)} + ${n(CALIBRATION.ltrScale)} * (0.85 * sat_lat + 0.45 * rnd_z(i, 2016))) END AS ltr
    FROM sat
  ), cm AS (
    SELECT ans.*,
      CASE WHEN ltr <= 6 THEN 0 WHEN ltr <= 8 THEN 1 ELSE 2 END AS sentiment,
      CASE WHEN is_rel THEN 7 ELSE phase END AS bank
    FROM ans
  ), pick AS (
    SELECT cm.*,
      rnd_u(i, 2020) < [${n(share.detractor)}, ${n(share.passive)}, ${n(share.promoter)}][cm.sentiment + 1] AS commented,
      gn.n, gn.tail_n
    FROM cm JOIN g_comment_n gn ON gn.bank = cm.bank AND gn.sentiment = cm.sentiment
  ), planted AS (
    -- A planted comment replaces the ordinary one (streams 2024, 2025, 2027); otherwise a share is Danish (bank 8).
    SELECT pick.*, commented AND pc.k IS NOT NULL AND rnd_u(i, 2024) < pc.share AS is_planted, pc.k,
      rnd_u(i, 2025) < 0.5 AS planted_da, pc.n_en, pc.n_da,
      commented AND rnd_u(i, 2027) < ${n(PLANTED.danishShare)} AS ordinary_da
    FROM pick LEFT JOIN g_planted_comment pc ON pc.code = pick.code AND pc.sentiment = pick.sentiment
  ), banked AS (
    SELECT planted.* REPLACE (
        CASE WHEN is_planted THEN 100 + 2 * k + planted_da::INTEGER WHEN ordinary_da THEN 8 ELSE planted.bank END AS bank,
        CASE WHEN is_planted AND planted_da THEN n_da WHEN is_planted THEN n_en WHEN ordinary_da THEN gd.n ELSE planted.n END AS n)
    FROM planted LEFT JOIN g_comment_n gd ON gd.bank = 8 AND gd.sentiment = planted.sentiment
  ), idx AS (
    SELECT banked.*,
      CASE WHEN commented THEN floor(rnd_u(i, 2021) * n)::INTEGER END AS text_idx,
      CASE WHEN commented AND NOT is_planted AND NOT ordinary_da AND rnd_u(i, 2022) < 0.35 THEN floor(rnd_u(i, 2023) * tail_n)::INTEGER END AS tail_idx,
      -1 AS tail_bank
    FROM banked
  )
  SELECT
    'R' || lpad((p.i + 1)::VARCHAR, ${s.responseIdWidth}, '0') AS response_id,
    p.customer_id,
    p.code AS touchpoint_code,
    make_timestamp(${n(localDateMs(s.start) * 1000)}::BIGINT
      + (p.day * 86400 + 25200 + floor(rnd_u(p.i, 2003) * 54000))::BIGINT * 1000000) AS responded_at,
    p.ltr,
    g_rating5(p.sat_lat) AS satisfaction,
    g_rating5(p.e_prof) AS professional,
    g_rating5(p.e_symp) AS sympathetic,
    g_rating5(p.e_trust) AS trustworthy,
    g_rating5(p.e_atm) AS atmosphere,
    CASE WHEN p.asks_effort THEN least(7, greatest(1, round(4.6 + 1.4 * (0.7 * p.lat + 0.7 * rnd_z(p.i, 2018)))))::TINYINT END AS effort,
    ct.text || coalesce(tt.text, '') AS comment
  FROM idx p
  LEFT JOIN g_comment_text ct ON ct.bank = p.bank AND ct.sentiment = p.sentiment AND ct.idx = p.text_idx
  LEFT JOIN g_comment_text tt ON tt.bank = p.tail_bank AND tt.sentiment = p.sentiment AND tt.idx = p.tail_idx`;
}

/** Customers of [lo, hi) as rows of the customers table. */
export function customersInsertSql(s: RunShape): string {
  return `INSERT INTO customers
  SELECT c.customer_id, pe.code, un.code,
    ${date(s.start)} + c.acq_day,
    CASE WHEN c.churn_day IS NOT NULL THEN ${date(s.start)} + c.churn_day END,
    round(pe.acq_cost * exp(0.3 * c.acq_noise - 0.045), 2)
  FROM g_cust2 c JOIN g_persona pe ON pe.p = c.p JOIN g_unit un ON un.u = c.u
  ORDER BY c.c`;
}

/** Monthly revenue and cost per active customer-month, for customers [lo, hi). */
export function profitabilityChunkSql(s: RunShape, lo: number, hi: number): string {
  return `INSERT INTO profitability
  WITH m AS (
    SELECT c.c, c.customer_id, c.s, c.q, c.rev_noise, pe.revenue_year, pe.cost_share,
      unnest(range(datediff('month', ${date(s.start)}, ${date(s.start)} + c.act0),
                   datediff('month', ${date(s.start)}, ${date(s.start)} + c.act_end) + 1)) AS m
    FROM g_cust2 c JOIN g_persona pe ON pe.p = c.p
    WHERE c.c >= ${n(lo)} AND c.c < ${n(hi)}
  ), v AS (
    SELECT c, customer_id, m,
      greatest(0, revenue_year / 12 * exp(${n(PLANTED.loyaltyRevenue)} * s + 0.35 * rev_noise - 0.06125)
        * (1 + ${n(PLANTED.unitRevenue)} * q) * (1 + 0.05 * rnd_z(c * 64 + m, 3000))) AS revenue,
      least(1.6, greatest(0.3, cost_share - ${n(PLANTED.loyaltyCostShare)} * s + 0.06 * rnd_z(c * 64 + m, 3002))) AS cost_share
    FROM m
  )
  SELECT customer_id, (${date(s.start)} + to_months(m::INTEGER))::DATE, round(revenue, 2), round(revenue * cost_share, 2)
  FROM v`;
}

/**
 * Management quality and employee satisfaction (0-100) per unit and quarter: the unit's planted quality plus a
 * fixed per-unit offset the customers never feel (so the cross-unit correlation is strong, not perfect) and noise.
 */
export function unitMetricsSql(s: RunShape): string {
  return `INSERT INTO unit_metrics
  SELECT un.code, (date_trunc('quarter', ${date(s.start)}) + to_months(3 * k::INTEGER))::DATE,
    round(least(100, greatest(0, 62 + 14 * un.quality + 5 * rnd_z(un.u, 3506) + 0.4 * k + 2.5 * rnd_z(un.u * 64 + k, 3500))), 1),
    round(least(100, greatest(0, 66 + 11 * un.quality + 4 * rnd_z(un.u, 3508) + 0.3 * k + 2.5 * rnd_z(un.u * 64 + k, 3502))), 1)
  FROM g_unit un, range(${n(s.quarters)}) r(k)
  ORDER BY un.code, k`;
}

/** Operational KPI series, daily or weekly (Mondays), trending from start to end level, with the planted recent shift. */
export function kpisSql(s: RunShape): string {
  const last = s.days - 1;
  return `INSERT INTO touchpoint_kpis
  SELECT k.code, ${date(s.start)} + d::INTEGER, k.kpi,
    round(least(coalesce(k.cap, 1e12), greatest(0,
      k.v_start + (k.v_end - k.v_start) * d / ${n(Math.max(1, last))} + k.noise * rnd_z(k.series * 100000 + d, 3504)
      + CASE WHEN d > ${n(last - PLANTED.drop.days)} THEN k.shift ELSE 0 END)), k.decimals)
  FROM g_kpi k, range(${n(s.days)}) r(d)
  WHERE k.cadence = 'day' OR isodow(${date(s.start)} + d::INTEGER) = 1
  ORDER BY k.code, k.kpi, d`;
}
