import { Initial1795551202817 } from './1795551202817-Initial';
import { Members1795553473491 } from './1795553473491-Members';
import { ApiKeys1795555852108 } from './1795555852108-ApiKeys';
import { AuditLog1795559834625 } from './1795559834625-AuditLog';
import { Webhooks1795560138693 } from './1795560138693-Webhooks';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551202817, Members1795553473491, ApiKeys1795555852108, AuditLog1795559834625, Webhooks1795560138693];
