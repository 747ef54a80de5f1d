import { createContext, useContext } from 'react';

export type Lang = 'vi' | 'en';

const en: Record<string, string> = {
  'Bảng điều hành': 'Dashboard',
  'Đăng nhập': 'Sign in',
  'Chọn tài khoản demo': 'Pick a demo account',
  'Tài khoản demo chỉ có trên bản chạy cục bộ (khóa ký tại chỗ).': 'Demo accounts exist only on the local default (locally signed keys).',
  'Hoặc dán mã thông báo (JWT)': 'Or paste a token (JWT)',
  'Tiếp tục': 'Continue',
  'Đăng xuất': 'Sign out',
  'Trực tiếp': 'Live',
  'Đang kết nối lại…': 'Reconnecting…',
  'Mất kết nối': 'Offline',
  'Cây tổ chức': 'Organisation tree',
  'Kỳ báo cáo': 'Period',
  'Sinh hoạt theo đơn vị trực thuộc': 'Meetings held by subordinate unit',
  'Số buổi sinh hoạt': 'Meetings held',
  'Đơn vị': 'Unit',
  'Không có đơn vị trực thuộc': 'No subordinate units',
  'Đang tải…': 'Loading…',
  'Không có quyền xem': 'Not permitted',
  'Chưa có số liệu': 'No data yet',
  'Chọn một tổ chức đảng': 'Choose a party organisation',
  'Mở GraphiQL': 'Open GraphiQL',
  'Chỉ truy vấn đã đăng ký': 'Persisted documents only',
  'Từ chối mọi truy vấn không có trong danh sách đã đăng ký của bảng điều hành': "Refuse every document that is not one of the dashboard's persisted ones",
  COMMITTEE: 'Committee',
  BASE_CELL: 'Base cell',
  CELL: 'Cell',
  PARTY_GROUP: 'Party group',
};

const vi: Record<string, string> = { COMMITTEE: 'Đảng bộ', BASE_CELL: 'Chi bộ cơ sở', CELL: 'Chi bộ', PARTY_GROUP: 'Tổ đảng' };

/** English labels of the figures (their Vietnamese labels are the supergraph's descriptions). */
export const FIGURE_EN: Record<string, string> = {
  meetingsHeld: 'Meetings held this period (incl. subordinates)',
  cellCount: 'Cells in scope',
  openInspections: 'Open inspections (incl. subordinates)',
  regularMeetingsHeld: 'Regular meetings held this month',
  attendanceRate: 'Attendance rate this month (G-4)',
  participationRate: 'Speaking participation rate this month (G-5)',
  thematicMeetingsThisQuarter: 'Thematic meetings this quarter',
  cellsWithoutRegularMeeting: 'Warning: cells without a regular meeting this month (G-1)',
  cellsWithoutThematicThisQuarter: 'Warning: cells without a thematic meeting this quarter (G-1)',
};

export const LangContext = createContext<Lang>('vi');

/** Vietnamese is the source text; English is looked up, falling back to the Vietnamese. */
export function useT(): (vietnamese: string) => string {
  const lang = useContext(LangContext);
  return (s) => (lang === 'en' ? (en[s] ?? s) : (vi[s] ?? s));
}
