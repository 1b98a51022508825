import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

// Issue 23: each user chooses Danish or English; until they do, the client follows the browser (null).
let app: TestApp;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => app?.close());

describe('setMyLanguage', () => {
  it('starts unset (the browser decides), keeps what a user chooses, and goes back to unset', async () => {
    expect((await app.ok('{ me { language } }', {}, Role.EXECUTIVE)).me.language).toBeNull();
    await app.ok('mutation { setMyLanguage(language: DA) { language } }', {}, Role.EXECUTIVE);
    expect((await app.ok('{ me { language } }', {}, Role.EXECUTIVE)).me.language).toBe('DA');
    // One user's choice is theirs alone.
    expect((await app.ok('{ me { language } }', {}, Role.ANALYST)).me.language).toBeNull();
    await app.ok('mutation { setMyLanguage(language: null) { language } }', {}, Role.EXECUTIVE);
    expect((await app.ok('{ me { language } }', {}, Role.EXECUTIVE)).me.language).toBeNull();
  });

  it('refuses a language we do not have, and anonymous callers', async () => {
    expect(codes(await app.gql('mutation { setMyLanguage(language: DE) { language } }', {}, Role.EXECUTIVE))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await app.gql('mutation { setMyLanguage(language: EN) { language } }', {}, null))).toEqual(['UNAUTHENTICATED']);
  });
});
