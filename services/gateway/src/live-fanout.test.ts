import type { ExecutionResult } from 'graphql';
import { Role, type Principal } from '@chibo/domain';
import { LiveFanout, type LiveSocket } from './live-fanout';

/**
 * The fan-out's own framing, without a network: what each subscriber's socket is handed, under
 * which id, and what a slow socket keeps. (Through the real gateway and graphql-ws:
 * packages/testkit/test/dashboard-fanout.test.ts.)
 */

/** A socket whose writes complete only when the test says so, like a peer that reads slowly. */
class FakeSocket implements LiveSocket {
  readyState = 1;
  readonly frames: string[] = [];
  private readonly callbacks: ((err?: Error) => void)[] = [];
  send(data: string, cb?: (err?: Error) => void): void {
    this.frames.push(data);
    if (cb) this.callbacks.push(cb);
  }
  /** The peer has read everything written so far. */
  drain(): void {
    for (const cb of this.callbacks.splice(0)) cb();
  }
  payloads(): { id: string; type: string; payload: { data: { n: number } } }[] {
    return this.frames.map((f) => JSON.parse(f));
  }
}

/** An upstream the test feeds by hand. */
function upstream() {
  const queue: ExecutionResult[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const source: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      while (!queue.length && !done) await new Promise<void>((r) => (wake = r));
      return queue.length ? { value: queue.shift()!, done: false } : { value: undefined, done: true };
    },
    async return() {
      done = true;
      wake?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return {
    source,
    emit(n: number) {
      queue.push({ data: { n } });
      wake?.();
    },
    end() {
      done = true;
      wake?.();
    },
  };
}

const secretary: Principal = { tenantId: '00000000-0000-4000-8000-000000000001', subject: 'a', roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell-1' };
const params = { query: 'subscription($id: ID!) { dashboardUpdated(orgUnitId: $id) { meetingsHeld } }', variables: { id: 'cell-1' } };
const settle = () => new Promise((r) => setImmediate(r));

describe('LiveFanout writing frames itself', () => {
  it('serialises an update once for the group and hands every subscriber it under its own id', async () => {
    let serialised = 0;
    const fanout = new LiveFanout((r) => (serialised++, JSON.stringify(r)));
    const up = upstream();
    const sockets = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    await Promise.all(sockets.map((socket, i) => fanout.subscribe({ ...secretary, subject: `s${i}` }, params, async () => up.source, { socket, id: `sub-${i}` })));
    up.emit(1);
    await settle();
    expect(serialised).toBe(1);
    sockets.forEach((s, i) => expect(s.payloads()).toEqual([{ id: `sub-${i}`, type: 'next', payload: { data: { n: 1 } } }]));
  });

  it('keeps only the newest update for a socket that has not taken the previous one, and sends it before the stream completes', async () => {
    const fanout = new LiveFanout();
    const up = upstream();
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    const slowSub = (await fanout.subscribe(secretary, params, async () => up.source, { socket: slow, id: '1' })) as AsyncIterableIterator<ExecutionResult>;
    await fanout.subscribe({ ...secretary, subject: 'b' }, params, async () => up.source, { socket: fast, id: '2' });
    up.emit(1);
    await settle();
    fast.drain();
    up.emit(2);
    await settle();
    fast.drain();
    up.emit(3);
    await settle();
    // The slow peer still holds frame 1: 2 was replaced by 3, nothing queued behind it.
    expect(slow.payloads().map((f) => f.payload.data.n)).toEqual([1]);
    expect(fast.payloads().map((f) => f.payload.data.n)).toEqual([1, 2, 3]);
    const completed = slowSub.next(); // graphql-ws waits on the iterator; it ends when the source does
    up.end();
    await settle();
    expect(slow.payloads().map((f) => f.payload.data.n)).toEqual([1, 3]);
    expect(await completed).toEqual({ value: undefined, done: true });
  });

  it('writes nothing more to a subscriber that completed, and closes the upstream with the last one', async () => {
    const fanout = new LiveFanout();
    const up = upstream();
    const a = new FakeSocket();
    const b = new FakeSocket();
    const subA = (await fanout.subscribe(secretary, params, async () => up.source, { socket: a, id: 'a' })) as AsyncIterableIterator<ExecutionResult>;
    const subB = (await fanout.subscribe({ ...secretary, subject: 'b' }, params, async () => up.source, { socket: b, id: 'b' })) as AsyncIterableIterator<ExecutionResult>;
    up.emit(1);
    await settle();
    await subA.return!();
    a.drain();
    b.drain();
    up.emit(2);
    await settle();
    expect(a.payloads().map((f) => f.payload.data.n)).toEqual([1]);
    expect(b.payloads().map((f) => f.payload.data.n)).toEqual([1, 2]);
    expect(fanout.upstreamCount).toBe(1);
    await subB.return!();
    expect(fanout.upstreamCount).toBe(0);
  });
});
