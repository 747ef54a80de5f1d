import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The dashboard figures of one unit's own meetings in one month (Vietnam time), maintained from
 * the meeting events so a dashboard adds up a few rows per cell instead of scanning a year of
 * meetings, attendance and contributions. A ward's or the city's figures are the sum over the
 * units of its subtree, found through the org tree at read time, so a move needs no rewrite here.
 */
@Entity('dashboard_unit_month')
@Index('dashboard_unit_month_by_month', ['tenantId', 'month', 'orgUnitId'])
export class DashboardUnitMonthRecord {
  @PrimaryColumn('uuid')
  tenantId: string;

  /** The unit that met (usually a chi bộ). */
  @PrimaryColumn('uuid')
  orgUnitId: string;

  /** YYYY-MM in Vietnam time. */
  @PrimaryColumn('text')
  month: string;

  @Column('int')
  meetingsHeld: number;

  @Column('int')
  regularHeld: number;

  @Column('int')
  thematicHeld: number;

  /** G-4 and G-5 sums over the month's meetings that have attendance recorded. */
  @Column('int')
  expected: number;

  @Column('int')
  present: number;

  @Column('int')
  speakers: number;

  /** G-6: actual minutes per agenda category over the month's held meetings (nội dung sinh hoạt). */
  @Column('int', { default: 0 })
  minutesPartyBuilding: number;

  @Column('int', { default: 0 })
  minutesDissemination: number;

  @Column('int', { default: 0 })
  minutesIdeology: number;

  @Column('int', { default: 0 })
  minutesHcmStudy: number;

  @Column('int', { default: 0 })
  minutesCriticism: number;

  @Column('int', { default: 0 })
  minutesResolutionReview: number;

  @Column('int', { default: 0 })
  minutesAdmission: number;

  @Column('int', { default: 0 })
  minutesProfessional: number;

  @Column('int', { default: 0 })
  minutesOther: number;

  /** G-7: the month's scored held meetings per quality level (xếp loại chất lượng). */
  @Column('int', { default: 0 })
  levelGood: number;

  @Column('int', { default: 0 })
  levelFair: number;

  @Column('int', { default: 0 })
  levelAverage: number;

  @Column('int', { default: 0 })
  levelPoor: number;
}
