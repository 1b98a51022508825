import { Channel } from '../../server/modules/journeys/journey.enums.js';

/**
 * Every effect the generator plants, with its numbers. seeds/README.md explains them; tests import
 * these to know WHICH touchpoint/persona is planted and check the property with SQL on the data.
 * Latent scales are standard-normal-ish: 1.0 is about one standard deviation of a customer's experience.
 */
export const PLANTED = {
  /** The three touchpoints whose experience drives relationship likelihood-to-recommend (weight on the latent). */
  topDrivers: ['TP_CLAIM_HANDLING', 'TP_PHONE_SERVICE', 'TP_ADVISOR_REVIEW'] as const,
  driverWeights: { TP_CLAIM_HANDLING: 1.0, TP_PHONE_SERVICE: 0.8, TP_ADVISOR_REVIEW: 0.7 },
  /** Weight of every other touchpoint passed. */
  otherDriverWeight: 0.05,
  /** Loading of the per-customer, per-phase latent factor shared by the touchpoints of a phase (correlated touchpoints). */
  phaseFactorLoading: 0.55,
  /** Loading of the per-customer general attitude (halo) on every touchpoint. */
  haloLoading: 0.35,
  /** The persona with a clearly worse experience in one phase, and by how much (latent). */
  worsePhase: { persona: 'SENIOR_SAVER', phase: 'Everyday use', effect: -1.1 } as const,
  /** Touchpoint whose experience drops in the last `days` days of the data (for alerts). */
  drop: { touchpoint: 'TP_APP_SELF_SERVICE', days: 28, effect: -0.9 } as const,
  /** Emotional factors → touchpoint satisfaction (weights on the latent, sum 1); asked at human touchpoints only. */
  emotionalWeights: { trustworthy: 0.4, professional: 0.3, sympathetic: 0.2, atmosphere: 0.1 } as const,
  emotionalChannels: [Channel.PHONE, Channel.FACE_TO_FACE, Channel.PARTNER, Channel.CHAT] as readonly Channel[],
  /** Latent shift over the whole window (linear in time): relationship NPS from about -40 to about -10. */
  trend: 0.45,
  /** Churn hazard: annual rate × exp(-loyaltyChurn × loyalty z-score) × exp(-churnTrendPerMonth × months since start). */
  loyaltyChurn: 0.55,
  churnTrendPerMonth: 0.012,
  /** Monthly revenue × exp(loyaltyRevenue × loyalty z); cost share − loyaltyCostShare × loyalty z. */
  loyaltyRevenue: 0.15,
  loyaltyCostShare: 0.06,
  /** Unit quality q (-1..+1) → experience (latent) and revenue (relative). */
  unitExperience: 0.3,
  unitRevenue: 0.06,
  /** Share of all responses that are relationship surveys (touchpoint_code NULL). */
  relationshipShare: 0.2,
  /** Probability that a response carries a comment, by its likelihood-to-recommend group. */
  commentShare: { detractor: 0.4, passive: 0.12, promoter: 0.22 } as const,
  /** Share of the ordinary (not planted) comments written in Danish instead of English. */
  danishShare: 0.25,
  /**
   * Comments with a planted theme and feeling at one touchpoint: a commented answer there carries one of
   * these texts with probability `share` of its likelihood-to-recommend group (instead of the ordinary
   * comment; who comments is unchanged), half of them in Danish. `theme` is a default theme code, or null
   * for a recurring phrase that no default theme covers (a suggested theme).
   */
  plantedComments: [
    {
      touchpoint: 'TP_CLAIM_HANDLING', theme: 'WAITING_TIME', feeling: 'FRUSTRATION', share: { detractor: 0.5, passive: 0.15, promoter: 0.03 },
      en: ['My claim has been waiting for weeks, so frustrating.', 'Weeks of waiting on my claim. Frustrated and tired of chasing you.'],
      da: ['Min skadesag har ventet i ugevis, det er så frustrerende.', 'Ugers ventetid på min sag. Jeg er frustreret.'],
    },
    {
      touchpoint: 'TP_PHONE_SERVICE', theme: 'WAITING_TIME', feeling: 'ANGER', share: { detractor: 0.45, passive: 0.1, promoter: 0.02 },
      en: ['Waited forever in the phone queue, I am angry.', 'The queue on the phone is far too long. Angry customer here.'],
      da: ['Alt for lang ventetid i telefonkøen, jeg er vred.', 'Telefonkøen er helt urimelig, jeg blev vred.'],
    },
    {
      touchpoint: 'TP_PRICE_CHANGE_EMAIL', theme: 'PRICE', feeling: 'DISTRUST', share: { detractor: 0.4, passive: 0.1, promoter: 0.02 },
      en: ['Another price increase without warning, I feel cheated.', 'The price went up again and I feel misled.'],
      da: ['Endnu en prisstigning uden varsel, jeg føler mig snydt.', 'Prisen steg igen, jeg føler mig snydt.'],
    },
    {
      touchpoint: 'TP_ADVISOR_MEETING', theme: 'STAFF_FRIENDLINESS', feeling: 'GRATITUDE', share: { detractor: 0.02, passive: 0.15, promoter: 0.4 },
      en: ['Such a friendly and helpful advisor, I am grateful.', 'Friendly advisor who took her time. Very grateful.'],
      da: ['Sikke en venlig og hjælpsom rådgiver, jeg er taknemmelig.', 'Venlig rådgiver der tog sig tid. Taknemmelig.'],
    },
    {
      touchpoint: 'TP_PENSION_TRANSFER', theme: null, feeling: 'WORRY', share: { detractor: 0.45, passive: 0.1, promoter: 0.02 },
      en: ['The pension transfer is stuck and I am worried.', 'Still no news about my pension transfer, worried.'],
      da: ['Min pensionsoverførsel er gået i stå, jeg er bekymret.', 'Stadig intet nyt om pensionsoverførslen, bekymret.'],
    },
  ],
} as const;

export interface PersonaParams {
  code: string;
  /** Share of customers. */
  share: number;
  /** Share of customers acquired during the data window (the rest were customers before it). */
  newShare: number;
  revenuePerYear: number;
  /** Cost as a share of revenue at average loyalty. */
  costShare: number;
  /** Annual churn at average loyalty, at the start of the window. */
  churnPerYear: number;
  acquisitionCost: number;
  /** Latent offset on every touchpoint experience, and on the relationship. */
  experience: number;
  relationship: number;
  /** Probability of at least one claim per year. */
  claimsPerYear: number;
  /** Relative propensity to answer surveys. */
  responsePropensity: number;
  /** Multiplier on the chance to pass a touchpoint of each channel (1 where not given). */
  channelAffinity: Partial<Record<Channel, number>>;
}

export const PERSONAS: readonly PersonaParams[] = [
  {
    code: 'YOUNG_FAMILY', share: 0.32, newShare: 0.35, revenuePerYear: 9_600, costShare: 0.74, churnPerYear: 0.13,
    acquisitionCost: 2_400, experience: -0.05, relationship: 0, claimsPerYear: 0.3, responsePropensity: 1.0,
    channelAffinity: { WEB: 1.2, LANDING_PAGE: 1.1, APP: 1.3, PHONE: 0.9, LETTER: 0.8, FACE_TO_FACE: 0.6, PARTNER: 1.1 },
  },
  {
    code: 'SENIOR_SAVER', share: 0.22, newShare: 0.18, revenuePerYear: 14_400, costShare: 0.7, churnPerYear: 0.05,
    acquisitionCost: 3_800, experience: 0.25, relationship: 0.2, claimsPerYear: 0.15, responsePropensity: 1.3,
    channelAffinity: {
      WEB: 0.6, LANDING_PAGE: 0.5, APP: 0.35, EMAIL: 0.8, SMS: 0.7, SOCIAL: 0.3, CHAT: 0.3, PHONE: 1.5, LETTER: 1.5, FACE_TO_FACE: 1.8, PARTNER: 1.2, ADVERTISING: 1.2,
    },
  },
  {
    code: 'SELF_EMPLOYED', share: 0.14, newShare: 0.3, revenuePerYear: 19_200, costShare: 0.72, churnPerYear: 0.1,
    acquisitionCost: 4_500, experience: -0.1, relationship: 0.1, claimsPerYear: 0.28, responsePropensity: 0.8,
    channelAffinity: { WEB: 0.9, LANDING_PAGE: 0.8, APP: 0.9, SOCIAL: 0.6, CHAT: 0.7, PHONE: 1.5, FACE_TO_FACE: 1.3, PARTNER: 1.6, ADVERTISING: 0.8 },
  },
  {
    code: 'DIGITAL_NATIVE', share: 0.32, newShare: 0.5, revenuePerYear: 4_800, costShare: 0.8, churnPerYear: 0.19,
    acquisitionCost: 1_200, experience: -0.15, relationship: -0.25, claimsPerYear: 0.18, responsePropensity: 0.8,
    channelAffinity: {
      WEB: 1.3, LANDING_PAGE: 1.4, APP: 1.6, EMAIL: 0.9, SMS: 1.1, SOCIAL: 1.8, CHAT: 1.8, PHONE: 0.5, LETTER: 0.4, FACE_TO_FACE: 0.3, PARTNER: 0.6, ADVERTISING: 0.8,
    },
  },
];

/** Units: share of customers and planted quality q (-1..+1) → management quality, employee satisfaction, NPS, margin. */
export const UNITS: Readonly<Record<string, { share: number; quality: number }>> = {
  CPH: { share: 0.22, quality: 0.2 },
  AAR: { share: 0.15, quality: 0.8 },
  ODE: { share: 0.1, quality: -0.3 },
  AAL: { share: 0.09, quality: 0.5 },
  ESB: { share: 0.07, quality: -0.9 },
  VEJ: { share: 0.08, quality: 0.1 },
  ROS: { share: 0.07, quality: -0.5 },
  HER: { share: 0.06, quality: 0.9 },
  KOL: { share: 0.08, quality: -0.1 },
  HIL: { share: 0.08, quality: 0.3 },
};

/**
 * What happens in each phase of the demo journey, by position: who passes it and when.
 * PREPURCHASE: new customers, before acquisition; ONBOARDING: new customers, after it; USAGE: everyone,
 * repeatedly; CLAIM: customers with a claim; RENEWAL: at each anniversary; LEAVING: churned customers.
 */
export const PHASE_KINDS = ['PREPURCHASE', 'PREPURCHASE', 'ONBOARDING', 'USAGE', 'CLAIM', 'RENEWAL', 'LEAVING'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export interface TouchpointParams {
  /** Chance to pass, given the phase applies to the customer (before channel affinity). */
  pass: number;
  /** Mean latent experience: negative for difficult touchpoints. */
  mean: number;
  /** USAGE touchpoints: visits per year. */
  visitsPerYear?: number;
  /** Members of a choice group: the customer passes exactly one of them (weights ∝ pass × affinity). */
  group?: string;
}

const tp = (pass: number, mean: number, extra: Omit<TouchpointParams, 'pass' | 'mean'> = {}): TouchpointParams => ({ pass, mean, ...extra });

export const TOUCHPOINTS: Readonly<Record<string, TouchpointParams>> = {
  TP_TV_AD: tp(0.55, 0.1),
  TP_SOCIAL_ADS: tp(0.35, -0.1),
  TP_REVIEWS: tp(0.3, -0.5),
  TP_PRICE_COMPARISON: tp(0.4, 0),
  TP_WEBSITE_PRODUCT: tp(0.65, 0.2),
  TP_BANK_REFERRAL: tp(0.15, 0.4),
  TP_CAR_DEALER: tp(0.12, 0.2),
  TP_LANDING_PAGE: tp(0.3, 0),
  TP_WEB_QUOTE: tp(0.6, 0.2),
  TP_CHAT_PRESALES: tp(0.2, 0.3),
  TP_PHONE_SALES: tp(0.35, 0.3),
  TP_ADVISOR_MEETING: tp(0.25, 0.6),
  TP_QUOTE_EMAIL: tp(0.5, 0.1),
  TP_SALES_FOLLOWUP_CALL: tp(0.3, -0.7),
  TP_ONLINE_PURCHASE: tp(0.55, 0.4),
  TP_POLICY_LETTER: tp(0.9, -0.6),
  TP_WELCOME_EMAIL: tp(0.8, 0.3),
  TP_APP_ONBOARDING: tp(0.45, 0.1),
  TP_PENSION_TRANSFER: tp(0.25, -0.8),
  TP_WELCOME_CALL: tp(0.35, 0.6),
  TP_APP_SELF_SERVICE: tp(0.55, 0.3, { visitsPerYear: 4 }),
  TP_WEB_MY_PAGE: tp(0.45, 0.1, { visitsPerYear: 3 }),
  TP_ANNUAL_STATEMENT: tp(0.6, -0.2, { visitsPerYear: 1 }),
  TP_NEWSLETTER: tp(0.5, 0, { visitsPerYear: 1 }),
  TP_PHONE_SERVICE: tp(0.55, -0.3, { visitsPerYear: 1.5 }),
  TP_CHAT_SERVICE: tp(0.25, 0, { visitsPerYear: 1.5 }),
  TP_PAYMENT_REMINDER: tp(0.15, -0.6, { visitsPerYear: 1 }),
  TP_SOCIAL_SERVICE: tp(0.08, -0.1, { visitsPerYear: 1 }),
  TP_EMAIL_SERVICE: tp(0.3, 0, { visitsPerYear: 1 }),
  TP_CLAIM_REPORT_WEB: tp(0.45, 0.1, { group: 'CLAIM_REPORT' }),
  TP_CLAIM_REPORT_PHONE: tp(0.4, 0.2, { group: 'CLAIM_REPORT' }),
  TP_CLAIM_REPORT_PARTNER: tp(0.15, 0.3, { group: 'CLAIM_REPORT' }),
  TP_CLAIM_HANDLING: tp(0.85, -0.4),
  TP_LOSS_ADJUSTER: tp(0.3, -0.6),
  TP_CLAIM_DECISION: tp(0.85, -0.5),
  TP_CLAIM_PAYOUT: tp(0.7, 0.6),
  TP_COMPLAINT: tp(0.12, -1.2),
  TP_RENEWAL_NOTICE: tp(0.95, -0.5),
  TP_ADVISOR_REVIEW: tp(0.35, 0.3),
  TP_PRICE_CHANGE_EMAIL: tp(0.6, -0.3),
  TP_CROSS_SELL_CALL: tp(0.2, -0.2),
  TP_LOYALTY_BENEFIT: tp(0.3, 0.7),
  TP_CANCELLATION_CALL: tp(0.6, -0.3),
  TP_RETENTION_OFFER: tp(0.35, -0.4),
  TP_CANCELLATION_LETTER: tp(0.9, -0.2),
  TP_EXIT_SURVEY: tp(0.5, -0.3),
  TP_PENSION_TRANSFER_OUT: tp(0.2, -0.9),
};

/** Relative survey response rate per passage, by channel (response rates differ by channel). */
export const RESPONSE_RATE: Readonly<Record<Channel, number>> = {
  [Channel.FACE_TO_FACE]: 14,
  [Channel.EMAIL]: 12,
  [Channel.SMS]: 10,
  [Channel.CHAT]: 10,
  [Channel.PHONE]: 9,
  [Channel.APP]: 8,
  [Channel.WEB]: 6,
  [Channel.PARTNER]: 5,
  [Channel.LETTER]: 4,
  [Channel.LANDING_PAGE]: 3,
  [Channel.SOCIAL]: 2,
  [Channel.ADVERTISING]: 1,
};
/** Relationship survey invitations (one a year per customer) weigh like this per wave. */
export const RELATIONSHIP_RESPONSE_RATE = 12;

/** Operational KPI series (touchpoint_kpis): level at the start, at the end, daily noise, and cadence. */
export interface KpiSeries {
  touchpoint: string;
  kpi: string;
  start: number;
  end: number;
  noise: number;
  cadence: 'day' | 'week';
  /** Shift in the last PLANTED.drop.days days (the KPI behind the planted drop). */
  recentShift?: number;
  decimals: number;
}
export const KPI_SERIES: readonly KpiSeries[] = [
  { touchpoint: 'TP_PHONE_SERVICE', kpi: 'Answer time', start: 190, end: 95, noise: 25, cadence: 'day', decimals: 0 },
  { touchpoint: 'TP_PHONE_SERVICE', kpi: 'First contact resolution', start: 68, end: 74, noise: 2.5, cadence: 'week', decimals: 1 },
  { touchpoint: 'TP_CLAIM_HANDLING', kpi: 'Claim handling time', start: 19, end: 13, noise: 1.8, cadence: 'week', decimals: 1 },
  { touchpoint: 'TP_APP_SELF_SERVICE', kpi: 'Crash-free sessions', start: 99.2, end: 99.6, noise: 0.12, cadence: 'day', recentShift: -2.4, decimals: 2 },
  { touchpoint: 'TP_CHAT_SERVICE', kpi: 'Chat wait time', start: 75, end: 40, noise: 12, cadence: 'day', decimals: 0 },
  { touchpoint: 'TP_WEB_QUOTE', kpi: 'Quote conversion', start: 9.5, end: 11.5, noise: 0.8, cadence: 'week', decimals: 1 },
  { touchpoint: 'TP_EMAIL_SERVICE', kpi: 'Response time', start: 40, end: 22, noise: 6, cadence: 'day', decimals: 1 },
];

/**
 * Latent-to-answer mapping, calibrated once on 1M customers (constants, never data-dependent, so the
 * output is deterministic): the relationship latent S is standardised with these before driving churn
 * and margin, and the likelihood-to-recommend is round(LTR_CENTER + LTR_SCALE × latent), clamped 0..10.
 */
export const CALIBRATION = {
  relationshipMean: -0.27,
  relationshipSd: 1.27,
  relationshipLtrCenter: 6.15,
  touchpointLtrCenter: 6.9,
  ltrScale: 2.0,
  /** Satisfaction 1..5 cut points on the touchpoint latent. */
  satisfactionCuts: [-1.7, -0.9, -0.05, 0.9] as const,
};
