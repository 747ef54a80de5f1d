import { Initial1795551316389 } from './1795551316389-Initial';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551316389];
