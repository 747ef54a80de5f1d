import { Brackets, In } from 'typeorm';
import { MeetingStatus, type ResolutionStatus, type TaskCheckOutcome, type AgendaCategory, type AttendanceStatus, type ContributionKind, type MeetingKind, type OrgUnitKind } from '@chibo/domain';
import { OrgTree, OrgUnitProjection, applyModifiedSince, type Transaction } from '@chibo/service-kit';
import { randomUUID } from 'node:crypto';
import type { AgendaItem, AgendaPorts, Contribution } from '../domain/agenda';
import { meetingDate } from '../domain/attendance';
import type { Resolution, ResolutionPorts, ResolutionTask, TaskProgress } from '../domain/resolutions';
import { longestExcusedStreak, type QualityLevel, type QualityPorts, type QualityRubric, type QualityScore, type ScoreFacts, type ScoreItem } from '../domain/quality';
import type { AttendanceEntry, AttendancePorts } from '../domain/attendance';
import type { CellFacts, Meeting, MeetingEvent } from '../domain/meetings';
import type { RollMember } from '../domain/roll';
import { AgendaItemRecord } from './agenda-item-record';
import { AttendanceRecord } from './attendance-record';
import { ContributionRecord } from './contribution-record';
import { MeetingRecord } from './meeting-record';
import { MeetingScoreRecord, QualityRubricRecord } from './quality-records';
import { ResolutionRecord, ResolutionTaskRecord, TaskCheckRecord, TaskProgressRecord } from './resolution-records';
import { RollStore } from './roll-store';
import { MeetingRuleSetRecord } from './rule-set-record';
import type { MeetingRuleSet, RuleSetPorts } from '../domain/rule-set';
import type { ResolutionFollowUpRow, TaskFollowUpRow } from '../domain/follow-up';
import type { Dissemination, DisseminationPorts, HigherDocument, HigherDocumentKind } from '../domain/dissemination';
import type { ThemePorts, ThemeTarget, YearlyTheme } from '../domain/theme';
import { DocumentDisseminationRecord, HigherDocumentRecord, YearlyThemeRecord } from './dissemination-records';
import { heldFiguresColumns } from './dashboard-store';

export function toMeeting(r: MeetingRecord): Meeting {
  return {
    id: r.id,
    tenantId: r.tenantId,
    cellId: r.cellId,
    kind: r.kind as MeetingKind,
    status: r.status as MeetingStatus,
    title: r.title,
    scheduledAt: r.scheduledAt,
    heldAt: r.heldAt,
    endedAt: r.endedAt,
    chairMemberId: r.chairMemberId,
    secretaryMemberId: r.secretaryMemberId,
    location: r.location,
    draftResolution: r.draftResolution,
    cancelReason: r.cancelReason,
    statusChangedAt: r.statusChangedAt,
    statusChangedBy: r.statusChangedBy,
    rollSize: r.rollSize,
    rollTemporarilyOut: r.rollTemporarilyOut,
  };
}

function toAgendaItem(r: AgendaItemRecord): AgendaItem {
  return {
    id: r.id,
    meetingId: r.meetingId,
    position: r.position,
    category: r.category as AgendaCategory,
    title: r.title,
    presenterMemberId: r.presenterMemberId,
    plannedMinutes: r.plannedMinutes,
    actualMinutes: r.actualMinutes,
  };
}

export interface StoredAttendance extends AttendanceEntry {
  meetingId: string;
}

/** Meetings' storage, bound to one tenant transaction. */
/** A meeting changes with its own row, its agenda, attendance, contributions and resolutions. */
const MEETING_CHANGES = {
  table: 'meeting',
  parts: ['agenda_item', 'attendance', 'contribution', 'resolution'].map((table) => ({ table, column: 'meeting_id' })),
};

/** A resolution changes with its own row, its tasks, and its tasks' progress. */
const RESOLUTION_CHANGES = {
  table: 'resolution',
  parts: [
    { table: 'resolution_task', column: 'resolution_id' },
    { table: 'task_progress', column: 'task_id', via: { table: 'resolution_task', column: 'resolution_id' } },
  ],
};

export class MeetingStore implements AgendaPorts, AttendancePorts, QualityPorts, ResolutionPorts, RuleSetPorts, DisseminationPorts, ThemePorts {
  readonly tree: OrgTree;
  readonly roll: RollStore;

  constructor(private readonly tx: Transaction) {
    this.tree = new OrgTree(tx.manager, tx.tenantId);
    this.roll = new RollStore(tx);
  }

  // Meetings' own events are not all in the shared DomainEvent union yet (see the issue report);
  // the outbox stores any type and payload.
  publish = (event: MeetingEvent): void => this.tx.publish(event);

  async findCell(id: string): Promise<CellFacts | null> {
    const unit = await this.tree.find(id);
    return unit ? { id: unit.id, kind: unit.kind as OrgUnitKind, lineage: OrgTree.lineage(unit) } : null;
  }

  async unitLineage(orgUnitId: string): Promise<string[] | null> {
    const unit = await this.tree.find(orgUnitId);
    return unit ? OrgTree.lineage(unit) : null;
  }

  async cellsInSubtree(orgUnitId: string): Promise<{ id: string; kind: OrgUnitKind }[]> {
    const unit = await this.tree.find(orgUnitId);
    if (!unit) return [];
    const rows = await this.tx.manager
      .createQueryBuilder(OrgUnitProjection, 'u')
      .select(['u.id AS id', 'u.kind AS kind'])
      .where('u.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${unit.path}%` })
      // A dissolved or merged cell (T-2) holds no more meetings.
      .andWhere('u.closedOn IS NULL')
      .getRawMany<{ id: string; kind: OrgUnitKind }>();
    return rows;
  }

  async lockPlanning(): Promise<void> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`meetings:plan:${this.tx.tenantId}`]);
  }

  /** Every cell-holding unit of the tenant, for the planner's timer. */
  async allUnits(): Promise<{ id: string; kind: OrgUnitKind }[]> {
    return this.tx.manager
      .createQueryBuilder(OrgUnitProjection, 'u')
      .select(['u.id AS id', 'u.kind AS kind'])
      .where('u.tenantId = :tenantId', { tenantId: this.tx.tenantId })
      .orderBy('u.path')
      .getRawMany<{ id: string; kind: OrgUnitKind }>();
  }

  async meetingKindsByCell(cellIds: readonly string[], from: Date, to: Date): Promise<Map<string, Set<MeetingKind>>> {
    const out = new Map<string, Set<MeetingKind>>();
    if (!cellIds.length) return out;
    const rows = await this.tx.manager
      .createQueryBuilder(MeetingRecord, 'm')
      .select(['m.cellId AS "cellId"', 'm.kind AS kind'])
      .where('m.tenantId = :tenantId AND m.cellId IN (:...cellIds) AND m.status <> :cancelled', { tenantId: this.tx.tenantId, cellIds: [...cellIds], cancelled: MeetingStatus.CANCELLED })
      .andWhere('COALESCE(m.heldAt, m.scheduledAt) >= :from AND COALESCE(m.heldAt, m.scheduledAt) < :to', { from, to })
      .getRawMany<{ cellId: string; kind: MeetingKind }>();
    for (const r of rows) {
      if (!out.has(r.cellId)) out.set(r.cellId, new Set());
      out.get(r.cellId)!.add(r.kind);
    }
    return out;
  }

  async insertMeeting(m: Meeting, createdBy: string): Promise<void> {
    const { tenantId: _t, ...fields } = m;
    await this.tx.manager.insert(MeetingRecord, { ...fields, tenantId: this.tx.tenantId, createdBy });
  }

  async updateMeeting(m: Meeting): Promise<void> {
    const { tenantId: _t, id, cellId: _c, kind: _k, ...fields } = m;
    await this.tx.manager.update(MeetingRecord, { tenantId: this.tx.tenantId, id }, fields);
  }

  async findMeeting(id: string): Promise<Meeting | null> {
    const r = await this.tx.manager.findOneBy(MeetingRecord, { tenantId: this.tx.tenantId, id });
    return r ? toMeeting(r) : null;
  }

  async findMeetings(ids: readonly string[]): Promise<Meeting[]> {
    const rows = await this.tx.manager.findBy(MeetingRecord, { tenantId: this.tx.tenantId, id: In([...ids]) });
    return rows.map(toMeeting);
  }

  /** A cell's meetings, newest first (held, else scheduled), keyset-paginated on (that time, id). */
  async meetingsOfCell(cellId: string, first: number, after: [string, string] | null, modifiedSince?: string | null): Promise<{ rows: Meeting[]; total: number }> {
    const at = 'COALESCE(m.held_at, m.scheduled_at)';
    const base = () =>
      applyModifiedSince(
        this.tx.manager.createQueryBuilder(MeetingRecord, 'm').where('m.tenantId = :tenantId AND m.cellId = :cellId', { tenantId: this.tx.tenantId, cellId }),
        'm',
        MEETING_CHANGES,
        modifiedSince,
      );
    const page = base().orderBy(at, 'DESC').addOrderBy('m.id', 'DESC').limit(first + 1);
    if (after) {
      page.andWhere(new Brackets((w) => w.where(`${at} < :at`, { at: after[0] }).orWhere(`${at} = :at AND m.id < :id`, { at: after[0], id: after[1] })));
    }
    const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
    return { rows: rows.map(toMeeting), total };
  }

  /** Meetings held in the subtree of `orgUnitId` within [from, to). */
  private heldInSubtree(path: string, from: Date, to: Date) {
    return this.tx.manager
      .createQueryBuilder(MeetingRecord, 'm')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = m.tenantId AND u.id = m.cellId')
      .where('m.tenantId = :tenantId AND u.path LIKE :prefix', { tenantId: this.tx.tenantId, prefix: `${path}%` })
      .andWhere('m.status IN (:...held) AND m.heldAt >= :from AND m.heldAt < :to', {
        held: [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED],
        from,
        to,
      });
  }

  /** Per held meeting of the subtree in [from, to): kind, expected, present and distinct non-chair speakers. */
  async heldFigures(path: string, from: Date, to: Date): Promise<{ kind: string; expected: number | null; present: number; speakers: number }[]> {
    const held = heldFiguresColumns(this.table(AttendanceRecord), this.table(ContributionRecord));
    const rows = await this.heldInSubtree(path, from, to)
      .select('m.kind', 'kind')
      .addSelect(held.expected, 'expected')
      .addSelect(held.present, 'present')
      .addSelect(held.speakers, 'speakers')
      .getRawMany<{ kind: string; expected: string | null; present: string; speakers: string }>();
    return rows.map((r) => ({ kind: r.kind, expected: r.expected === null ? null : Number(r.expected), present: Number(r.present), speakers: Number(r.speakers) }));
  }

  /** The cells behind "cells without a … meeting": the drill-down of that figure. */
  async cellIdsWithout(path: string, kind: MeetingKind, from: Date, to: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT u.id FROM ${this.table(OrgUnitProjection)} u
       WHERE u.tenant_id = $1 AND u.path LIKE $2 AND u.kind IN ('CELL', 'BASE_CELL')
         -- a cell closed (dissolved or merged, T-2) before the period began owes it nothing
         AND (u.closed_on IS NULL OR u.closed_on > ($4::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
         AND NOT EXISTS (SELECT 1 FROM ${this.table(MeetingRecord)} m
           WHERE m.tenant_id = u.tenant_id AND m.cell_id = u.id AND m.kind = $3
             AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at >= $4 AND m.held_at < $5)
       ORDER BY u.path`,
      [this.tx.tenantId, `${path}%`, kind, from, to],
    );
    return rows.map((r) => r.id);
  }

  /** G-10: (member, cell, month) of every unexcused absence at a cell meeting of the subtree in [from, to). */
  async unexcusedMonths(path: string, from: Date, to: Date): Promise<{ memberId: string; cellId: string; month: string }[]> {
    return this.tx.manager.query(
      `SELECT DISTINCT a.member_id AS "memberId", m.cell_id AS "cellId", to_char((m.held_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM') AS "month"
       FROM ${this.table(AttendanceRecord)} a
       JOIN ${this.table(MeetingRecord)} m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
       WHERE a.tenant_id = $1 AND u.path LIKE $2 AND a.status = 'ABSENT_UNEXCUSED'
         AND m.kind IN ('REGULAR', 'THEMATIC', 'EXTRAORDINARY') AND m.status IN ('HELD', 'MINUTES_APPROVED')
         AND m.held_at >= $3 AND m.held_at < $4`,
      [this.tx.tenantId, `${path}%`, from, to],
    );
  }

  /**
   * G-10: members whose run of consecutive excused absences at the subtree's cell meetings in
   * [from, to) exceeds `max` — `excusedStreaks` of the domain, computed where the rows are
   * (gaps and islands), so a city's year of attendance does not travel to the service.
   */
  async excusedStreaksOver(path: string, from: Date, to: Date, max: number): Promise<{ memberId: string; cellId: string; longest: number }[]> {
    return this.tx.manager.query(
      `WITH a AS (
         SELECT a.member_id, m.cell_id, a.status,
                row_number() OVER (PARTITION BY a.member_id, m.cell_id ORDER BY m.held_at, m.id)
              - row_number() OVER (PARTITION BY a.member_id, m.cell_id, a.status = 'ABSENT_EXCUSED' ORDER BY m.held_at, m.id) AS island
         FROM ${this.table(AttendanceRecord)} a
         JOIN ${this.table(MeetingRecord)} m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
         JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
         WHERE a.tenant_id = $1 AND u.path LIKE $2
           AND m.kind IN ('REGULAR', 'THEMATIC', 'EXTRAORDINARY') AND m.status IN ('HELD', 'MINUTES_APPROVED')
           AND m.held_at >= $3 AND m.held_at < $4)
       SELECT member_id AS "memberId", cell_id AS "cellId", max(n)::int AS longest
       FROM (SELECT member_id, cell_id, count(*) AS n FROM a WHERE status = 'ABSENT_EXCUSED' GROUP BY member_id, cell_id, island) runs
       GROUP BY member_id, cell_id
       HAVING max(n) > $5
       ORDER BY longest DESC, member_id`,
      [this.tx.tenantId, `${path}%`, from, to, max],
    );
  }

  /** G-6 over a subtree: actual minutes per category of the meetings held in [from, to). */
  async minutesByCategory(path: string, from: Date, to: Date): Promise<{ category: AgendaCategory; minutes: number }[]> {
    const rows: { category: AgendaCategory; minutes: string }[] = await this.tx.manager.query(
      `SELECT a.category, sum(a.actual_minutes) AS minutes
       FROM ${this.table(AgendaItemRecord)} a
       JOIN ${this.table(MeetingRecord)} m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
       WHERE a.tenant_id = $1 AND u.path LIKE $2 AND a.actual_minutes IS NOT NULL
         AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at >= $3 AND m.held_at < $4
       GROUP BY a.category`,
      [this.tx.tenantId, `${path}%`, from, to],
    );
    return rows.map((r) => ({ category: r.category, minutes: Number(r.minutes) }));
  }

  private table(entity: Function): string {
    return this.tx.manager.getRepository(entity).metadata.tablePath
      .split('.')
      .map((p) => `"${p}"`)
      .join('.');
  }

  // ---- agenda (G-3)

  async agendaOf(meetingId: string) {
    return this.agendaItems(meetingId);
  }

  async agendaItems(meetingId: string): Promise<AgendaItem[]> {
    return (await this.agendaOfMeetings([meetingId])).get(meetingId) ?? [];
  }

  async agendaOfMeetings(meetingIds: readonly string[]): Promise<Map<string, AgendaItem[]>> {
    const rows = await this.tx.manager.find(AgendaItemRecord, {
      where: { tenantId: this.tx.tenantId, meetingId: In([...meetingIds]) },
      order: { meetingId: 'ASC', position: 'ASC' },
    });
    return groupBy(rows.map(toAgendaItem), (i) => i.meetingId);
  }

  async insertAgendaItem(_tenantId: string, item: AgendaItem, createdBy: string): Promise<void> {
    await this.tx.manager.insert(AgendaItemRecord, { ...item, tenantId: this.tx.tenantId, createdBy });
  }

  async setActualMinutes(meetingId: string, minutes: { agendaItemId: string; actualMinutes: number }[]): Promise<void> {
    await this.tx.manager.query(
      `UPDATE ${this.table(AgendaItemRecord)} a SET actual_minutes = v.minutes
       FROM (SELECT unnest($3::uuid[]) AS id, unnest($4::int[]) AS minutes) v
       WHERE a.tenant_id = $1 AND a.meeting_id = $2 AND a.id = v.id`,
      [this.tx.tenantId, meetingId, minutes.map((m) => m.agendaItemId), minutes.map((m) => m.actualMinutes)],
    );
  }

  // ---- attendance (G-4)

  rollOn(cellId: string, date: string): Promise<RollMember[]> {
    return this.roll.rollOn(cellId, date);
  }

  async attendanceCount(meetingId: string): Promise<number> {
    return this.tx.manager.countBy(AttendanceRecord, { tenantId: this.tx.tenantId, meetingId });
  }

  async attendanceOf(meetingId: string): Promise<StoredAttendance[]> {
    return (await this.attendanceOfMeetings([meetingId])).get(meetingId) ?? [];
  }

  async attendanceOfMeetings(meetingIds: readonly string[]): Promise<Map<string, StoredAttendance[]>> {
    const rows = await this.tx.manager.find(AttendanceRecord, {
      where: { tenantId: this.tx.tenantId, meetingId: In([...meetingIds]) },
      order: { meetingId: 'ASC', memberId: 'ASC' },
    });
    return groupBy(
      rows.map((r) => ({ meetingId: r.meetingId, memberId: r.memberId, status: r.status as AttendanceStatus, reason: r.reason })),
      (a) => a.meetingId,
    );
  }

  /** One upsert for the whole roll and one update of the meeting, however many members. */
  async saveAttendance(meeting: Meeting, entries: AttendanceEntry[], recordedBy: string): Promise<void> {
    const recordedAt = new Date();
    await this.tx.manager.upsert(
      AttendanceRecord,
      entries.map((e) => ({ tenantId: this.tx.tenantId, meetingId: meeting.id, memberId: e.memberId, status: e.status, reason: e.reason, recordedAt, recordedBy })),
      { conflictPaths: ['tenantId', 'meetingId', 'memberId'], skipUpdateIfNoValuesChanged: false },
    );
    await this.tx.manager.update(
      MeetingRecord,
      { tenantId: this.tx.tenantId, id: meeting.id },
      { chairMemberId: meeting.chairMemberId, secretaryMemberId: meeting.secretaryMemberId, rollSize: meeting.rollSize, rollTemporarilyOut: meeting.rollTemporarilyOut, attendanceRecordedAt: recordedAt, attendanceRecordedBy: recordedBy },
    );
  }

  // ---- contributions (G-5)

  async insertContributions(_tenantId: string, rows: Contribution[], createdBy: string): Promise<void> {
    await this.tx.manager.insert(
      ContributionRecord,
      rows.map((r) => ({ ...r, tenantId: this.tx.tenantId, createdBy })),
    );
  }

  async contributionsOfMeetings(meetingIds: readonly string[]): Promise<Map<string, Contribution[]>> {
    const rows = await this.tx.manager.find(ContributionRecord, {
      where: { tenantId: this.tx.tenantId, meetingId: In([...meetingIds]) },
      order: { meetingId: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    return groupBy(
      rows.map((r) => ({ id: r.id, meetingId: r.meetingId, agendaItemId: r.agendaItemId, memberId: r.memberId, kind: r.kind as ContributionKind })),
      (c) => c.meetingId,
    );
  }

  // ---- quality score (G-7)

  async rubricOn(date: string): Promise<QualityRubric | null> {
    const r = await this.tx.manager
      .createQueryBuilder(QualityRubricRecord, 'r')
      .where('r.tenantId = :tenantId AND r.effectiveFrom <= :date', { tenantId: this.tx.tenantId, date })
      .orderBy('r.effectiveFrom', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .limit(1)
      .getOne();
    return r ? toRubric(r) : null;
  }

  async rubricVersion(version: number): Promise<QualityRubric | null> {
    const r = await this.tx.manager.findOneBy(QualityRubricRecord, { tenantId: this.tx.tenantId, version });
    return r ? toRubric(r) : null;
  }

  async latestRubric(): Promise<QualityRubric | null> {
    const r = await this.tx.manager.findOne(QualityRubricRecord, { where: { tenantId: this.tx.tenantId }, order: { version: 'DESC' } });
    return r ? toRubric(r) : null;
  }

  async latestRubricVersion(): Promise<number> {
    const r = await this.tx.manager.findOne(QualityRubricRecord, { where: { tenantId: this.tx.tenantId }, order: { version: 'DESC' } });
    return r?.version ?? 0;
  }

  async rubrics(): Promise<QualityRubric[]> {
    const rows = await this.tx.manager.find(QualityRubricRecord, { where: { tenantId: this.tx.tenantId }, order: { version: 'ASC' } });
    return rows.map(toRubric);
  }

  async insertRubric(r: QualityRubric, createdBy: string): Promise<void> {
    const { version, effectiveFrom, ...rules } = r;
    await this.tx.manager.insert(QualityRubricRecord, { tenantId: this.tx.tenantId, id: randomUUID(), version, effectiveFrom, rules, createdBy });
  }

  async scoreFacts(meeting: Meeting, rubric: QualityRubric): Promise<ScoreFacts> {
    const heldAt = meeting.heldAt!;
    const since = new Date(heldAt.getTime() - rubric.cellCommitteeWithinDays * 86_400_000);
    const yearStart = new Date(Date.UTC(Number(meetingDate(heldAt).slice(0, 4)), 0, 1) - 7 * 3_600_000);
    const [agenda, attendance, contributions, committee, history] = await Promise.all([
      this.agendaItems(meeting.id),
      this.attendanceOf(meeting.id),
      this.contributionsOfMeetings([meeting.id]).then((m) => m.get(meeting.id) ?? []),
      this.tx.manager
        .createQueryBuilder(MeetingRecord, 'm')
        .where('m.tenantId = :tenantId AND m.cellId = :cellId AND m.kind = :kind', { tenantId: this.tx.tenantId, cellId: meeting.cellId, kind: 'CELL_COMMITTEE' })
        .andWhere('m.status IN (:...held) AND m.heldAt >= :since AND m.heldAt <= :at', { held: [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED], since, at: heldAt })
        .getCount(),
      this.tx.manager
        .createQueryBuilder(AttendanceRecord, 'a')
        .innerJoin(MeetingRecord, 'm', 'm.tenantId = a.tenantId AND m.id = a.meetingId')
        .select('a.memberId', 'memberId')
        .addSelect('a.status', 'status')
        .where('a.tenantId = :tenantId AND m.cellId = :cellId AND m.kind <> :committee', { tenantId: this.tx.tenantId, cellId: meeting.cellId, committee: 'CELL_COMMITTEE' })
        .andWhere('m.status IN (:...held) AND m.heldAt >= :yearStart AND m.heldAt <= :at', { held: [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED], yearStart, at: heldAt })
        .orderBy('m.heldAt', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .getRawMany<{ memberId: string; status: AttendanceStatus }>(),
    ]);
    return { meeting, agenda, attendance, contributions, cellCommitteeMet: committee > 0, longestExcusedStreak: longestExcusedStreak(history) };
  }

  async findScore(meetingId: string): Promise<QualityScore | null> {
    return (await this.scoresOfMeetings([meetingId])).get(meetingId) ?? null;
  }

  async scoresOfMeetings(meetingIds: readonly string[]): Promise<Map<string, QualityScore & { scoredAt: Date }>> {
    const rows = await this.tx.manager.findBy(MeetingScoreRecord, { tenantId: this.tx.tenantId, meetingId: In([...meetingIds]) });
    return new Map(
      rows.map((r) => [
        r.meetingId,
        {
          rubricVersion: r.rubricVersion,
          items: r.items as ScoreItem[],
          computedPoints: r.computedPoints,
          adjustment: r.adjustment,
          adjustmentReason: r.adjustmentReason,
          adjustedBy: r.adjustedBy,
          totalPoints: r.totalPoints,
          level: r.level as QualityLevel,
          scoredAt: r.scoredAt,
        },
      ]),
    );
  }

  async saveScore(meeting: Meeting, score: QualityScore, scoredBy: string): Promise<void> {
    await this.tx.manager.upsert(
      MeetingScoreRecord,
      { tenantId: this.tx.tenantId, meetingId: meeting.id, ...score, items: score.items as object[], scoredAt: new Date(), scoredBy },
      { conflictPaths: ['tenantId', 'meetingId'], skipUpdateIfNoValuesChanged: false },
    );
  }

  // ---- follow-up rolled up over a subtree (G-9)

  /** Resolutions adopted in the subtree within [from, to) (dates), with whether a later regular meeting was held. */
  async resolutionsForFollowUp(path: string, from: string, to: string): Promise<ResolutionFollowUpRow[]> {
    const rows: { id: string; cellId: string; reviewed: boolean; laterRegularHeld: boolean }[] = await this.tx.manager.query(
      `SELECT r.id, r.cell_id AS "cellId", r.reviewed_at IS NOT NULL AS reviewed,
              EXISTS (SELECT 1 FROM ${this.table(MeetingRecord)} n
                      WHERE n.tenant_id = r.tenant_id AND n.cell_id = r.cell_id AND n.kind = 'REGULAR'
                        AND n.status IN ('HELD', 'MINUTES_APPROVED') AND n.held_at > m.held_at) AS "laterRegularHeld"
       FROM ${this.table(ResolutionRecord)} r
       JOIN ${this.table(MeetingRecord)} m ON m.tenant_id = r.tenant_id AND m.id = r.meeting_id
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = r.tenant_id AND u.id = r.cell_id
       WHERE r.tenant_id = $1 AND u.path LIKE $2 AND r.adopted_on >= $3 AND r.adopted_on < $4`,
      [this.tx.tenantId, `${path}%`, from, to],
    );
    return rows;
  }

  /** The tasks of those resolutions, with the amount reported so far. */
  async tasksForFollowUp(path: string, from: string, to: string): Promise<TaskFollowUpRow[]> {
    const rows: (Omit<TaskFollowUpRow, 'targetValue' | 'achieved' | 'dueOn'> & { dueOn: string | Date; targetValue: string | null; achieved: string })[] = await this.tx.manager.query(
      `SELECT t.id, t.resolution_id AS "resolutionId", r.cell_id AS "cellId", to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.outcome,
              t.target_value AS "targetValue", t.target_unit AS "targetUnit",
              COALESCE((SELECT sum(p.amount) FROM ${this.table(TaskProgressRecord)} p WHERE p.tenant_id = t.tenant_id AND p.task_id = t.id), 0) AS achieved
       FROM ${this.table(ResolutionTaskRecord)} t
       JOIN ${this.table(ResolutionRecord)} r ON r.tenant_id = t.tenant_id AND r.id = t.resolution_id
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = r.tenant_id AND u.id = r.cell_id
       WHERE t.tenant_id = $1 AND u.path LIKE $2 AND r.adopted_on >= $3 AND r.adopted_on < $4`,
      [this.tx.tenantId, `${path}%`, from, to],
    );
    return rows.map((r) => ({ ...r, dueOn: String(r.dueOn), targetValue: r.targetValue === null ? null : Number(r.targetValue), achieved: Number(r.achieved) }));
  }

  // ---- documents of higher committees (G-11)

  async findDocuments(ids: readonly string[]): Promise<HigherDocument[]> {
    if (!ids.length) return [];
    return (await this.tx.manager.findBy(HigherDocumentRecord, { tenantId: this.tx.tenantId, id: In([...ids]) })).map(toDocument);
  }

  async documentNumberTaken(orgUnitId: string, number: string): Promise<boolean> {
    return this.tx.manager.existsBy(HigherDocumentRecord, { tenantId: this.tx.tenantId, orgUnitId, number });
  }

  async insertDocument(d: HigherDocument, createdBy: string): Promise<void> {
    await this.tx.manager.insert(HigherDocumentRecord, { ...d, tenantId: this.tx.tenantId, createdBy });
  }

  async insertDisseminations(rows: Dissemination[], recordedBy: string): Promise<number> {
    // One statement for the whole list; a document already recorded under the item is skipped.
    const inserted: unknown[] = await this.tx.manager.query(
      `INSERT INTO ${this.table(DocumentDisseminationRecord)} (tenant_id, id, document_id, meeting_id, agenda_item_id, cell_id, recorded_by)
       SELECT $1, gen_random_uuid(), d, $3, $4, $5, $6 FROM unnest($2::uuid[]) AS d
       ON CONFLICT (tenant_id, document_id, agenda_item_id) DO NOTHING
       RETURNING id`,
      [this.tx.tenantId, rows.map((r) => r.documentId), rows[0].meetingId, rows[0].agendaItemId, rows[0].cellId, recordedBy],
    );
    return inserted.length;
  }

  /** Documents a unit's cells must pass on: registered at the unit, above it, or for part of its subtree. */
  async documentsFor(lineage: string[], path: string): Promise<HigherDocument[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(HigherDocumentRecord, 'd')
      .innerJoin(OrgUnitProjection, 'u', 'u.tenantId = d.tenantId AND u.id = d.orgUnitId')
      .where('d.tenantId = :tenantId AND (d.orgUnitId IN (:...lineage) OR u.path LIKE :prefix)', { tenantId: this.tx.tenantId, lineage, prefix: `${path}%` })
      .orderBy('d.disseminateBy', 'ASC')
      .addOrderBy('d.number', 'ASC')
      .getMany();
    return rows.map(toDocument);
  }

  /** Cells (chi bộ) of a subtree with their lineage, in tree order. */
  async cellsUnder(path: string): Promise<{ id: string; lineage: string[] }[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(OrgUnitProjection, 'u')
      .where("u.tenantId = :tenantId AND u.path LIKE :prefix AND u.kind IN ('CELL', 'BASE_CELL')", { tenantId: this.tx.tenantId, prefix: `${path}%` })
      .orderBy('u.path')
      .getMany();
    return rows.map((u) => ({ id: u.id, lineage: OrgTree.lineage(u) }));
  }

  /** Which cells disseminated a document, at which held meeting (the first one). */
  async disseminationsOf(documentId: string): Promise<{ cellId: string; meetingId: string; heldAt: Date }[]> {
    return this.tx.manager.query(
      `SELECT DISTINCT ON (d.cell_id) d.cell_id AS "cellId", d.meeting_id AS "meetingId", m.held_at AS "heldAt"
       FROM ${this.table(DocumentDisseminationRecord)} d
       JOIN ${this.table(MeetingRecord)} m ON m.tenant_id = d.tenant_id AND m.id = d.meeting_id
       WHERE d.tenant_id = $1 AND d.document_id = $2 AND m.status IN ('HELD', 'MINUTES_APPROVED')
       ORDER BY d.cell_id, m.held_at`,
      [this.tx.tenantId, documentId],
    );
  }

  /** The documents passed on under each agenda item (G-3). */
  async documentsOfAgendaItems(itemIds: readonly string[]): Promise<Map<string, HigherDocument[]>> {
    const rows: (HigherDocument & { agendaItemId: string })[] = await this.tx.manager.query(
      `SELECT x.agenda_item_id AS "agendaItemId", d.id, d.org_unit_id AS "orgUnitId", d.kind, d.number, d.title, d.issuer,
              to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(d.disseminate_by, 'YYYY-MM-DD') AS "disseminateBy"
       FROM ${this.table(DocumentDisseminationRecord)} x
       JOIN ${this.table(HigherDocumentRecord)} d ON d.tenant_id = x.tenant_id AND d.id = x.document_id
       WHERE x.tenant_id = $1 AND x.agenda_item_id = ANY($2::uuid[])
       ORDER BY d.issued_on, d.number`,
      [this.tx.tenantId, [...itemIds]],
    );
    return groupBy(
      rows.map(({ agendaItemId, ...d }) => ({ ...d, agendaItemId })),
      (r) => r.agendaItemId,
    );
  }

  async unitPath(orgUnitId: string): Promise<string | null> {
    return (await this.tree.find(orgUnitId))?.path ?? null;
  }

  // ---- the yearly theme (G-12)

  async findTheme(year: number): Promise<YearlyTheme | null> {
    const r = await this.tx.manager.findOneBy(YearlyThemeRecord, { tenantId: this.tx.tenantId, year });
    return r ? { year: r.year, title: r.title, targets: r.targets as ThemeTarget[] } : null;
  }

  async saveTheme(theme: YearlyTheme, by: string): Promise<void> {
    await this.tx.manager.upsert(
      YearlyThemeRecord,
      { tenantId: this.tx.tenantId, id: randomUUID(), year: theme.year, title: theme.title, targets: theme.targets, createdBy: by },
      { conflictPaths: ['tenantId', 'year'], skipUpdateIfNoValuesChanged: false },
    );
  }

  // ---- the tenant's rule set (G-1, G-4, G-6, G-10)

  async ruleSetOn(date: string): Promise<MeetingRuleSet | null> {
    const r = await this.tx.manager
      .createQueryBuilder(MeetingRuleSetRecord, 'r')
      .where('r.tenantId = :tenantId AND r.effectiveFrom <= :date', { tenantId: this.tx.tenantId, date })
      .orderBy('r.effectiveFrom', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .limit(1)
      .getOne();
    return r ? toRuleSet(r) : null;
  }

  async latestRuleSet(): Promise<MeetingRuleSet | null> {
    const r = await this.tx.manager.findOne(MeetingRuleSetRecord, { where: { tenantId: this.tx.tenantId }, order: { version: 'DESC' } });
    return r ? toRuleSet(r) : null;
  }

  async ruleSets(): Promise<MeetingRuleSet[]> {
    const rows = await this.tx.manager.find(MeetingRuleSetRecord, { where: { tenantId: this.tx.tenantId }, order: { version: 'ASC' } });
    return rows.map(toRuleSet);
  }

  async insertRuleSet(r: MeetingRuleSet, createdBy: string): Promise<void> {
    const { version, effectiveFrom, ...rules } = r;
    await this.tx.manager.insert(MeetingRuleSetRecord, { tenantId: this.tx.tenantId, id: randomUUID(), version, effectiveFrom, rules, createdBy });
  }

  // ---- resolutions and follow-up (G-8, G-9)

  async findResolution(id: string): Promise<Resolution | null> {
    const r = await this.tx.manager.findOneBy(ResolutionRecord, { tenantId: this.tx.tenantId, id });
    return r ? toResolution(r) : null;
  }

  /** A cell's resolutions in a stable order (by id), for mirroring; keyset on the id. */
  async resolutionsOfCell(cellId: string, first: number, afterId: string | null, modifiedSince?: string | null): Promise<{ rows: Resolution[]; total: number }> {
    const base = () =>
      applyModifiedSince(
        this.tx.manager.createQueryBuilder(ResolutionRecord, 'r').where('r.tenantId = :tenantId AND r.cellId = :cellId', { tenantId: this.tx.tenantId, cellId }),
        'r',
        RESOLUTION_CHANGES,
        modifiedSince,
      );
    const page = base().orderBy('r.id', 'ASC').limit(first + 1);
    if (afterId) page.andWhere('r.id > :afterId', { afterId });
    const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
    return { rows: rows.map(toResolution), total };
  }

  async resolutionsOfMeetings(meetingIds: readonly string[]): Promise<Map<string, Resolution[]>> {
    const rows = await this.tx.manager.find(ResolutionRecord, { where: { tenantId: this.tx.tenantId, meetingId: In([...meetingIds]) }, order: { createdAt: 'ASC' } });
    return groupBy(rows.map(toResolution), (r) => r.meetingId);
  }

  async findResolutionsByIds(ids: readonly string[]): Promise<Resolution[]> {
    if (!ids.length) return [];
    const rows = await this.tx.manager.find(ResolutionRecord, { where: { tenantId: this.tx.tenantId, id: In([...ids]) }, order: { adoptedOn: 'ASC', number: 'ASC' } });
    return rows.map(toResolution);
  }

  async findTasksByIds(ids: readonly string[]): Promise<ResolutionTask[]> {
    if (!ids.length) return [];
    const rows = await this.tx.manager.find(ResolutionTaskRecord, { where: { tenantId: this.tx.tenantId, id: In([...ids]) }, order: { dueOn: 'ASC', position: 'ASC' } });
    return rows.map(toTask);
  }

  /** Per held meeting of the subtree in [from, to): what the per-meeting flags (G-4, G-5, G-6) need. */
  async meetingFlagFacts(path: string, from: Date, to: Date): Promise<{ id: string; expected: number | null; present: number; speakers: number; chairSpoke: boolean; totalMinutes: number; professionalMinutes: number }[]> {
    const rows: Record<string, string | number | boolean | null>[] = await this.tx.manager.query(
      `SELECT m.id,
         CASE WHEN m.roll_size IS NULL THEN NULL ELSE m.roll_size - m.roll_temporarily_out
           - (SELECT count(*) FROM ${this.table(AttendanceRecord)} a WHERE a.tenant_id = m.tenant_id AND a.meeting_id = m.id AND a.status IN ('EXEMPT', 'ON_DUTY')) END AS expected,
         (SELECT count(*) FROM ${this.table(AttendanceRecord)} a WHERE a.tenant_id = m.tenant_id AND a.meeting_id = m.id AND a.status = 'PRESENT') AS present,
         (SELECT count(DISTINCT c.member_id) FROM ${this.table(ContributionRecord)} c WHERE c.tenant_id = m.tenant_id AND c.meeting_id = m.id AND c.member_id IS DISTINCT FROM m.chair_member_id) AS speakers,
         EXISTS (SELECT 1 FROM ${this.table(ContributionRecord)} c WHERE c.tenant_id = m.tenant_id AND c.meeting_id = m.id AND c.member_id = m.chair_member_id) AS "chairSpoke",
         -- G-6 as contentBalance counts it: actual minutes once any are recorded, else the planned ones.
         CASE WHEN g.n_actual > 0 THEN COALESCE(g.a_total, 0) ELSE COALESCE(g.p_total, 0) END AS "totalMinutes",
         CASE WHEN g.n_actual > 0 THEN COALESCE(g.a_prof, 0) ELSE COALESCE(g.p_prof, 0) END AS "professionalMinutes"
       FROM ${this.table(MeetingRecord)} m
       JOIN ${this.table(OrgUnitProjection)} u ON u.tenant_id = m.tenant_id AND u.id = m.cell_id
       CROSS JOIN LATERAL (
         SELECT count(i.actual_minutes) AS n_actual, sum(i.actual_minutes) AS a_total, sum(i.planned_minutes) AS p_total,
                sum(i.actual_minutes) FILTER (WHERE i.category = 'PROFESSIONAL') AS a_prof, sum(i.planned_minutes) FILTER (WHERE i.category = 'PROFESSIONAL') AS p_prof
         FROM ${this.table(AgendaItemRecord)} i WHERE i.tenant_id = m.tenant_id AND i.meeting_id = m.id) g
       WHERE m.tenant_id = $1 AND u.path LIKE $2 AND m.status IN ('HELD', 'MINUTES_APPROVED') AND m.held_at >= $3 AND m.held_at < $4
         AND m.kind IN ('REGULAR', 'THEMATIC', 'EXTRAORDINARY')
       ORDER BY m.held_at, m.id`,
      [this.tx.tenantId, `${path}%`, from, to],
    );
    return rows.map((r) => ({
      id: String(r.id),
      expected: r.expected === null ? null : Number(r.expected),
      present: Number(r.present),
      speakers: Number(r.speakers),
      chairSpoke: Boolean(r.chairSpoke),
      totalMinutes: Number(r.totalMinutes),
      professionalMinutes: Number(r.professionalMinutes),
    }));
  }

  async resolutionNumberTaken(cellId: string, number: string): Promise<boolean> {
    return this.tx.manager.existsBy(ResolutionRecord, { tenantId: this.tx.tenantId, cellId, number });
  }

  async insertResolution(r: Resolution, tasks: ResolutionTask[], createdBy: string): Promise<void> {
    await this.tx.manager.insert(ResolutionRecord, { ...r, tenantId: this.tx.tenantId, createdBy });
    await this.tx.manager.insert(
      ResolutionTaskRecord,
      tasks.map((t) => ({ ...t, tenantId: this.tx.tenantId })),
    );
  }

  async tasksOf(resolutionId: string): Promise<ResolutionTask[]> {
    return (await this.tasksOfResolutions([resolutionId])).get(resolutionId) ?? [];
  }

  async tasksOfResolutions(ids: readonly string[]): Promise<Map<string, ResolutionTask[]>> {
    const rows = await this.tx.manager.find(ResolutionTaskRecord, { where: { tenantId: this.tx.tenantId, resolutionId: In([...ids]) }, order: { resolutionId: 'ASC', position: 'ASC' } });
    return groupBy(rows.map(toTask), (t) => t.resolutionId);
  }

  async findTask(id: string): Promise<ResolutionTask | null> {
    const r = await this.tx.manager.findOneBy(ResolutionTaskRecord, { tenantId: this.tx.tenantId, id });
    return r ? toTask(r) : null;
  }

  async insertProgress(p: TaskProgress, reportedBy: string): Promise<void> {
    await this.tx.manager.insert(TaskProgressRecord, { ...p, tenantId: this.tx.tenantId, reportedBy });
  }

  async progressOfTasks(ids: readonly string[]): Promise<Map<string, TaskProgress[]>> {
    const rows = await this.tx.manager.find(TaskProgressRecord, { where: { tenantId: this.tx.tenantId, taskId: In([...ids]) }, order: { taskId: 'ASC', reportedOn: 'ASC', createdAt: 'ASC' } });
    return groupBy(
      rows.map((r) => ({ id: r.id, taskId: r.taskId, reportedOn: r.reportedOn, amount: r.amount, note: r.note, evidence: r.evidence })),
      (p) => p.taskId,
    );
  }

  async updateResolutionStatus(r: Resolution): Promise<void> {
    await this.tx.manager.update(ResolutionRecord, { tenantId: this.tx.tenantId, id: r.id }, { status: r.status });
  }

  async saveChecks(r: Resolution, checks: { taskId: string; outcome: TaskCheckOutcome; note: string | null }[], checkedBy: string): Promise<void> {
    await this.tx.manager.update(ResolutionRecord, { tenantId: this.tx.tenantId, id: r.id }, { status: r.status, reviewedAt: r.reviewedAt, reviewMeetingId: r.reviewMeetingId, reviewedBy: checkedBy });
    await this.tx.manager.insert(
      TaskCheckRecord,
      checks.map((c) => ({ tenantId: this.tx.tenantId, id: randomUUID(), taskId: c.taskId, meetingId: r.reviewMeetingId!, outcome: c.outcome, note: c.note, checkedBy })),
    );
    await this.tx.manager.query(
      `UPDATE ${this.table(ResolutionTaskRecord)} t SET outcome = v.outcome, check_note = v.note
       FROM (SELECT unnest($2::uuid[]) AS id, unnest($3::text[]) AS outcome, unnest($4::text[]) AS note) v
       WHERE t.tenant_id = $1 AND t.id = v.id`,
      [this.tx.tenantId, checks.map((c) => c.taskId), checks.map((c) => c.outcome), checks.map((c) => c.note)],
    );
  }

  /** Whether the cell held a regular meeting after `date` (Vietnam date), for the G-9 flag. */
  async regularHeldAfter(cellId: string, after: Date): Promise<boolean> {
    return this.tx.manager
      .createQueryBuilder(MeetingRecord, 'm')
      .where('m.tenantId = :tenantId AND m.cellId = :cellId AND m.kind = :kind', { tenantId: this.tx.tenantId, cellId, kind: 'REGULAR' })
      .andWhere('m.status IN (:...held) AND m.heldAt > :after', { held: [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED], after })
      .getExists();
  }
}

function toDocument(r: HigherDocumentRecord): HigherDocument {
  return { id: r.id, orgUnitId: r.orgUnitId, kind: r.kind as HigherDocumentKind, number: r.number, title: r.title, issuer: r.issuer, issuedOn: r.issuedOn, disseminateBy: r.disseminateBy };
}

function toRuleSet(r: MeetingRuleSetRecord): MeetingRuleSet {
  return { ...(r.rules as Omit<MeetingRuleSet, 'version' | 'effectiveFrom'>), version: r.version, effectiveFrom: r.effectiveFrom };
}

function toRubric(r: QualityRubricRecord): QualityRubric {
  return { ...(r.rules as Omit<QualityRubric, 'version' | 'effectiveFrom'>), version: r.version, effectiveFrom: r.effectiveFrom };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export function toResolution(r: ResolutionRecord): Resolution {
  return {
    id: r.id,
    meetingId: r.meetingId,
    cellId: r.cellId,
    number: r.number,
    text: r.text,
    votesFor: r.votesFor,
    votesAgainst: r.votesAgainst,
    votesAbstain: r.votesAbstain,
    status: r.status as ResolutionStatus,
    adoptedOn: r.adoptedOn,
    reviewedAt: r.reviewedAt,
    reviewMeetingId: r.reviewMeetingId,
  };
}

export function toTask(r: ResolutionTaskRecord): ResolutionTask {
  return {
    id: r.id,
    resolutionId: r.resolutionId,
    position: r.position,
    title: r.title,
    ownerMemberId: r.ownerMemberId,
    ownerGroup: r.ownerGroup,
    dueOn: r.dueOn,
    targetValue: r.targetValue,
    targetUnit: r.targetUnit,
    outcome: r.outcome as TaskCheckOutcome | null,
    checkNote: r.checkNote,
  };
}
