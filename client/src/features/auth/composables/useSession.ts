import type { Client } from '@urql/core';
import { inject, readonly, ref, type InjectionKey, type Ref } from 'vue';
import { MeDocument, SignInDocument, SignOutDocument } from '../graphql/documents';
import { type Language, type MeQuery } from '../../../graphql/generated';
import { signInErrorMessage } from '../model/signInError';
import { applyLanguage, fromApiLanguage, t } from '../../../shared/i18n';

/** The signed-in user's chosen language wins over the browser's (null: keep the browser's). */
function useUsersLanguage(user: SessionUser | null): void {
  const chosen = fromApiLanguage(user?.language);
  if (chosen) applyLanguage(chosen);
}

/**
 * The signed-in user; `language`, `showCodes` and `minCellCustomers` optional so a test's user needs none
 * (absent: the browser's language, names without codes, and "too few customers" without the number).
 */
export type SessionUser = Omit<NonNullable<MeQuery['me']>, 'language' | 'showCodes' | 'minCellCustomers'> & {
  language?: Language | null;
  showCodes?: boolean;
  minCellCustomers?: number | null;
};

export type SignInOutcome = { ok: true; user: SessionUser } | { ok: false; message: string };

/** Who is signed in. The session itself is an httpOnly cookie the client never sees; `me` tells. */
export interface Session {
  user: Readonly<Ref<SessionUser | null>>;
  /** Asks the server once (`me`); later calls answer from memory. */
  ensureLoaded(): Promise<SessionUser | null>;
  signIn(email: string, password: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
  /** The server said UNAUTHENTICATED: the cookie expired or was revoked. */
  forget(): void;
}

export const SessionKey: InjectionKey<Session> = Symbol('session');

export function createSession(client: Client): Session {
  const user = ref<SessionUser | null>(null);
  let loading: Promise<SessionUser | null> | undefined;

  return {
    user: readonly(user),
    ensureLoaded() {
      loading ??= client
        .query(MeDocument, {}, { requestPolicy: 'network-only' })
        .toPromise()
        .then((result) => {
          user.value = result.data?.me ?? null;
          useUsersLanguage(user.value);
          // A failed `me` (server down) is not a session: let the next navigation ask again.
          if (result.error) loading = undefined;
          return user.value;
        });
      return loading;
    },
    async signIn(email, password) {
      const result = await client.mutation(SignInDocument, { email, password }).toPromise();
      const signedIn = result.data?.signIn.user;
      if (!signedIn) {
        return { ok: false, message: result.error ? signInErrorMessage(result.error) : t('signIn.errors.failed') };
      }
      user.value = signedIn;
      useUsersLanguage(signedIn);
      loading = Promise.resolve(signedIn);
      return { ok: true, user: signedIn };
    },
    async signOut() {
      await client.mutation(SignOutDocument, {}).toPromise();
      user.value = null;
      loading = Promise.resolve(null);
    },
    forget() {
      user.value = null;
      loading = Promise.resolve(null);
    },
  };
}

export function useSession(): Session {
  const session = inject(SessionKey);
  if (!session) throw new Error('useSession() needs the session provided by main.ts (SessionKey).');
  return session;
}
