import { Initial1795551278394 } from './1795551278394-Initial';
import { MeetingsLifecycleRollQualityResolutions1795553534923 } from './1795553534923-MeetingsLifecycleRollQualityResolutions';
import { OrgUnitClosedOn1795561341505 } from './1795561341505-OrgUnitClosedOn';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551278394, MeetingsLifecycleRollQualityResolutions1795553534923, OrgUnitClosedOn1795561341505];
