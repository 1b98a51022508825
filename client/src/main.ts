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
    // Nobody was signed in (a page asked before the sign-in page took over): nothing expired.
    if (!session?.user.value) return;
    // The session expired or was revoked. A full load of the sign-in page also empties the
    // GraphQL cache, so nothing from the old session stays on screen.
    session?.forget();
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?expired=1&redirect=${encodeURIComponent(here)}`);
  },
});
session = createSession(client);
const router = createAppRouter(session);

const app = createApp(App).use(urql, client).use(router).provide(SessionKey, session);
// Mounted once the first route is resolved: before that the route has no meta, and the shell (with its
// signed-in queries) would render on the sign-in page.
void router.isReady().then(() => app.mount('#app'));
