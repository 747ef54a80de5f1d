import type { MemberAdmitted, MemberStatusChanged, MemberTransferred } from '@chibo/domain';
import { applyRollEvent, covers, type RollInterval, type RollPorts } from './roll';

/** The projection in memory: intervals as the store would keep them. */
function memoryRoll() {
  let rows: RollInterval[] = [];
  let n = 0;
  const ports: RollPorts = {
    intervalsFrom: async (memberId, date) => rows.filter((r) => r.memberId === memberId && (r.validTo === null || r.validTo > date)),
    endInterval: async (id, validTo) => void (rows = rows.map((r) => (r.id === id ? { ...r, validTo } : r))),
    insertIntervals: async (add) => void rows.push(...add),
  };
  const apply = (e: MemberAdmitted | MemberStatusChanged | MemberTransferred) => applyRollEvent(e, () => `i${++n}`, ports);
  const rollOn = (cellId: string, date: string) =>
    rows
      .filter((r) => r.cellId === cellId && covers(r, date))
      .map((r) => `${r.memberId}:${r.status}${r.temporarilyOut ? ':away' : ''}`)
      .sort();
  return { apply, rollOn, rows: () => rows };
}

const admitted = (memberId: string, cellId: string, effectiveOn: string, status: 'OFFICIAL' | 'PROBATIONARY' = 'OFFICIAL'): MemberAdmitted => ({
  type: 'MemberAdmitted',
  payload: { memberId, cellId, status, effectiveOn },
});
const changed = (memberId: string, cellId: string, status: MemberStatusChanged['payload']['status'], effectiveOn: string): MemberStatusChanged => ({
  type: 'MemberStatusChanged',
  payload: { memberId, cellId, status, effectiveOn },
});
const transferred = (memberId: string, fromCellId: string, toCellId: string | null, kind: 'OFFICIAL' | 'TEMPORARY', effectiveOn: string, until?: string): MemberTransferred => ({
  type: 'MemberTransferred',
  payload: { memberId, fromCellId, toCellId, kind, effectiveOn, until },
});

describe('G-4: the roll on a meeting date, from membership events', () => {
  it('G-4: an admitted member is on the roll from the admission date, not the day before', async () => {
    const r = memoryRoll();
    await r.apply(admitted('an', 'tdp3', '2026-03-10', 'PROBATIONARY'));
    expect(r.rollOn('tdp3', '2026-03-09')).toEqual([]);
    expect(r.rollOn('tdp3', '2026-03-10')).toEqual(['an:PROBATIONARY']);
  });

  it.each<[string, string, string[], string[]]>([
    ['G-4/M-8: the day before a mid-month transfer the member is on the old roll only', '2026-05-14', ['binh:OFFICIAL'], []],
    ['G-4/M-8: on the transfer date the member is on the new roll only', '2026-05-15', [], ['binh:OFFICIAL']],
    ['G-4/M-8: after it, on the new roll only', '2026-05-31', [], ['binh:OFFICIAL']],
  ])('%s', async (_name, date, oldRoll, newRoll) => {
    const r = memoryRoll();
    await r.apply(admitted('binh', 'tdp3', '2020-01-01'));
    await r.apply(transferred('binh', 'tdp3', 'tdp5', 'OFFICIAL', '2026-05-15'));
    expect(r.rollOn('tdp3', date)).toEqual(oldRoll);
    expect(r.rollOn('tdp5', date)).toEqual(newRoll);
  });

  it('G-4/M-8: on every day of the month of a transfer the member is on exactly one roll', async () => {
    const r = memoryRoll();
    await r.apply(admitted('binh', 'tdp3', '2020-01-01'));
    await r.apply(transferred('binh', 'tdp3', 'tdp5', 'OFFICIAL', '2026-05-15'));
    for (let d = 1; d <= 31; d++) {
      const date = `2026-05-${String(d).padStart(2, '0')}`;
      expect(r.rollOn('tdp3', date).length + r.rollOn('tdp5', date).length).toBe(1);
    }
  });

  it('M-8: a TEMPORARY transfer keeps the member on the home roll, marked away, and never on the host roll', async () => {
    const r = memoryRoll();
    await r.apply(admitted('cuong', 'tdp3', '2020-01-01'));
    await r.apply(transferred('cuong', 'tdp3', 'host', 'TEMPORARY', '2026-06-01', '2026-09-01'));
    expect(r.rollOn('tdp3', '2026-05-31')).toEqual(['cuong:OFFICIAL']);
    expect(r.rollOn('tdp3', '2026-06-01')).toEqual(['cuong:OFFICIAL:away']);
    expect(r.rollOn('tdp3', '2026-08-31')).toEqual(['cuong:OFFICIAL:away']);
    expect(r.rollOn('tdp3', '2026-09-01')).toEqual(['cuong:OFFICIAL']);
    expect(r.rollOn('host', '2026-07-01')).toEqual([]);
  });

  it('M-4: exemption keeps the member on the roll as EXEMPT from its date', async () => {
    const r = memoryRoll();
    await r.apply(admitted('dung', 'tdp3', '2020-01-01'));
    await r.apply(changed('dung', 'tdp3', 'EXEMPT', '2026-02-01'));
    expect(r.rollOn('tdp3', '2026-01-31')).toEqual(['dung:OFFICIAL']);
    expect(r.rollOn('tdp3', '2026-02-01')).toEqual(['dung:EXEMPT']);
  });

  it.each(['REMOVED', 'EXPELLED', 'DECEASED', 'TRANSFERRED_OUT'] as const)('M-10: a member %s leaves the roll from that date', async (status) => {
    const r = memoryRoll();
    await r.apply(admitted('em', 'tdp3', '2020-01-01'));
    await r.apply(changed('em', 'tdp3', status, '2026-04-20'));
    expect(r.rollOn('tdp3', '2026-04-19')).toEqual(['em:OFFICIAL']);
    expect(r.rollOn('tdp3', '2026-04-20')).toEqual([]);
  });

  it('M-8: a member recognised while temporarily away stays away until the return date', async () => {
    const r = memoryRoll();
    await r.apply(admitted('giang', 'tdp3', '2025-09-01', 'PROBATIONARY'));
    await r.apply(transferred('giang', 'tdp3', 'host', 'TEMPORARY', '2026-06-01', '2026-12-01'));
    await r.apply(changed('giang', 'tdp3', 'OFFICIAL', '2026-09-01'));
    expect(r.rollOn('tdp3', '2026-08-31')).toEqual(['giang:PROBATIONARY:away']);
    expect(r.rollOn('tdp3', '2026-09-01')).toEqual(['giang:OFFICIAL:away']);
    expect(r.rollOn('tdp3', '2026-12-01')).toEqual(['giang:OFFICIAL']);
  });

  it('an unreadable effective date is refused, so the delivery is retried rather than guessed', async () => {
    const r = memoryRoll();
    await expect(r.apply(admitted('x', 'tdp3', 'yesterday'))).rejects.toThrow(/effectiveOn/);
    expect(r.rows()).toEqual([]);
  });
});
