/**
 * The API explorer (GraphiQL) as its own page, bundled by Vite like the rest of the client: no CDN,
 * and it runs under the app's CSP (script-src 'self'). Requests go to /graphql with the session cookie.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import type { ExecutionResult } from 'graphql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const FIRST_QUERY = `# Touchpoint's API. Open the documentation (the book icon) to see every type and field in words.
# Press the run button (or Ctrl+Enter) to run this query.
{
  journeys {
    name
    state
    phases {
      name
      touchpoints {
        name
        code
        metrics {
          nps { nps n ciLow ciHigh }
        }
      }
    }
  }
}
`;

type Params = { query: string; operationName?: string | null; variables?: unknown };

/** Sends the operation as JSON (the server's CSRF protection refuses form posts and GETs without a preflight header). */
async function fetcher(params: Params): Promise<ExecutionResult> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  const result: ExecutionResult = await response.json();
  return result;
}

const mount = document.getElementById('explorer');
if (mount) createRoot(mount).render(createElement(GraphiQL, { fetcher, defaultQuery: FIRST_QUERY, defaultEditorToolsVisibility: true }));
