import { Client } from 'pg';
import type { ServiceName } from '../config';

/**
 * The three roles each service gets (DESIGN.md §1):
 * - owner: owns the schema and runs migrations;
 * - app: what the service runs as — not owner, not superuser, NOBYPASSRLS, rights on its own
 *   schema only, and no DELETE (records are soft-deleted);
 * - relay: reads and marks its service's outbox, across tenants, through a policy that names
 *   it, and can read nothing else.
 */
export interface ServiceRoles {
  owner: string;
  app: string;
  relay: string;
}

export function serviceRoles(service: ServiceName | string): ServiceRoles {
  return { owner: `chibo_${service}_owner`, app: `chibo_${service}_app`, relay: `chibo_${service}_relay` };
}

export function withCredentials(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Create the database when it does not exist yet. `adminUrl` names a superuser connection. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(database)} with (force)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Create (or bring up to date) a service's schema and roles in the database `adminUrl` points
 * at. Safe to run on every start: roles are cluster-wide and may already exist.
 */
export async function provisionService(adminUrl: string, service: ServiceName, password: string): Promise<ServiceRoles> {
  const roles = serviceRoles(service);
  // Two databases provisioned at once (parallel test runs) race on the cluster-wide roles
  // ("tuple concurrently updated"). An advisory lock belongs to one database, so it is taken in
  // the maintenance database, where every provisioner of the cluster meets.
  const lock = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await lock.connect();
  const client = new Client({ connectionString: adminUrl });
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', ['chibo-provision']);
    await client.connect();
    for (const role of Object.values(roles)) {
      // The advisory lock is per database; roles are per cluster, so provisioning of another
      // database (another test run) can still create or update the same role at the same moment.
      for (let attempt = 1; ; attempt++) {
        const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
        const verb = rowCount ? 'alter' : 'create';
        try {
          await client.query(
            `${verb} role ${quoteIdent(role)} login nosuperuser nocreatedb nocreaterole nobypassrls noinherit password ${quoteLiteral(password)}`,
          );
          break;
        } catch (err) {
          if (attempt >= 5 || !/tuple concurrently updated|already exists/.test((err as Error).message)) throw err;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      }
    }
    const db = quoteIdent(databaseName(adminUrl));
    await client.query(`grant connect, temporary on database ${db} to ${quoteIdent(roles.owner)}, ${quoteIdent(roles.app)}, ${quoteIdent(roles.relay)}`);
    await client.query(`create schema if not exists ${quoteIdent(service)} authorization ${quoteIdent(roles.owner)}`);
    await client.query(`grant usage on schema ${quoteIdent(service)} to ${quoteIdent(roles.app)}, ${quoteIdent(roles.relay)}`);
    await client.query(
      `alter default privileges for role ${quoteIdent(roles.owner)} in schema ${quoteIdent(service)} grant select, insert, update on tables to ${quoteIdent(roles.app)}`,
    );
    await client.query(
      `alter default privileges for role ${quoteIdent(roles.owner)} in schema ${quoteIdent(service)} grant usage, select on sequences to ${quoteIdent(roles.app)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
    // Ending the session releases its advisory locks.
    await lock.end();
  }
  return roles;
}
