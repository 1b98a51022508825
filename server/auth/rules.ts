import { Role } from '../modules/users/user.enums.js';

const { ADMIN, STRATEGIST, ANALYST, EXECUTIVE } = Role;

/**
 * Who may do what, in one place (issue: "every resolver carries its rule"). Resolvers name a rule
 * with @Authorized(Rule.x); tests/integration/authorization.test.ts fails for any root field without one.
 */
export const Rule = {
  /** The journey model, initiatives, targets: everyone signed in. */
  readModel: [ADMIN, STRATEGIST, ANALYST, EXECUTIVE],
  /** Journeys, phases, touchpoints, personas, departments, initiatives, targets, scenarios. */
  editModel: [ADMIN, STRATEGIST],
  /** Aggregated analytics and business cases (never one customer's answers). */
  readAggregates: [ADMIN, STRATEGIST, ANALYST, EXECUTIVE],
  /** An individual customer's answers, comments and ids. */
  readIndividual: [ADMIN, ANALYST],
  /** Load customer data into the analytics store. */
  importData: [ADMIN, ANALYST],
  /** The comment theme dictionary and feeling-word list, and suggested themes (phrases from comments). */
  editDictionary: [ADMIN, ANALYST],
  /**
   * Follow-up cases; further scoped to the case's department in the service. Decided (issue 15): a
   * strategist reads the answer behind a case of their own department although not in readIndividual,
   * because recovering that customer needs it; each read is audited.
   */
  followUp: [ADMIN, STRATEGIST, ANALYST],
  /** The GraphiQL explorer at GET /graphql in a browser (any query, individual data included). */
  exploreApi: [ADMIN, ANALYST],
  /** Users and alert rules. */
  administer: [ADMIN],
} satisfies Record<string, Role[]>;
