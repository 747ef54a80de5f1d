import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { ServiceName } from '../config';
import { SnakeNamingStrategy } from './naming';
import { serviceRoles, withCredentials } from './provision';

export interface ServiceDatabaseOptions {
  /** A superuser (or CREATEROLE) URL of the service's database; roles are derived from it. */
  adminUrl: string;
  password: string;
  service: ServiceName;
  entities: MixedList<Function | string | EntitySchema>;
  migrations?: MixedList<Function | string>;
  poolSize?: number;
}

function baseOptions(o: ServiceDatabaseOptions) {
  return {
    type: 'postgres' as const,
    schema: o.service,
    entities: o.entities,
    namingStrategy: new SnakeNamingStrategy(),
    // Tables change only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    // typeorm would try `CREATE EXTENSION uuid-ossp`; gen_random_uuid() is core PostgreSQL.
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
  };
}

/** The connection the service runs on: the app role, subject to row-level security. */
export function appDataSource(o: ServiceDatabaseOptions): DataSource {
  const { app } = serviceRoles(o.service);
  return new DataSource({
    ...baseOptions(o),
    url: withCredentials(o.adminUrl, app, o.password),
    extra: { max: o.poolSize ?? 10, application_name: `chibo-${o.service}` },
  });
}

/** The connection migrations run on: the schema's owner. */
export function ownerDataSource(o: ServiceDatabaseOptions): DataSource {
  const { owner } = serviceRoles(o.service);
  return new DataSource({
    ...baseOptions(o),
    url: withCredentials(o.adminUrl, owner, o.password),
    migrations: o.migrations ?? [],
    extra: { max: 2, application_name: `chibo-${o.service}-migrate` },
  });
}

export function appConnectionString(o: Pick<ServiceDatabaseOptions, 'adminUrl' | 'password' | 'service'>): string {
  return withCredentials(o.adminUrl, serviceRoles(o.service).app, o.password);
}

export function relayConnectionString(o: Pick<ServiceDatabaseOptions, 'adminUrl' | 'password' | 'service'>): string {
  return withCredentials(o.adminUrl, serviceRoles(o.service).relay, o.password);
}

/** Apply the service's pending migrations as its owner. */
export async function migrate(o: ServiceDatabaseOptions): Promise<string[]> {
  const ds = ownerDataSource(o);
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    // Tables added by any migration get the audit trigger (no-op before the audit migration).
    await ds.query(
      `SELECT CASE WHEN to_regprocedure($1) IS NOT NULL THEN "${o.service}".audit_attach_all() END`,
      [`"${o.service}".audit_attach_all()`],
    );
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
