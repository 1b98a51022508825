import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './app/App.vue';
import { createAppRouter } from './app/router';
import { createGraphqlClient } from './app/urql';
import { SessionKey, createSession, type Session } from './features/auth/composables/useSession';
import './styles/base.css';

let session: Session | undefined;
const client = createGraphqlClient({
  onUnauthenticated() {
    // The session expired or was revoked. A full load of the sign-in page also empties the
    // GraphQL cache, so nothing from the old session stays on screen.
    session?.forget();
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?expired=1&redirect=${encodeURIComponent(here)}`);
  },
});
session = createSession(client);
const router = createAppRouter(session);

createApp(App).use(urql, client).use(router).provide(SessionKey, session).mount('#app');
