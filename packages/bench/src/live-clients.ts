import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The subscribers of scenario 3, in a process of their own so the bench process's RSS measures
 * the platform (gateway and subgraphs) per socket, not the clients' own sockets. Driven over IPC:
 * `open` → `ready`, `arm` → `times` (when each socket saw its next message, epoch ms), `close`.
 */
interface OpenMessage {
  type: 'open';
  url: string;
  query: string;
  subscribers: { token: string; orgUnitId: string }[];
}

type Incoming = OpenMessage | { type: 'arm'; timeoutMs: number } | { type: 'close' };

const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send!(m);

interface Sub {
  client: Client;
  dispose: () => void;
  /** Called with each message's arrival time. */
  onMessage: ((t: number) => void) | null;
  errors: number;
}

const subs: Sub[] = [];

async function open(m: OpenMessage): Promise<void> {
  const started = now();
  const firsts: Promise<void>[] = [];
  // Open in waves: ten thousand handshakes at once only measure the accept queue.
  for (let i = 0; i < m.subscribers.length; i += 250) {
    const wave = m.subscribers.slice(i, i + 250).map(({ token, orgUnitId }) => {
      const client = createClient({ url: m.url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
      let first: () => void;
      const firstSeen = new Promise<void>((r) => (first = r));
      const sub: Sub = { client, dispose: () => undefined, onMessage: null, errors: 0 };
      sub.dispose = client.subscribe(
        { query: m.query, variables: { id: orgUnitId } },
        {
          next: (msg) => {
            if (msg.errors) sub.errors++;
            first();
            sub.onMessage?.(now());
          },
          error: () => {
            sub.errors++;
            first();
          },
          complete: () => undefined,
        },
      );
      subs.push(sub);
      return firstSeen;
    });
    await Promise.all(wave);
    firsts.push(...wave);
  }
  await Promise.all(firsts);
  send({ type: 'ready', openMs: now() - started, errors: subs.reduce((a, s) => a + s.errors, 0) });
}

function arm(timeoutMs: number): void {
  const times: (number | null)[] = subs.map(() => null);
  let left = subs.length;
  const finish = () => {
    for (const s of subs) s.onMessage = null;
    send({ type: 'times', times });
  };
  const timer = setTimeout(finish, timeoutMs);
  subs.forEach((s, i) => {
    s.onMessage = (t) => {
      if (times[i] !== null) return;
      times[i] = t;
      if (--left === 0) {
        clearTimeout(timer);
        finish();
      }
    };
  });
}

process.on('message', (m: Incoming) => {
  if (m.type === 'open') void open(m).catch((err: Error) => send({ type: 'error', message: err.message }));
  else if (m.type === 'arm') arm(m.timeoutMs);
  else if (m.type === 'close') {
    for (const s of subs) s.dispose();
    void Promise.all(subs.map((s) => s.client.dispose())).finally(() => process.exit(0));
  }
});
