import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { DomainEvent } from '@chibo/domain';
import { HttpEventSink } from '@chibo/service-kit';
import type { Stack, TenantHandle } from '@chibo/testkit';

/** Posts a membership event to meetings' /events, signed as the relay would; returns the envelope to redeliver. */
export async function deliver(stack: Stack, tenant: TenantHandle, event: DomainEvent, id: string = randomUUID()) {
  const envelope = { id, tenantId: tenant.id, type: event.type, source: 'membership', occurredAt: new Date().toISOString(), payload: event.payload };
  await redeliver(stack, envelope);
  return envelope;
}

export async function redeliver(stack: Stack, envelope: Parameters<HttpEventSink['deliver']>[0]) {
  const sink = new HttpEventSink('test', () => stack.services.meetings.subgraph.url.replace(/graphql$/, 'events'), stack.options.internalSecret);
  await sink.deliver(envelope);
}

/** Admits `n` official members to a cell from a date; returns their ids. */
export async function admitMembers(stack: Stack, tenant: TenantHandle, cellId: string, n: number, effectiveOn = '2020-01-01'): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  for (const memberId of ids) await deliver(stack, tenant, { type: 'MemberAdmitted', payload: { memberId, cellId, status: 'OFFICIAL', effectiveOn } });
  return ids;
}

/**
 * Records every SQL statement the meetings service sends, grouped by transaction (query
 * runner), so a test can count what one mutation cost without the relay's own traffic.
 */
export function recordStatements(dataSource: DataSource) {
  const runners: string[][] = [];
  const original = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = ((...args: Parameters<DataSource['createQueryRunner']>) => {
    const qr: QueryRunner = original(...args);
    const log: string[] = [];
    runners.push(log);
    const query = qr.query.bind(qr);
    qr.query = ((sql: string, ...rest: unknown[]) => {
      log.push(sql);
      return (query as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as QueryRunner['query'];
    return qr;
  }) as DataSource['createQueryRunner'];
  return {
    /** The statements of the transaction that ran a statement matching `marker`. */
    transactionWith(marker: RegExp): string[] {
      const found = runners.filter((r) => r.some((sql) => marker.test(sql)));
      if (found.length !== 1) throw new Error(`expected one transaction matching ${marker}, found ${found.length}`);
      return found[0];
    },
    /** Every statement recorded so far, in every transaction. */
    all(): string[] {
      return runners.flat();
    },
    restore() {
      dataSource.createQueryRunner = original;
    },
  };
}
