import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ERROR_CODES, isErrorCode } from '@chibo/domain';
import type { Logger } from '../logger';

/** PostgreSQL error codes that are the client's doing, not ours. */
const PG_ERRORS: Record<string, DomainError> = {
  '22P02': new DomainError('INVALID_ID'),
  '42501': new DomainError('FORBIDDEN'),
  '23505': new DomainError('CONFLICT'),
  '23503': new DomainError('NOT_FOUND', { vi: 'Bản ghi liên quan không tồn tại', en: 'A referenced record does not exist' }),
};

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
