import { MemberStatus as S } from '@chibo/domain';
import { ResidenceCategory as C, feedbackOutstanding } from './residence';

describe('M-5: which members owe the year’s residence feedback', () => {
  it.each<[string, S, C | null, string, boolean, boolean]>([
    ['M-5 (c): an official member introduced before the year, no form yet', S.OFFICIAL, C.YEARLY_FEEDBACK, '2024-05-01', false, true],
    ['M-5 (c): introduced on the year’s last day still owes it', S.PROBATIONARY, C.YEARLY_FEEDBACK, '2025-12-31', false, true],
    ['M-5 (c): introduced after the year owes nothing for it', S.OFFICIAL, C.YEARLY_FEEDBACK, '2026-01-01', false, false],
    ['M-5 (c): the form is in', S.OFFICIAL, C.YEARLY_FEEDBACK, '2024-05-01', true, false],
    ['M-5 (a): introduced but exempt from residence activity', S.OFFICIAL, C.INTRODUCED_EXEMPT, '2024-05-01', false, false],
    ['M-5 (b): exempt from introduction', S.OFFICIAL, C.EXEMPT_FROM_INTRODUCTION, '2024-05-01', false, false],
    ['M-5: no liaison recorded', S.OFFICIAL, null, '2024-05-01', false, false],
    ['M-5: off the rolls (removed)', S.REMOVED, C.YEARLY_FEEDBACK, '2024-05-01', false, false],
    ['M-5: transferred out to another tenant', S.TRANSFERRED_OUT, C.YEARLY_FEEDBACK, '2024-05-01', false, false],
  ])('%s', (_name, status, category, introducedOn, recorded, owes) => {
    expect(feedbackOutstanding({ status }, category ? { category, introducedOn } : null, 2025, recorded)).toBe(owes);
  });
});
