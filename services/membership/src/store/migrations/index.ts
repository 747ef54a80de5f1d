import { Initial1795551202817 } from './1795551202817-Initial';
import { Members1795553473491 } from './1795553473491-Members';
import { ApiKeys1795555852108 } from './1795555852108-ApiKeys';
import { RequestBudgets1795563347995 } from './1795563347995-RequestBudgets';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551202817, Members1795553473491, ApiKeys1795555852108, RequestBudgets1795563347995];
