import { Initial1795551202817 } from './1795551202817-Initial';
import { Members1795553473491 } from './1795553473491-Members';
import { ApiKeys1795555852108 } from './1795555852108-ApiKeys';
import { AuditLog1795559834625 } from './1795559834625-AuditLog';
import { OrgUnitHistory1795559887612 } from './1795559887612-OrgUnitHistory';
import { Webhooks1795560138693 } from './1795560138693-Webhooks';
import { TransferLetters1795560249593 } from './1795560249593-TransferLetters';
import { ResidenceLiaison1795560546351 } from './1795560546351-ResidenceLiaison';
import { RequestBudgets1795563347995 } from './1795563347995-RequestBudgets';
import { TenantQueryBudget1795568642974 } from './1795568642974-TenantQueryBudget';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551202817, Members1795553473491, ApiKeys1795555852108, AuditLog1795559834625, OrgUnitHistory1795559887612, Webhooks1795560138693, TransferLetters1795560249593, ResidenceLiaison1795560546351, RequestBudgets1795563347995, TenantQueryBudget1795568642974];
