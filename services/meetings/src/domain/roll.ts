import type { MemberAdmitted, MemberStatusChanged, MemberStatusValue, MemberTransferred } from '@chibo/domain';

/**
 * Danh sách đảng viên của chi bộ — each cell's roll, kept from membership's events as
 * effective-dated intervals [validFrom, validTo) per member. On any date a member is in at most
 * one interval, so a member transferred mid-month is on exactly one roll on each meeting date.
 */
export type RollStatus = Extract<MemberStatusValue, 'PROBATIONARY' | 'OFFICIAL' | 'EXEMPT'>;

export const ON_ROLL: readonly MemberStatusValue[] = ['PROBATIONARY', 'OFFICIAL', 'EXEMPT'];

export interface RollInterval {
  id: string;
  memberId: string;
  cellId: string;
  status: RollStatus;
  /** On a TEMPORARY transfer out (M-8): on the home roll, out of its attendance denominator (G-4). */
  temporarilyOut: boolean;
  /** ISO dates, `YYYY-MM-DD`; validTo is exclusive, null while open. */
  validFrom: string;
  validTo: string | null;
}

export type RollSegment = Omit<RollInterval, 'id' | 'memberId'>;

/** One member on a cell's roll on a date. */
export interface RollMember {
  memberId: string;
  status: RollStatus;
  temporarilyOut: boolean;
}

export interface RollPorts {
  /** The member's intervals that are open on `date` or start after it. */
  intervalsFrom(memberId: string, date: string): Promise<RollInterval[]>;
  endInterval(id: string, validTo: string): Promise<void>;
  insertIntervals(rows: RollInterval[]): Promise<void>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** The date part of an event's `effectiveOn`; an event without a readable date is a fault to retry, not to guess. */
export function effectiveDate(value: string): string {
  const m = ISO_DATE.exec(value ?? '');
  if (!m || Number.isNaN(Date.parse(m[0]))) throw new Error(`unreadable effectiveOn ${JSON.stringify(value)}`);
  return m[0];
}

export function covers(i: Pick<RollInterval, 'validFrom' | 'validTo'>, date: string): boolean {
  return i.validFrom <= date && (i.validTo === null || i.validTo > date);
}

/**
 * What a change of a member's place from `date` does to their intervals: every interval open on
 * or after the date ends there (one starting later ends where it starts, i.e. is emptied), and
 * the new segments start. Pure, so the rules of G-4 and M-8 are tested without a database.
 */
export function planChange(existing: RollInterval[], date: string, segments: RollSegment[]): { end: { id: string; validTo: string }[]; insert: RollSegment[] } {
  const end = existing
    .filter((i) => i.validTo === null || i.validTo > date)
    .map((i) => ({ id: i.id, validTo: i.validFrom > date ? i.validFrom : date }));
  return { end, insert: segments.filter((s) => s.validTo === null || s.validTo > s.validFrom) };
}

const isOnRoll = (s: MemberStatusValue): s is RollStatus => ON_ROLL.includes(s);

/** The segments an event starts, given the interval that covered its date (if any). */
export function segmentsFor(event: MemberAdmitted | MemberStatusChanged | MemberTransferred, date: string, current: RollInterval | null): RollSegment[] {
  switch (event.type) {
    case 'MemberAdmitted': {
      const p = event.payload;
      return isOnRoll(p.status) ? [{ cellId: p.cellId, status: p.status, temporarilyOut: false, validFrom: date, validTo: null }] : [];
    }
    case 'MemberStatusChanged': {
      const p = event.payload;
      if (!isOnRoll(p.status)) return [];
      const away = !!current && current.temporarilyOut && current.cellId === p.cellId;
      if (away && current!.validTo) {
        // Still away until the return date; home again after it, with the new status.
        return [
          { cellId: p.cellId, status: p.status, temporarilyOut: true, validFrom: date, validTo: current!.validTo },
          { cellId: p.cellId, status: p.status, temporarilyOut: false, validFrom: current!.validTo, validTo: null },
        ];
      }
      return [{ cellId: p.cellId, status: p.status, temporarilyOut: away, validFrom: date, validTo: null }];
    }
    case 'MemberTransferred': {
      const p = event.payload;
      const status: RollStatus = current?.status ?? 'OFFICIAL';
      if (p.kind === 'OFFICIAL') {
        return p.toCellId ? [{ cellId: p.toCellId, status, temporarilyOut: false, validFrom: date, validTo: null }] : [];
      }
      // M-8 TEMPORARY: stays on the home roll, not counted at the host.
      const until = p.until ? effectiveDate(p.until) : null;
      return [
        { cellId: p.fromCellId, status, temporarilyOut: true, validFrom: date, validTo: until },
        ...(until ? [{ cellId: p.fromCellId, status, temporarilyOut: false, validFrom: until, validTo: null }] : []),
      ];
    }
  }
}

/** Applies one membership event to the roll projection. Redelivery is stopped by the inbox. */
export async function applyRollEvent(
  event: MemberAdmitted | MemberStatusChanged | MemberTransferred,
  ids: () => string,
  ports: RollPorts,
): Promise<void> {
  const memberId = event.payload.memberId;
  const date = effectiveDate(event.payload.effectiveOn);
  const existing = await ports.intervalsFrom(memberId, date);
  const current = existing.find((i) => covers(i, date)) ?? null;
  const plan = planChange(existing, date, segmentsFor(event, date, current));
  for (const e of plan.end) await ports.endInterval(e.id, e.validTo);
  if (plan.insert.length) await ports.insertIntervals(plan.insert.map((s) => ({ ...s, id: ids(), memberId })));
}
