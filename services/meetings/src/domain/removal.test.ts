import { AttendanceStatus as AS } from '@chibo/domain';
import { excusedStreaks, removalCandidates } from './removal';

describe('G-10: removal candidates from unexcused absences', () => {
  const row = (memberId: string, month: string, cellId = 'tdp3') => ({ memberId, cellId, month });
  it.each<[string, ReturnType<typeof row>[], string[]]>([
    ['G-10: three distinct months make a candidate', [row('an', '2026-01'), row('an', '2026-04'), row('an', '2026-09')], ['an:2026-01,2026-04,2026-09']],
    ['G-10: two months are not enough', [row('an', '2026-01'), row('an', '2026-04')], []],
    ['G-10: two absences in one month count as one month', [row('an', '2026-01'), row('an', '2026-01'), row('an', '2026-02')], []],
    ['G-10: months are counted per cell roll', [row('an', '2026-01', 'tdp3'), row('an', '2026-02', 'tdp3'), row('an', '2026-03', 'tdp5')], []],
    ['G-10: the most months first', [row('b', '2026-01'), row('b', '2026-02'), row('b', '2026-03'), ...['01', '02', '03', '04'].map((m) => row('a', `2026-${m}`))], ['a:2026-01,2026-02,2026-03,2026-04', 'b:2026-01,2026-02,2026-03']],
  ])('%s', (_name, rows, expected) => {
    expect(removalCandidates(rows).map((c) => `${c.memberId}:${c.months.join(',')}`)).toEqual(expected);
  });
});

describe('G-10: absences with reason more than three times in a row', () => {
  const r = (memberId: string, status: AS, cellId = 'tdp3') => ({ memberId, cellId, status });
  const E = AS.ABSENT_EXCUSED;
  it.each<[string, ReturnType<typeof r>[], string[]]>([
    ['G-10: four in a row is flagged', [r('a', E), r('a', E), r('a', E), r('a', E)], ['a:4']],
    ['G-10: three in a row is not', [r('a', E), r('a', E), r('a', E)], []],
    ['G-10: a meeting attended breaks the run', [r('a', E), r('a', E), r('a', AS.PRESENT), r('a', E), r('a', E)], []],
  ])('%s', (_name, rows, expected) => {
    expect(excusedStreaks(rows).map((s) => `${s.memberId}:${s.longest}`)).toEqual(expected);
  });
});
