/** Vocabulary of the membership service (DOMAIN.md M-1 … M-10) other services may share. */

/** Giới tính. */
export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

/** Trạng thái đảng viên (M-10), derived from the member's lifecycle events. */
export enum MemberStatus {
  /** Dự bị */
  PROBATIONARY = 'PROBATIONARY',
  /** Chính thức */
  OFFICIAL = 'OFFICIAL',
  /** Miễn công tác và sinh hoạt */
  EXEMPT = 'EXEMPT',
  /** Xóa tên */
  REMOVED = 'REMOVED',
  /** Khai trừ */
  EXPELLED = 'EXPELLED',
  /** Từ trần */
  DECEASED = 'DECEASED',
  /** Chuyển sinh hoạt ra ngoài đảng bộ */
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
}

/** Statuses that keep a member on a cell's roll. */
export const ON_ROLL_STATUSES: readonly MemberStatus[] = [MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL, MemberStatus.EXEMPT];

/** What happened to a member (M-10): each is a row with who, when and which decision. */
export enum MemberEventKind {
  /** Đảng viên hiện có được đưa vào sổ (first registration of an existing member) */
  REGISTERED = 'REGISTERED',
  /** Kết nạp (M-1) */
  ADMITTED = 'ADMITTED',
  /** Công nhận đảng viên chính thức (M-2) */
  RECOGNISED = 'RECOGNISED',
  /** Miễn công tác và sinh hoạt (M-4) */
  EXEMPTED = 'EXEMPTED',
  /** Thôi miễn công tác và sinh hoạt (M-4): back to the status held before the exemption */
  EXEMPTION_ENDED = 'EXEMPTION_ENDED',
  /** Xóa tên (M-6) */
  REMOVED = 'REMOVED',
  /** Khai trừ (D-8) */
  EXPELLED = 'EXPELLED',
  /** Quyết định khai trừ bị hủy khi giải quyết khiếu nại (D-7) */
  RESTORED = 'RESTORED',
  /** Từ trần */
  DECEASED = 'DECEASED',
  /** Chuyển sinh hoạt trong đảng bộ (M-8) */
  TRANSFERRED = 'TRANSFERRED',
  /** Chuyển sinh hoạt ra đảng bộ khác, được bên nhận chấp nhận (M-8): the sender's tombstone */
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
  /** Nhận sinh hoạt từ đảng bộ khác theo giấy giới thiệu (M-8): the receiver's first entry */
  TRANSFERRED_IN = 'TRANSFERRED_IN',
  /** Bị kỷ luật (hình thức nhẹ hơn khai trừ): no status change, but it caps the year's rating (M-7) */
  DISCIPLINED = 'DISCIPLINED',
  /** Quyết định kỷ luật bị hủy (D-7) */
  DISCIPLINE_ANNULLED = 'DISCIPLINE_ANNULLED',
}

/** Xếp loại chất lượng đảng viên hằng năm (M-7, QĐ 124). */
export enum MemberRating {
  /** Hoàn thành xuất sắc nhiệm vụ */
  EXCELLENT = 'EXCELLENT',
  /** Hoàn thành tốt nhiệm vụ */
  GOOD = 'GOOD',
  /** Hoàn thành nhiệm vụ */
  COMPLETED = 'COMPLETED',
  /** Không hoàn thành nhiệm vụ */
  NOT_COMPLETED = 'NOT_COMPLETED',
}

/** The five grounds of removal from the rolls (M-6). */
export enum RemovalGround {
  /** Bỏ sinh hoạt hoặc không đóng đảng phí 3 tháng trong năm không có lý do */
  MISSED_ACTIVITY_OR_DUES = 'MISSED_ACTIVITY_OR_DUES',
  /** Trả thẻ đảng viên hoặc tự hủy thẻ */
  CARD_RETURNED_OR_DESTROYED = 'CARD_RETURNED_OR_DESTROYED',
  /** Giáo dục, giúp đỡ 12 tháng mà không tiến bộ */
  NO_PROGRESS_AFTER_HELP = 'NO_PROGRESS_AFTER_HELP',
  /** Hai năm liền không hoàn thành nhiệm vụ */
  FAILED_DUTIES_TWO_YEARS = 'FAILED_DUTIES_TWO_YEARS',
  /** Không bảo đảm tiêu chuẩn chính trị */
  FAILED_POLITICAL_STANDARDS = 'FAILED_POLITICAL_STANDARDS',
}

/** Chuyển sinh hoạt chính thức / tạm thời (M-8). */
export enum TransferKind {
  OFFICIAL = 'OFFICIAL',
  TEMPORARY = 'TEMPORARY',
}

/** Trạng thái giấy giới thiệu sinh hoạt đảng giữa hai đảng bộ (M-8). */
export enum TransferLetterStatus {
  /** Chờ bên nhận xem xét */
  PENDING = 'PENDING',
  /** Bên nhận đã tiếp nhận */
  ACCEPTED = 'ACCEPTED',
  /** Bên nhận từ chối */
  REJECTED = 'REJECTED',
  /** Bên gửi thu hồi trước khi bên nhận xem xét */
  WITHDRAWN = 'WITHDRAWN',
}

/** Chức vụ trong tổ chức đảng (M-3). */
export enum PositionKind {
  /** Bí thư */
  SECRETARY = 'SECRETARY',
  /** Phó bí thư */
  DEPUTY_SECRETARY = 'DEPUTY_SECRETARY',
  /** Chi ủy viên */
  CELL_COMMITTEE_MEMBER = 'CELL_COMMITTEE_MEMBER',
  /** Tổ trưởng tổ đảng */
  GROUP_LEADER = 'GROUP_LEADER',
}
