import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => (app = await makeTestApp()));
afterAll(async () => app?.close());

it('keeps the company currency on the server: DKK by default, changed by an administrator only, readable by everyone', async () => {
  expect((await app.ok(`{ companySettings { currency } }`, {}, Role.EXECUTIVE)).companySettings.currency).toBe('DKK');
  const SET = `mutation($c: String) { updateCompanySettings(input: { currency: $c }) { currency } }`;
  expect(codes(await app.gql(SET, { c: 'EUR' }, Role.STRATEGIST))).toEqual(['FORBIDDEN']);
  const bad = await app.gql(SET, { c: 'euro' });
  expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  expect((await app.ok(`{ companySettings { currency } }`)).companySettings.currency).toBe('DKK');
  expect((await app.ok(SET, { c: 'EUR' })).updateCompanySettings.currency).toBe('EUR');
  expect((await app.ok(`{ companySettings { currency } }`, {}, Role.EXECUTIVE)).companySettings.currency).toBe('EUR');
});
