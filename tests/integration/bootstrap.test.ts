import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstUsers, type CreatedAccount } from '../../server/bootstrap.js';
import { afterAnswersLoaded } from '../../server/modules/alerts/monitor.js';
import { FollowUpCase, FollowUpKind, FollowUpStatus } from '../../server/modules/follow-ups/follow-up.entity.js';
import { Touchpoint } from '../../server/modules/journeys/touchpoint.entity.js';
import { User } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { demoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany, replaceWithDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let accounts: CreatedAccount[];

beforeAll(async () => {
  app = await makeTestApp();
  await loadDemoCompany(app.orm.em.fork(), demoCompany);
  await app.analytics.syncModel();
  // The demo data as npm start makes it (smaller), ending today so the last days' answers open cases.
  await generate(app.analytics.store, { customers: 5_000, responses: 50_000, months: 24, seed: 42, dimensions: 'never' });
  accounts = await createFirstUsers(app.orm.em.fork(), { demo: true, departments: demoCompany.userDepartments });
  await afterAnswersLoaded(app.orm.em, app.analytics.store);
}, 180_000);
afterAll(async () => app?.close());

describe('the demo users created on first start', () => {
  it('puts the strategist and the analyst in departments of the demo company; admin and executive in none', async () => {
    expect(accounts.map((a) => [a.role, a.department])).toEqual([
      [Role.ADMIN, null],
      [Role.STRATEGIST, 'Customer Service'],
      [Role.ANALYST, 'IT & Digital'],
      [Role.EXECUTIVE, null],
    ]);
  });

  it.each([Role.STRATEGIST, Role.ANALYST])('gives the %s a follow-up queue with open RECOVER cases at touchpoints their department owns', async (role) => {
    const em = app.orm.em.fork();
    const user = await em.findOneOrFail(User, { role }, { populate: ['department'] });
    expect(user.department).toBeDefined();
    const owned = await em.count(Touchpoint, { department: user.department! });
    expect(owned).toBeGreaterThan(0);
    const open = await em.count(FollowUpCase, { department: user.department!, status: FollowUpStatus.OPEN, kind: FollowUpKind.RECOVER, touchpointCode: { $ne: null } });
    expect(open).toBeGreaterThan(0);
  });

  it('keep their department, and the cases theirs, when npm run seed -- --reset replaces the model', async () => {
    const withDepartment = () => app.orm.em.fork().count(FollowUpCase, { department: { $ne: null } });
    const cases = await withDepartment();
    expect(cases).toBeGreaterThan(0);
    const touchpoints = await app.orm.em.fork().count(Touchpoint, {});
    const { relinked } = await replaceWithDemoCompany(app.orm.em.fork(), demoCompany);
    expect(await app.orm.em.fork().count(Touchpoint, {})).toBe(touchpoints);
    expect(relinked).toBe(cases + 2);
    expect(await withDepartment()).toBe(cases);
    const users = await app.orm.em.fork().find(User, { department: { $ne: null } }, { populate: ['department'], orderBy: { email: 'asc' } });
    expect(users.map((u) => [u.role, u.department!.name])).toEqual([
      [Role.ANALYST, 'IT & Digital'],
      [Role.STRATEGIST, 'Customer Service'],
    ]);
  });
});
