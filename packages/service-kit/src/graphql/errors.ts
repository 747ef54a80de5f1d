import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ERROR_CODES, isErrorCode } from '@chibo/domain';
import type { Logger } from '../logger';

/** PostgreSQL error codes that are the client's doing, not ours. */
const PG_ERRORS: Record<string, DomainError> = {
  '22P02': new DomainError('INVALID_ID'),
  // Values the database cannot hold (31/02, a NUL byte, text longer than a column allows).
  '22007': new DomainError('BAD_USER_INPUT', { vi: 'Ngày giờ không hợp lệ', en: 'Invalid date or time' }),
  '22008': new DomainError('BAD_USER_INPUT', { vi: 'Ngày giờ không hợp lệ', en: 'Invalid date or time' }),
  '22021': new DomainError('BAD_USER_INPUT', { vi: 'Văn bản chứa ký tự không hợp lệ', en: 'Text contains an invalid character' }),
  '22001': new DomainError('BAD_USER_INPUT', { vi: 'Văn bản quá dài', en: 'Text too long' }),
  '42501': new DomainError('FORBIDDEN'),
  '23505': new DomainError('CONFLICT'),
  '23503': new DomainError('NOT_FOUND', { vi: 'Bản ghi liên quan không tồn tại', en: 'A referenced record does not exist' }),
};

/**
 * A database that is restarting or unreachable: nothing was written (the transaction did not
 * commit), so the client may safely send the same request again.
 */
const RETRYABLE_PG = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '40001', '40P01', '53300']);
const RETRYABLE_NET =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (shutting down|starting up)|query runner (was )?already released|AlreadyReleased|Transaction is not started/i;
// (TypeORM releases a transaction's connection when it dies; the transaction's next query then
// fails with "already released". It never committed, so the request is safe to retry.)

export function isRetryable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && (RETRYABLE_PG.has(e.code) || RETRYABLE_NET.test(e.code))) return true;
  if (typeof e.message === 'string' && RETRYABLE_NET.test(e.message)) return true;
  const name = (e as { name?: unknown }).name;
  return typeof name === 'string' && /AlreadyReleasedError$/.test(name);
}

function unwrap(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 5 && e instanceof GraphQLError && e.originalError; i++) e = e.originalError;
  return e;
}

/** Turns any error into one with a code from the one list and both messages; never a stack. */
export function toClientError(formatted: GraphQLFormattedError, error: unknown, logger?: Logger): GraphQLFormattedError {
  const original = unwrap(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: original.toExtensions() };
  }
  if (isRetryable(original)) {
    const m = ERROR_CODES.UNAVAILABLE;
    return { ...base, message: `${m.vi} / ${m.en}`, extensions: { code: 'UNAVAILABLE', messageVi: m.vi, messageEn: m.en, retryable: true } };
  }
  const pgCode = (original as { code?: unknown } | null)?.code;
  if (typeof pgCode === 'string' && PG_ERRORS[pgCode]) {
    const mapped = PG_ERRORS[pgCode];
    return { ...base, message: mapped.message, extensions: mapped.toExtensions() };
  }
  const validation = (original as { extensions?: { validationErrors?: unknown } } | null)?.extensions?.validationErrors;
  if (validation) {
    const { vi, en } = ERROR_CODES.BAD_USER_INPUT;
    return { ...base, message: `${vi} / ${en}`, extensions: { code: 'BAD_USER_INPUT', messageVi: vi, messageEn: en, validationErrors: validation } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // graphql-js and Apollo's own request errors (parse, validation, bad variables).
    const known = isErrorCode(code) ? code : code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' ? 'BAD_REQUEST' : 'BAD_USER_INPUT';
    const m = ERROR_CODES[known];
    return { ...base, message: formatted.message, extensions: { code: known, messageVi: m.vi, messageEn: m.en, reason: code } };
  }
  logger?.error('unexpected error', { error: (original as Error)?.message, stack: (original as Error)?.stack });
  const m = ERROR_CODES.INTERNAL;
  return { ...base, message: `${m.vi} / ${m.en}`, extensions: { code: 'INTERNAL', messageVi: m.vi, messageEn: m.en } };
}

/** A GraphQLError carrying a DomainError's code, for places that must throw GraphQLError. */
export function toGraphQLError(err: DomainError, http?: number): GraphQLError {
  return new GraphQLError(err.message, { extensions: { ...err.toExtensions(), ...(http ? { http: { status: http } } : {}) } });
}
