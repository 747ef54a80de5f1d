import { startInMemoryTracing, stopTracing } from '@chibo/service-kit';
import { useStack } from '@chibo/testkit';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';

/** One client request is one trace: the gateway, each subgraph it calls and their SQL transactions. */
describe('OpenTelemetry traces across the gateway and the subgraphs', () => {
  let spans: InMemorySpanExporter;
  beforeAll(() => {
    spans = startInMemoryTracing();
  });
  afterAll(() => stopTracing());
  const stack = useStack();

  it('joins the gateway span, the subgraph spans and the database spans in one trace', async () => {
    const t = await stack().createTenant('Đảng bộ theo vết');
    const tree = await t.seedTree();
    spans.reset();
    await t.admin.ok('query($id: ID!) { orgUnit(id: $id) { name meetings(first: 5) { totalCount } } }', { id: tree.cell });

    const finished = spans.getFinishedSpans();
    const gateway = finished.find((s) => s.name === 'gateway graphql');
    expect(gateway).toBeDefined();
    const traceId = gateway!.spanContext().traceId;
    const inTrace = finished.filter((s) => s.spanContext().traceId === traceId);
    const names = inTrace.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['gateway graphql', 'membership graphql', 'meetings graphql', 'db.transaction']));
    for (const sub of inTrace.filter((s) => s.name.endsWith(' graphql') && s !== gateway)) {
      expect(sub.parentSpanId).toBeDefined();
    }
    const db = inTrace.filter((s) => s.name === 'db.transaction');
    expect(db.every((s) => s.attributes['chibo.tenant'] === t.id)).toBe(true);
  });
});
