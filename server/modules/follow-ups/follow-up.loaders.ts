import DataLoader from 'dataloader';
import { getCustomerContacts, type CustomerContact } from '../../../analytics/queries/followUps/getCustomerContacts.js';
import { getCaseAnswers, getCaseCustomers, getEarlierAnswers, type CaseAnswer, type CaseCustomer } from '../../../analytics/queries/followUps/getCaseDetails.js';
import { audit } from '../../auth/auth.service.js';
import { requestScoped, requireCaller, type Context } from '../../context.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { Persona } from '../personas/persona.entity.js';
import { User } from '../users/user.entity.js';

/** Batches keyed lookups into one `find ... where key in (...)` per request tick. */
function byKey<T>(load: (keys: readonly string[]) => Promise<Map<string, T>>) {
  return (keys: readonly string[]) => load(keys).then((found) => keys.map((k) => found.get(k) ?? null));
}

/**
 * Every read of a case's personal fields goes through here: one READ_CUSTOMER audit row per customer
 * and request tick (naming the cases read), written before any of the data is returned. A failed
 * audit write fails the read.
 */
export const caseReads = requestScoped(
  (ctx) =>
    new DataLoader<{ caseId: string; customerId: string }, true, string>(
      async (keys) => {
        const caller = requireCaller(ctx);
        const cases = new Map<string, string[]>();
        for (const { caseId, customerId } of keys) cases.set(customerId, [...(cases.get(customerId) ?? []), caseId]);
        const em = ctx.em.fork();
        for (const [customerId, caseIds] of cases) audit(em, 'READ_CUSTOMER', caller.id, { via: 'followUpCase', caseIds }, customerId);
        await em.flush();
        return keys.map(() => true as const);
      },
      { cacheKeyFn: (k) => k.caseId },
    ),
);

export const answersById = requestScoped(
  (ctx) => new DataLoader<string, CaseAnswer | null>(byKey((ids) => getCaseAnswers(ctx.deps.analytics, ids))),
);

export const customersById = requestScoped(
  (ctx) => new DataLoader<string, CaseCustomer | null>(byKey((ids) => getCaseCustomers(ctx.deps.analytics, ids, new Date()))),
);

/** Earlier answers per case; requests with different limits in one tick become one query per limit. */
export const earlierAnswers = requestScoped(
  (ctx) =>
    new DataLoader<{ caseId: string; customerId: string; before: Date; limit: number }, CaseAnswer[], string>(
      async (keys) => {
        const results = new Map<string, CaseAnswer[]>();
        for (const limit of new Set(keys.map((k) => k.limit))) {
          const batch = keys.filter((k) => k.limit === limit).map((k) => ({ key: `${k.caseId}:${limit}`, customerId: k.customerId, before: k.before }));
          for (const [key, answers] of await getEarlierAnswers(ctx.deps.analytics, batch, limit)) results.set(key, answers);
        }
        return keys.map((k) => results.get(`${k.caseId}:${k.limit}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.caseId}:${k.limit}` },
    ),
);

export const touchpointsByCode = requestScoped(
  (ctx) =>
    new DataLoader<string, Touchpoint | null>(
      byKey(async (codes) => new Map((await ctx.em.find(Touchpoint, { code: { $in: [...codes] } })).map((t) => [t.code ?? '', t]))),
    ),
);

export const personasByCode = requestScoped(
  (ctx) =>
    new DataLoader<string, Persona | null>(byKey(async (codes) => new Map((await ctx.em.find(Persona, { code: { $in: [...codes] } })).map((p) => [p.code, p])))),
);

/** Users with their department loaded (UserType shows it). */
export const usersById = requestScoped(
  (ctx) =>
    new DataLoader<string, User | null>(
      byKey(async (ids) => new Map((await ctx.em.find(User, { id: { $in: [...ids] } }, { populate: ['department'] })).map((u) => [u.id, u]))),
    ),
);

export const contactsByCustomer = requestScoped(
  (ctx) => new DataLoader<string, CustomerContact | null>(byKey((ids) => getCustomerContacts(ctx.deps.analytics, ids))),
);
