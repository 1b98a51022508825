import { afterEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { Session, SessionUser } from '../../client/src/features/auth/composables/useSession';
import { applyLanguage } from '../../client/src/shared/i18n';
import { appRouterWithStubPages } from './support/router';

const user = ref<SessionUser>({ id: 'u', name: 'Ada Admin', email: 'a@x', role: 'ADMIN', language: null, department: null });
const session: Session = { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };

afterEach(() => applyLanguage('en'));

describe('the tab title', () => {
  it("names the page in the reader's language and follows a language switch", async () => {
    applyLanguage('da');
    const router = appRouterWithStubPages(session);
    await router.push('/priorities');
    expect(document.title).toBe('Prioriteter · Touchpoint');
    await router.push('/setup/alert-rules');
    expect(document.title).toBe('Alarmregler · Touchpoint');

    applyLanguage('en');
    expect(document.title).toBe('Alert rules · Touchpoint');
    applyLanguage('da');
    expect(document.title).toBe('Alarmregler · Touchpoint');
  });

  it('titles an address that names no page in Danish', async () => {
    applyLanguage('da');
    const router = appRouterWithStubPages(session);
    await router.push('/nowhere');
    expect(document.title).toBe('Ikke fundet · Touchpoint');
  });
});
