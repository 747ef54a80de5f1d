/**
 * The one list of error codes a client can see in `extensions.code`. Every error carries a
 * Vietnamese message (shown to users) and an English one (for integrators' logs).
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { vi: 'Chưa đăng nhập hoặc mã truy cập không hợp lệ', en: 'Not authenticated or the token is invalid' },
  TOKEN_EXPIRED: { vi: 'Mã truy cập đã hết hạn', en: 'The access token has expired' },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  NOT_FOUND: { vi: 'Không tìm thấy bản ghi', en: 'Record not found' },
  BAD_USER_INPUT: { vi: 'Dữ liệu nhập không hợp lệ', en: 'Invalid input' },
  INVALID_ID: { vi: 'Mã định danh không hợp lệ', en: 'Invalid id' },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ', en: 'Malformed request' },
  MISSING_TENANT: { vi: 'Thiếu thông tin đơn vị (tenant)', en: 'No tenant in the request' },
  INVALID_SIGNATURE: { vi: 'Yêu cầu không đi qua cổng API', en: 'Request lacks a valid gateway signature' },
  LIMIT_EXCEEDED: { vi: 'Truy vấn vượt quá giới hạn cho phép', en: 'The query exceeds an allowed limit' },
  RATE_LIMITED: { vi: 'Đã dùng hết hạn mức truy vấn trong giờ, hãy thử lại sau', en: 'The hourly query budget is spent; retry after it resets' },
  PERSISTED_DOCUMENT_REQUIRED: { vi: 'Đảng bộ chỉ chấp nhận truy vấn đã đăng ký trước', en: 'This tenant accepts persisted documents only' },
  PERSISTED_DOCUMENT_NOT_FOUND: { vi: 'Không có truy vấn đã đăng ký với mã băm này', en: 'No persisted document has this hash' },
  CONFLICT: { vi: 'Dữ liệu đã thay đổi hoặc bị trùng', en: 'Conflicting change' },
  RULE_VIOLATION: { vi: 'Vi phạm quy định nghiệp vụ', en: 'A domain rule was broken' },
  SUBGRAPH_UNAVAILABLE: { vi: 'Dịch vụ tạm thời không phản hồi', en: 'A service is temporarily unavailable' },
  UNAVAILABLE: { vi: 'Cơ sở dữ liệu tạm thời gián đoạn, vui lòng thử lại', en: 'The database is briefly unavailable; retry' },
  INTERNAL: { vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error, please retry' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  /** The rule id from DOMAIN.md this error enforces, e.g. `T-1`. */
  rule?: string;
  field?: string;
  [key: string]: unknown;
}

/**
 * An error the domain raises on purpose: it is safe to show, it carries its code and both
 * messages, and it never leaks a stack trace to the client.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, messages?: { vi?: string; en?: string }, details: ErrorDetails = {}) {
    const vi = messages?.vi ?? ERROR_CODES[code].vi;
    const en = messages?.en ?? ERROR_CODES[code].en;
    super(`${vi} / ${en}`);
    this.name = 'DomainError';
    this.code = code;
    this.messageVi = vi;
    this.messageEn = en;
    this.details = details;
  }

  /** The `extensions` object a GraphQL error carries for this error. */
  toExtensions(): Record<string, unknown> {
    return { code: this.code, messageVi: this.messageVi, messageEn: this.messageEn, ...this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_CODES;
}
