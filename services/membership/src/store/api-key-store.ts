import type { Transaction } from '@chibo/service-kit';
import type { ApiKey, ApiKeyPorts } from '../domain/api-keys';
import { ApiKeyRecord } from './api-key-record';

const toKey = (r: ApiKeyRecord): ApiKey => ({
  id: r.id,
  tenantId: r.tenantId,
  name: r.name,
  scopes: r.scopes,
  secretHash: r.secretHash,
  expiresAt: r.expiresAt,
  pointsPerHour: r.pointsPerHour,
  lastUsedAt: r.lastUsedAt,
  revokedAt: r.revokedAt,
  createdAt: r.createdAt,
});

/** API keys of one tenant, in its transaction. */
export class ApiKeyStore implements ApiKeyPorts {
  constructor(private readonly tx: Transaction) {}

  async insertApiKey(k: ApiKey, createdBy: string): Promise<void> {
    await this.tx.manager.insert(ApiKeyRecord, { tenantId: k.tenantId, id: k.id, name: k.name, scopes: k.scopes, secretHash: k.secretHash, expiresAt: k.expiresAt, pointsPerHour: k.pointsPerHour, createdBy });
  }

  async findApiKey(id: string): Promise<ApiKey | null> {
    const r = await this.tx.manager.findOneBy(ApiKeyRecord, { tenantId: this.tx.tenantId, id });
    return r ? toKey(r) : null;
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.tx.manager.find(ApiKeyRecord, { where: { tenantId: this.tx.tenantId }, order: { createdAt: 'DESC' } });
    return rows.map(toKey);
  }

  async revokeApiKey(id: string, at: Date, by: string): Promise<void> {
    await this.tx.manager.update(ApiKeyRecord, { tenantId: this.tx.tenantId, id }, { revokedAt: at, revokedBy: by });
  }

  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.tx.manager.update(ApiKeyRecord, { tenantId: this.tx.tenantId, id }, { lastUsedAt: at });
  }
}
