import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import './graphiql.css';
import { createRoot } from 'react-dom/client';
import { wsClient } from './api';

type Fetcher = GraphiQLProps['fetcher'];
type Params = Parameters<Fetcher>[0];

/** Queries and mutations over HTTP, subscriptions over graphql-ws, both with the headers the user typed. */
const fetcher: Fetcher = (params: Params, opts) => {
  const headers: Record<string, string> = { ...(opts?.headers as Record<string, string> | undefined) };
  const authorization = headers.authorization ?? headers.Authorization ?? null;
  const isSubscription = /^\s*subscription\b/m.test(params.query) && (!params.operationName || new RegExp(`subscription\\s+${params.operationName}\\b`).test(params.query));
  if (isSubscription) {
    const client = wsClient(authorization, () => undefined);
    const iterator = client.iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => iterator.next(),
        return: async () => {
          await iterator.return?.();
          await client.dispose();
          return { done: true as const, value: undefined };
        },
      }),
    } as never;
  }
  return fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(params),
  }).then((r) => r.json());
};

const token = document.querySelector<HTMLMetaElement>('meta[name="chibo-token"]')?.content;
const DEFAULT_QUERY = `# GraphiQL của chibo — mã thông báo demo (quản trị Thành ủy) đã điền sẵn ở mục Headers.
# chibo's GraphiQL — a demo token (city admin) is pre-filled under Headers.
{
  currentTenant {
    name
    rootOrgUnit {
      id
      name
      children { id name kind }
    }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={DEFAULT_QUERY}
    headers={token ? JSON.stringify({ authorization: `Bearer ${token}` }, null, 2) : undefined}
    defaultEditorToolsVisibility={token ? 'headers' : true}
    isHeadersEditorEnabled
  />,
);
