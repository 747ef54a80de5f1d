import { Initial1795551316389 } from './1795551316389-Initial';
import { DisciplineCases1795552610909 } from './1795552610909-DisciplineCases';
import { InspectionStepsSupervisions1795552910024 } from './1795552910024-InspectionStepsSupervisions';
import { InspectionPlans1795553412268 } from './1795553412268-InspectionPlans';
import { RuleSetVersions1795553745809 } from './1795553745809-RuleSetVersions';
import { AppendOnlyCaseReads1795554000000 } from './1795554000000-AppendOnlyCaseReads';
import { AuditLog1795559840542 } from './1795559840542-AuditLog';
import { ConfidentialReads1795559868966 } from './1795559868966-ConfidentialReads';
import { DisciplineSubjectFacts1795560546592 } from './1795560546592-DisciplineSubjectFacts';
import { TenantCalendarDays1795560958006 } from './1795560958006-TenantCalendarDays';
import { OrgUnitClosedOn1795561346605 } from './1795561346605-OrgUnitClosedOn';
import { InspectionSubjectFacts1795562160812 } from './1795562160812-InspectionSubjectFacts';

/** In order of application; each file is generated, reviewed and committed. */
export const MIGRATIONS: Function[] = [
  Initial1795551316389,
  DisciplineCases1795552610909,
  InspectionStepsSupervisions1795552910024,
  InspectionPlans1795553412268,
  RuleSetVersions1795553745809,
  AppendOnlyCaseReads1795554000000,
  AuditLog1795559840542,
  ConfidentialReads1795559868966,
  DisciplineSubjectFacts1795560546592,
  TenantCalendarDays1795560958006,
  OrgUnitClosedOn1795561346605,
  InspectionSubjectFacts1795562160812,
];
