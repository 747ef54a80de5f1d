import { Initial1795551278394 } from './1795551278394-Initial';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551278394];
