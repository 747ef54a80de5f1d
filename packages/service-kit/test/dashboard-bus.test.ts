import { Client } from 'pg';
import { DashboardBus, createLogger } from '@chibo/service-kit';
import { testDatabase } from '@chibo/testkit';

/** The bus's coalescing, with real NOTIFYs: what a burst of changes to one unit becomes. */
describe('DashboardBus coalescing', () => {
  let url: string;
  let notifier: Client;

  beforeAll(async () => {
    url = (await testDatabase()).adminUrl;
    notifier = new Client({ connectionString: url });
    await notifier.connect();
  });
  afterAll(() => notifier.end());

  const notify = (tenantId: string, unit: string) =>
    notifier.query('select pg_notify($1, $2)', ['chibo_dashboard', JSON.stringify({ tenantId, orgUnitIds: ['city', unit], period: '2026-11' })]);

  async function collect(bus: DashboardBus, tenantId: string, unit: string) {
    const queue = await bus.subscribe(tenantId, unit);
    const times: number[] = [];
    void (async () => {
      for await (const _ of queue) times.push(Date.now());
    })();
    return { times, close: () => queue.close() };
  }

  it('sends a lone change at once, and a sustained or clumpy burst as a few updates whose windows grow', async () => {
    const tenantId = `t-${Date.now()}`;
    const bus = new DashboardBus(url, createLogger({ component: 'test' }, 'warn'), 100, 1600);
    const cell = await collect(bus, tenantId, 'cell');
    const city = await collect(bus, tenantId, 'city');
    try {
      const t0 = Date.now();
      await notify(tenantId, 'cell');
      while (!cell.times.length && Date.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 5));
      expect(cell.times[0] - t0).toBeLessThan(200);
      // Five seconds of changes every 20 ms (250 of them), then quiet.
      await new Promise((r) => setTimeout(r, 500));
      const burstStart = Date.now();
      while (Date.now() - burstStart < 5000) {
        await notify(tenantId, 'cell');
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 2500));
      const during = cell.times.filter((t) => t >= burstStart);
      // Windows of 100, 200, 400, 800, 1600, 1600 … ms: about eight updates for five seconds.
      expect(during.length).toBeGreaterThanOrEqual(3);
      expect(during.length).toBeLessThanOrEqual(10);
      expect(city.times.filter((t) => t >= burstStart).length).toBe(during.length);
      // Changes in clumps a window apart (a relay catching up) must not keep the window short.
      const clumpStart = Date.now();
      for (let i = 0; i < 12; i++) {
        for (let k = 0; k < 5; k++) await notify(tenantId, 'cell');
        await new Promise((r) => setTimeout(r, 150));
      }
      await new Promise((r) => setTimeout(r, 3500));
      expect(cell.times.filter((t) => t >= clumpStart).length).toBeLessThanOrEqual(6);
    } finally {
      cell.close();
      city.close();
      await bus.close();
    }
  }, 30_000);
});
