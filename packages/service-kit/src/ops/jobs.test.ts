import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { JobRunner } from './jobs';

const errors: string[] = [];
const logger: Logger = { debug() {}, info() {}, warn() {}, error: (msg, f) => void errors.push(`${msg}: ${String(f?.error)}`), child: () => logger };
const deps = { dataSource: {} as DataSource, logger, relayUrl: 'postgres://relay' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background jobs', () => {
  it('run on their timer, never overlap themselves, survive a failing run, and stop for good', async () => {
    let runs = 0;
    let running = 0;
    let overlapped = false;
    const runner = new JobRunner(
      [
        {
          name: 'flaky',
          everyMs: 5,
          firstAfterMs: 0,
          run: async () => {
            running++;
            overlapped ||= running > 1;
            runs++;
            await sleep(15); // longer than the interval
            running--;
            if (runs === 2) throw new Error('boom');
          },
        },
      ],
      deps,
    );
    runner.start();
    for (let i = 0; i < 500 && runs < 3; i++) await sleep(10); // a loaded machine may be slow; wait for three runs
    await runner.stop();
    const after = runs;
    await sleep(40);
    expect(after).toBeGreaterThanOrEqual(3); // the failure did not end the schedule
    expect(runs).toBe(after); // nothing after stop
    expect(overlapped).toBe(false);
    expect(errors).toEqual(['background job failed: boom']);
  });
});
