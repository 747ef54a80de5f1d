import { Initial1795551278394 } from './1795551278394-Initial';
import { MeetingsLifecycleRollQualityResolutions1795553534923 } from './1795553534923-MeetingsLifecycleRollQualityResolutions';
import { AuditLog1795559837948 } from './1795559837948-AuditLog';
import { MinutesRuleSetPlanner1795559954884 } from './1795559954884-MinutesRuleSetPlanner';
import { DashboardUnitMonth1795560605971 } from './1795560605971-DashboardUnitMonth';
import { DisseminationYearlyTheme1795560632092 } from './1795560632092-DisseminationYearlyTheme';
import { OrgUnitClosedOn1795561341505 } from './1795561341505-OrgUnitClosedOn';
import { DashboardContentQuality1795568691466 } from './1795568691466-DashboardContentQuality';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [Initial1795551278394, MeetingsLifecycleRollQualityResolutions1795553534923, AuditLog1795559837948, MinutesRuleSetPlanner1795559954884, DashboardUnitMonth1795560605971, DisseminationYearlyTheme1795560632092, OrgUnitClosedOn1795561341505, DashboardContentQuality1795568691466];
