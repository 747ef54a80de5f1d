import { randomUUID } from 'node:crypto';
import {
  DomainError,
  MEETING_HOLDING_KINDS,
  MemberEventKind as E,
  MemberStatus as S,
  ON_ROLL_STATUSES,
  Role,
  hasRole,
  requireTenant,
  type DomainEvent,
  type ErrorCode,
  type Gender,
  type Principal,
} from '@chibo/domain';
import { todayVn, wholeMonthsBetween } from './dates';
import { FIELD_LABELS, cellText, headerKey, mapColumns, readDate, readGender, type ColumnMap, type ImportField, type Sheet, type SheetCell, type SheetRow } from './import-columns';
import { MIN_AGE_MONTHS, assertInOrder, assertRecognition, canWriteMember, cleanCitizenId, deriveState, probationEndsOn, searchKey } from './member-rules';
import type { Member, MemberEvent } from './members';
import { NAME_MAX } from './org-unit-rules';
import type { OrgUnit } from './org-units';

/**
 * Nhập danh sách đảng viên — member import from the committees' own files, in two steps: a
 * preview that judges every row (NEW / UPDATE / UNCHANGED / ERROR, with reasons), and a commit
 * that writes the good rows in one transaction. Rows are matched on the party card number
 * (số thẻ đảng viên), so importing the same file twice changes nothing the second time.
 */

export enum ImportOutcome {
  NEW = 'NEW',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
  ERROR = 'ERROR',
}

/** Why a row cannot be imported (or, for a note, what was done to it), naming the column. */
export interface ImportIssue {
  /** The header as the file writes it; null for the row as a whole. */
  column: string | null;
  field: ImportField | null;
  code: ErrorCode;
  rule: string | null;
  messageVi: string;
  messageEn: string;
}

export interface ImportRowResult {
  line: number;
  outcome: ImportOutcome;
  partyCardNumber: string | null;
  fullName: string | null;
  /** The member the row created or matched. */
  memberId: string | null;
  /** For UPDATE: which fields change. */
  changes: ImportField[];
  errors: ImportIssue[];
  notes: ImportIssue[];
}

export interface ImportReport {
  rows: ImportRowResult[];
  counts: Record<ImportOutcome, number>;
  ignoredColumns: string[];
  committed: boolean;
}

export interface MemberImportPorts {
  /** Every org unit of the tenant (a city has a few hundred; a province some thousands). */
  allOrgUnits(): Promise<OrgUnit[]>;
  membersByCard(cards: readonly string[]): Promise<Member[]>;
  memberEvents(memberIds: readonly string[]): Promise<MemberEvent[]>;
  insertMembers(members: readonly Member[], by: string): Promise<void>;
  updateMembers(members: readonly Member[], by: string): Promise<void>;
  appendEvents(events: readonly MemberEvent[]): Promise<void>;
  publish(event: DomainEvent): void;
}

export interface ImportOptions {
  commit: boolean;
  /** Rows looked up and written together; one batch is one round of queries. */
  batchSize?: number;
  now?: Date;
  /** After each batch (judged for a preview, written for a commit): rows done, of how many, and how long the batch took. */
  onBatch?: (done: number, total: number, batchMs: number) => void;
}

/** Roles that may import: the committee staff who keep the files, for their subtree. */
export const IMPORT_ROLES = [Role.CITY_ADMIN, Role.COMMITTEE_STAFF];

const issue = (field: ImportField | null, column: string | null, code: ErrorCode, vi: string, en: string, rule: string | null = null): ImportIssue => ({
  column,
  field,
  code,
  rule,
  messageVi: column ? `Cột «${column}»: ${vi}` : vi,
  messageEn: column ? `Column «${column}»: ${en}` : en,
});

/** The row as read and checked on its own, before anything is looked up. */
interface Candidate {
  row: SheetRow;
  fullName: string | null;
  dateOfBirth: string | null;
  gender: Gender | null;
  partyCardNumber: string | null;
  admittedOn: string | null;
  officialOn: string | null;
  cellRef: string | null;
  parentRef: string | null;
  citizenId: string | null;
  fileNumber: string | null;
  errors: ImportIssue[];
  notes: ImportIssue[];
}

/** Reads the cells of one row and applies every rule that needs nothing but the row. */
function readRow(row: SheetRow, columns: ColumnMap, today: string): Candidate {
  const c: Candidate = {
    row,
    fullName: null,
    dateOfBirth: null,
    gender: null,
    partyCardNumber: null,
    admittedOn: null,
    officialOn: null,
    cellRef: null,
    parentRef: null,
    citizenId: null,
    fileNumber: null,
    errors: [],
    notes: [],
  };
  const at = (f: ImportField): { raw: SheetCell; column: string } | null => {
    const col = columns.fields.get(f);
    return col ? { raw: row.cells[col.index], column: col.header } : null;
  };
  const fail = (f: ImportField, code: ErrorCode, vi: string, en: string, rule: string | null = null) => c.errors.push(issue(f, at(f)?.column ?? FIELD_LABELS[f].vi, code, vi, en, rule));
  /** Text of a cell, NFC; a cell that was not NFC is normalised and noted, never refused. */
  const text = (f: ImportField): string => {
    const cell = at(f);
    if (!cell) return '';
    const raw = cellText(cell.raw);
    const normal = raw.normalize('NFC');
    if (normal !== raw) c.notes.push(issue(f, cell.column, 'BAD_USER_INPUT', 'đã chuẩn hóa Unicode (NFC)', 'text normalised to Unicode NFC'));
    return normal.trim();
  };
  const required = (f: ImportField, value: string) => {
    if (!value) fail(f, 'BAD_USER_INPUT', 'bắt buộc, đang để trống', 'required, but empty');
    return value || null;
  };
  const date = (f: ImportField, isRequired: boolean): string | null => {
    const cell = at(f);
    if (!cell || !cellText(cell.raw)) {
      if (isRequired) required(f, '');
      return null;
    }
    const d = readDate(cell.raw);
    if (!d.ok) {
      if (d.reason === 'calendar') fail(f, 'BAD_USER_INPUT', `ngày «${d.text}» không có trên lịch`, `«${d.text}» is not a calendar date`);
      else fail(f, 'BAD_USER_INPUT', `«${d.text}» không phải ngày (dd/mm/yyyy)`, `«${d.text}» is not a date (dd/mm/yyyy)`);
      return null;
    }
    if (d.date > today) {
      fail(f, 'BAD_USER_INPUT', `ngày ${d.date} ở tương lai`, `${d.date} is in the future`);
      return null;
    }
    return d.date;
  };

  const name = required('fullName', text('fullName'));
  if (name && name.length > NAME_MAX) fail('fullName', 'BAD_USER_INPUT', `dài quá ${NAME_MAX} ký tự`, `longer than ${NAME_MAX} characters`);
  else c.fullName = name;
  c.dateOfBirth = date('dateOfBirth', true);
  const gender = text('gender');
  if (required('gender', gender)) {
    c.gender = readGender(gender);
    if (!c.gender) fail('gender', 'BAD_USER_INPUT', `«${gender}» không phải Nam/Nữ`, `«${gender}» is neither Nam (male) nor Nữ (female)`);
  }
  const card = required('partyCardNumber', text('partyCardNumber').replace(/\s+/g, ''));
  if (card && card.length > 30) fail('partyCardNumber', 'BAD_USER_INPUT', 'dài quá 30 ký tự', 'longer than 30 characters', 'M-3');
  else c.partyCardNumber = card;
  c.admittedOn = date('admittedOn', true);
  c.officialOn = date('officialOn', false);
  c.cellRef = required('cell', text('cell'));
  c.parentRef = text('parentUnit') || null;
  const fileNumber = text('fileNumber');
  if (fileNumber.length > 30) fail('fileNumber', 'BAD_USER_INPUT', 'dài quá 30 ký tự', 'longer than 30 characters');
  else c.fileNumber = fileNumber || null;
  try {
    let citizenId = text('citizenId');
    // Excel keeps a CCCD typed as a number without its leading 0 (province codes 001–096).
    const cccd = at('citizenId');
    if (cccd && typeof cccd.raw === 'number' && /^\d{11}$/.test(citizenId)) {
      citizenId = `0${citizenId}`;
      c.notes.push(issue('citizenId', cccd.column, 'BAD_USER_INPUT', 'ô kiểu số đã mất số 0 đầu; đã thêm lại', 'a number cell lost the leading 0; it was put back', 'M-3'));
    }
    c.citizenId = cleanCitizenId(citizenId);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    fail('citizenId', e.code, 'phải gồm 12 chữ số', 'must be 12 digits', 'M-3');
  }

  // M-1: under 18 on the admission date (as registerMember judges an existing member's file).
  if (c.dateOfBirth && c.admittedOn) {
    if (c.admittedOn <= c.dateOfBirth || wholeMonthsBetween(c.dateOfBirth, c.admittedOn) < MIN_AGE_MONTHS) {
      fail('admittedOn', 'RULE_VIOLATION', 'ngày vào Đảng phải sau khi đủ 18 tuổi', 'admission must come after the 18th birthday', 'M-1');
    }
  }
  // M-2: official only after 12 months of probation.
  if (c.admittedOn && c.officialOn && c.officialOn < probationEndsOn(c.admittedOn)) {
    fail(
      'officialOn',
      'RULE_VIOLATION',
      `ngày chính thức phải sau 12 tháng dự bị (từ ${probationEndsOn(c.admittedOn)})`,
      `official status comes after 12 months of probation (from ${probationEndsOn(c.admittedOn)})`,
      'M-2',
    );
  }
  return c;
}

/** Where a row's member belongs: cells of the importer's subtree, by name (or id), within a committee if named. */
class CellDirectory {
  private readonly byName = new Map<string, OrgUnit[]>();
  private readonly byId = new Map<string, OrgUnit>();
  private readonly parentKey = new Map<string, string>();

  constructor(units: readonly OrgUnit[], principal: Principal) {
    const all = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      // Only what this importer may write to is visible: a cell elsewhere looks unknown.
      if (!MEETING_HOLDING_KINDS.includes(u.kind) || u.validTo || !canWriteMember(principal, u.lineage)) continue;
      this.byId.set(u.id, u);
      const key = headerKey(u.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), u]);
      // The parent's name is what tells "Chi bộ tổ dân phố 3" of two wards apart.
      this.parentKey.set(u.id, u.parentId ? headerKey(all.get(u.parentId)?.name ?? '') : '');
    }
  }

  isWritable(cellId: string): boolean {
    return this.byId.has(cellId);
  }

  /** A list names the same few hundred cells over and over: each pair is resolved once. */
  private readonly resolved = new Map<string, { cell: OrgUnit } | { error: ImportIssue }>();

  resolve(cellRef: string, parentRef: string | null, columns: ColumnMap): { cell: OrgUnit } | { error: ImportIssue } {
    const key = `${cellRef}\u0000${parentRef ?? ''}`;
    let found = this.resolved.get(key);
    if (!found) this.resolved.set(key, (found = this.lookup(cellRef, parentRef, columns)));
    return found;
  }

  private lookup(cellRef: string, parentRef: string | null, columns: ColumnMap): { cell: OrgUnit } | { error: ImportIssue } {
    const column = columns.fields.get('cell')!.header;
    const byId = this.byId.get(cellRef.toLowerCase());
    if (byId) return { cell: byId };
    let found = this.byName.get(headerKey(cellRef)) ?? [];
    if (parentRef) found = found.filter((u) => this.parentKey.get(u.id) === headerKey(parentRef));
    if (found.length === 1) return { cell: found[0] };
    if (!found.length) {
      const where = parentRef ? ` thuộc «${parentRef}»` : '';
      const whereEn = parentRef ? ` under «${parentRef}»` : '';
      return {
        error: issue('cell', column, 'NOT_FOUND', `không có chi bộ «${cellRef}»${where} trong phạm vi của bạn`, `no cell «${cellRef}»${whereEn} within your part of the tree`, 'T-2'),
      };
    }
    return {
      error: issue(
        'cell',
        column,
        'BAD_USER_INPUT',
        `có ${found.length} chi bộ tên «${cellRef}»; thêm cột «Đảng bộ» để phân biệt`,
        `${found.length} cells are named «${cellRef}»; add a «Đảng bộ» (committee) column to tell them apart`,
        'T-2',
      ),
    };
  }
}

const IDENTITY: readonly ImportField[] = ['fullName', 'dateOfBirth', 'gender', 'citizenId', 'fileNumber'];

/**
 * Judges (and, with `commit`, writes) a member list. Everything is checked before anything is
 * written; the caller's unit of work makes the commit all-or-nothing.
 */
export async function importMembers(principal: Principal, sheet: Sheet, ports: MemberImportPorts, o: ImportOptions): Promise<ImportReport> {
  assertMayImport(principal);
  const columns = mapColumns(sheet.header);
  if (columns.missing.length || columns.repeated.length) {
    const vi = [
      ...(columns.missing.length ? [`thiếu cột ${columns.missing.map((f) => `«${FIELD_LABELS[f].vi}»`).join(', ')}`] : []),
      ...(columns.repeated.length ? [`cột ${columns.repeated.map((f) => `«${FIELD_LABELS[f].vi}»`).join(', ')} xuất hiện hai lần`] : []),
    ].join('; ');
    const en = [
      ...(columns.missing.length ? [`missing column(s) ${columns.missing.map((f) => FIELD_LABELS[f].en).join(', ')}`] : []),
      ...(columns.repeated.length ? [`column(s) ${columns.repeated.map((f) => FIELD_LABELS[f].en).join(', ')} appear twice`] : []),
    ].join('; ');
    throw new DomainError('BAD_USER_INPUT', { vi: `Tệp không đúng mẫu: ${vi}`, en: `The file does not have the expected layout: ${en}` }, { field: 'file', missing: columns.missing, repeated: columns.repeated });
  }
  const now = o.now ?? new Date();
  const today = todayVn(now);
  const by = principal.subject;
  const candidates = sheet.rows.filter((r) => r.cells.some((c) => cellText(c) !== '')).map((r) => readRow(r, columns, today));

  // A card number twice in one file: which row is right is for the committee to say.
  const linesByCard = new Map<string, number[]>();
  for (const c of candidates) if (c.partyCardNumber) linesByCard.set(c.partyCardNumber, [...(linesByCard.get(c.partyCardNumber) ?? []), c.row.line]);
  const cardColumn = columns.fields.get('partyCardNumber')!.header;
  for (const c of candidates) {
    const lines = c.partyCardNumber ? linesByCard.get(c.partyCardNumber)! : [];
    if (lines.length > 1) {
      const others = lines.filter((l) => l !== c.row.line).join(', ');
      c.errors.push(issue('partyCardNumber', cardColumn, 'CONFLICT', `số thẻ ${c.partyCardNumber} trùng với dòng ${others} trong tệp`, `card number ${c.partyCardNumber} also on row(s) ${others} of the file`, 'M-3'));
    }
  }

  const directory = new CellDirectory(await ports.allOrgUnits(), principal);
  const batchSize = o.batchSize ?? 1000;
  // Every row is judged before anything is written. Besides keeping the commit all-or-nothing
  // in spirit, it keeps the lookups fast: rows this transaction inserted are invisible to the
  // planner's statistics, so a lookup after them would scan a table it believes is small.
  const judged: Judged[] = [];
  for (let start = 0; start < candidates.length; start += batchSize) {
    const started = performance.now();
    const batch = candidates.slice(start, start + batchSize);
    const existing = new Map((await ports.membersByCard(batch.flatMap((c) => (c.partyCardNumber ? [c.partyCardNumber] : [])))).map((m) => [m.partyCardNumber!, m]));
    const these = batch.map((c) => judge(c, existing.get(c.partyCardNumber ?? ''), directory, columns, principal));
    // Recognition needs the member's history (M-2, M-10): only for the rows that bring it.
    const recognising = these.filter((j) => j.recognise);
    const histories = recognising.length ? await ports.memberEvents(recognising.map((j) => j.member!.id)) : [];
    for (const j of recognising) checkRecognition(j, histories, columns);
    for (const j of these) {
      if (j.result.errors.length) {
        j.result.outcome = ImportOutcome.ERROR;
        j.result.changes = [];
      }
    }
    judged.push(...these);
    // A preview's progress is its judging; a commit's is its writing, below.
    if (!o.commit) o.onBatch?.(judged.length, candidates.length, performance.now() - started);
  }

  for (let start = 0; o.commit && start < judged.length; start += batchSize) {
    const started = performance.now();
    const inserts: Member[] = [];
    const updates: Member[] = [];
    /** Updated members whose identity changed (not only a recognition, which has its own event). */
    const identityChanged: string[] = [];
    const events: MemberEvent[] = [];
    for (const j of judged.slice(start, start + batchSize)) {
      const r = j.result;
      if (r.outcome === ImportOutcome.ERROR || r.outcome === ImportOutcome.UNCHANGED) continue;
      const m = j.member!;
      if (r.outcome === ImportOutcome.NEW) {
        inserts.push(m);
        events.push(registeredEvent(m, by));
      } else {
        updates.push(m);
        if (j.recognise) events.push(recognisedEvent(m, j.history + 1, by));
        if (r.changes.some((c) => c !== 'officialOn')) identityChanged.push(m.id);
      }
    }
    if (inserts.length) await ports.insertMembers(inserts, by);
    if (updates.length) await ports.updateMembers(updates, by);
    for (const memberId of identityChanged) ports.publish({ type: 'MemberRecordChanged', payload: { memberId, aspect: 'IDENTITY' } });
    if (events.length) await ports.appendEvents(events);
    for (const e of events) publishFor(e, ports);
    o.onBatch?.(Math.min(start + batchSize, judged.length), judged.length, performance.now() - started);
  }
  const results = judged.map((j) => j.result);
  const counts = { NEW: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0 } as Record<ImportOutcome, number>;
  for (const r of results) counts[r.outcome]++;
  return { rows: results, counts, ignoredColumns: columns.ignored, committed: o.commit };
}

interface Judged {
  result: ImportRowResult;
  /** The member as it will be written (NEW or UPDATE). */
  member: Member | null;
  recognise: boolean;
  /** How many events the member already has (sequence of the next one). */
  history: number;
}

/** One row against the register: a new member, a change to one, the same, or an error. */
function judge(c: Candidate, current: Member | undefined, directory: CellDirectory, columns: ColumnMap, principal: Principal): Judged {
  const result: ImportRowResult = {
    line: c.row.line,
    outcome: ImportOutcome.ERROR,
    partyCardNumber: c.partyCardNumber,
    fullName: c.fullName,
    // Set once the member is known to be the importer's to see.
    memberId: null,
    changes: [],
    errors: c.errors,
    notes: c.notes,
  };
  const none: Judged = { result, member: null, recognise: false, history: 0 };
  let cell: OrgUnit | null = null;
  if (c.cellRef) {
    const r = directory.resolve(c.cellRef, c.parentRef, columns);
    if ('error' in r) result.errors.push(r.error);
    else cell = r.cell;
  }
  if (result.errors.length || !cell) return none;
  const col = (f: ImportField) => columns.fields.get(f)?.header ?? FIELD_LABELS[f].vi;

  if (!current) {
    const status = c.officialOn ? S.OFFICIAL : S.PROBATIONARY;
    const member: Member = {
      id: randomUUID(),
      tenantId: principal.tenantId!,
      fullName: c.fullName!,
      searchKey: searchKey(c.fullName!),
      dateOfBirth: c.dateOfBirth!,
      gender: c.gender!,
      citizenId: c.citizenId,
      partyCardNumber: c.partyCardNumber,
      fileNumber: c.fileNumber,
      status,
      cellId: cell.id,
      admittedOn: c.admittedOn,
      officialOn: c.officialOn,
    };
    result.outcome = ImportOutcome.NEW;
    result.memberId = member.id;
    return { result, member, recognise: false, history: 0 };
  }

  // The card is on the register: the same person, unless neither name nor birth date agree.
  if (current.fullName !== c.fullName && current.dateOfBirth !== c.dateOfBirth) {
    result.errors.push(
      issue('partyCardNumber', col('partyCardNumber'), 'CONFLICT', `số thẻ ${c.partyCardNumber} đã cấp cho một đảng viên khác`, `card number ${c.partyCardNumber} belongs to another member`, 'M-3'),
    );
    return none;
  }
  // A member of another subtree: its card is taken, whatever else the row says.
  const inScope = directory.isWritable(current.cellId);
  if (!inScope) {
    result.errors.push(
      issue('partyCardNumber', col('partyCardNumber'), 'CONFLICT', `số thẻ ${c.partyCardNumber} thuộc một đảng viên ngoài phạm vi của bạn`, `card number ${c.partyCardNumber} belongs to a member outside your part of the tree`, 'M-3'),
    );
    return none;
  }
  result.memberId = current.id;
  const next: Member = { ...current };
  const changes: ImportField[] = [];
  const set = <K extends keyof Member>(field: ImportField, key: K, value: Member[K] | null, keepWhenBlank: boolean) => {
    if (value == null && keepWhenBlank) return;
    if (next[key] !== value) {
      (next as unknown as Record<string, unknown>)[key] = value;
      changes.push(field);
    }
  };
  set('fullName', 'fullName', c.fullName, false);
  next.searchKey = searchKey(next.fullName);
  set('dateOfBirth', 'dateOfBirth', c.dateOfBirth, false);
  set('gender', 'gender', c.gender, false);
  set('citizenId', 'citizenId', c.citizenId, true);
  set('fileNumber', 'fileNumber', c.fileNumber, true);

  // Where a member is and when they joined change by lifecycle operations, not by a list.
  if (current.cellId !== cell.id) {
    result.errors.push(issue('cell', col('cell'), 'RULE_VIOLATION', 'đảng viên đang sinh hoạt ở chi bộ khác; chuyển sinh hoạt bằng thủ tục chuyển (M-8)', 'the member belongs to another cell; a move is a transfer (M-8)', 'M-8'));
  }
  if (current.admittedOn !== c.admittedOn) {
    result.errors.push(
      issue('admittedOn', col('admittedOn'), 'RULE_VIOLATION', `khác ngày vào Đảng trong sổ (${current.admittedOn ?? 'trống'})`, `differs from the register's admission date (${current.admittedOn ?? 'none'})`, 'M-10'),
    );
  }
  let recognise = false;
  if (c.officialOn && current.officialOn !== c.officialOn) {
    if (current.officialOn || current.status !== S.PROBATIONARY) {
      result.errors.push(
        issue('officialOn', col('officialOn'), 'RULE_VIOLATION', `khác ngày chính thức trong sổ (${current.officialOn ?? 'trống'})`, `differs from the register's official date (${current.officialOn ?? 'none'})`, 'M-10'),
      );
    } else {
      // A probationary member the file says is official: the cell recognised them (M-2).
      recognise = true;
      next.status = S.OFFICIAL;
      next.officialOn = c.officialOn;
      changes.push('officialOn');
    }
  }
  if (changes.length && !ON_ROLL_STATUSES.includes(current.status)) {
    result.errors.push(issue(null, null, 'RULE_VIOLATION', `đảng viên không còn trong danh sách sinh hoạt (${current.status})`, `the member is no longer on the rolls (${current.status})`, 'M-10'));
  }
  if (result.errors.length) return none;
  result.changes = changes;
  result.outcome = changes.length ? ImportOutcome.UPDATE : ImportOutcome.UNCHANGED;
  return { result, member: next, recognise, history: 0 };
}

function checkRecognition(j: Judged, histories: readonly MemberEvent[], columns: ColumnMap): void {
  const m = j.member!;
  const history = histories.filter((e) => e.memberId === m.id);
  j.history = history.length;
  try {
    assertInOrder(history, m.officialOn!);
    const state = deriveState(history);
    assertRecognition(state.status, state.admittedOn, m.officialOn!);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    j.result.errors.push(issue('officialOn', columns.fields.get('officialOn')?.header ?? null, e.code, e.messageVi, e.messageEn, e.details.rule ?? null));
    j.recognise = false;
  }
}

function registeredEvent(m: Member, by: string): MemberEvent {
  return {
    id: randomUUID(),
    memberId: m.id,
    kind: E.REGISTERED,
    effectiveOn: m.admittedOn!,
    sequence: 1,
    cellId: m.cellId,
    fromCellId: null,
    decisionNumber: null,
    decisionDate: null,
    reason: null,
    ground: null,
    sourceRef: null,
    registeredStatus: m.status,
    admittedOn: m.admittedOn,
    officialOn: m.officialOn,
    recordedBy: by,
  };
}

function recognisedEvent(m: Member, sequence: number, by: string): MemberEvent {
  return { ...registeredEvent(m, by), kind: E.RECOGNISED, effectiveOn: m.officialOn!, sequence, registeredStatus: null, admittedOn: null, officialOn: null };
}

/** The same events as registering or recognising one by one, so other services see no difference. */
function publishFor(e: MemberEvent, ports: MemberImportPorts): void {
  if (e.kind === E.REGISTERED) {
    ports.publish({ type: 'MemberAdmitted', payload: { memberId: e.memberId, cellId: e.cellId, status: S.PROBATIONARY, effectiveOn: e.admittedOn! } });
    if (e.officialOn) ports.publish({ type: 'MemberStatusChanged', payload: { memberId: e.memberId, cellId: e.cellId, status: S.OFFICIAL, effectiveOn: e.officialOn } });
  } else {
    ports.publish({ type: 'MemberStatusChanged', payload: { memberId: e.memberId, cellId: e.cellId, status: S.OFFICIAL, effectiveOn: e.effectiveOn } });
  }
}

/** Preview or commit without rights to import is refused as a whole, before the file is read. */
export function assertMayImport(principal: Principal): void {
  requireTenant(principal);
  if (!hasRole(principal, ...IMPORT_ROLES)) throw new DomainError('FORBIDDEN', undefined, { requiredRoles: IMPORT_ROLES });
}
