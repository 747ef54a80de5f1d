import { Initial1795551202817 } from './1795551202817-Initial';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551202817];
