import { Client } from 'pg';
import { SERVICE_NAMES, prepareDatabase } from '@chibo/service-kit';
import { SERVICES } from './services';

/**
 * Provision every service's schema and roles and apply its migrations, once, however many
 * processes ask at the same time (Jest workers each ask; an advisory lock lets one do it).
 */
export async function migrateAll(adminUrl: string, password: string): Promise<void> {
  const lock = new Client({ connectionString: adminUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['chibo-migrate-all']);
    for (const service of SERVICE_NAMES) await prepareDatabase(SERVICES[service], { adminUrl, password });
  } finally {
    await lock.end();
  }
}
