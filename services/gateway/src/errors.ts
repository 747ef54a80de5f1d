import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { DomainError, ERROR_CODES, isErrorCode, type ErrorCode } from '@chibo/domain';
import type { Logger } from '@chibo/service-kit';

/**
 * The gateway is the only public entry, so it is where the promise "every error has a code
 * from the one list, both messages, and no stack" is finally kept — for its own errors
 * (bad JSON, parse, validation, auth) and as a last net for anything a subgraph or the runtime
 * lets through.
 */

/** Extension keys that may carry internals; they never leave the gateway. */
const INTERNAL_KEYS = ['stacktrace', 'exception', 'originalError', 'serviceName'];
/** Keys Yoga reads for the HTTP status and strips itself; other transports must strip them. */
const TRANSPORT_KEYS = ['http', 'unexpected'];
/** Codes whose message is ours to write: the original may name hosts, ports or SQL. */
const GENERIC_MESSAGE: ReadonlySet<ErrorCode> = new Set(['INTERNAL', 'SUBGRAPH_UNAVAILABLE']);
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, TOKEN_EXPIRED: 401, BAD_REQUEST: 400, RATE_LIMITED: 429, PERSISTED_DOCUMENT_REQUIRED: 400, PERSISTED_DOCUMENT_NOT_FOUND: 400 };

const text = (code: ErrorCode) => `${ERROR_CODES[code].vi} / ${ERROR_CODES[code].en}`;

/** The JSON body of an error answered before GraphQL runs (auth, unknown routes). */
export function errorBody(err: DomainError): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message: err.message, extensions: err.toExtensions() }] };
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? (code === 'INTERNAL' ? 500 : 200);
}

/** A GraphQLError for a DomainError, with the HTTP status Yoga should answer with. */
export function domainToGraphQLError(err: DomainError): GraphQLError {
  const status = httpStatusOf(err.code);
  return new GraphQLError(err.message, { extensions: { ...err.toExtensions(), ...(status !== 200 ? { http: { status } } : {}) } });
}

function rootCause(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 8 && e instanceof GraphQLError && e.originalError; i++) e = e.originalError;
  return e;
}

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|UND_ERR_.*)$/;

/** A subgraph that cannot be reached surfaces as a socket error somewhere down the cause chain. */
function isNetworkFailure(error: unknown): boolean {
  let e = error as { code?: unknown; name?: unknown; cause?: unknown } | undefined;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && NETWORK_CODES.test(e.code)) return true;
    if (e.name === 'TimeoutError') return true;
  }
  return false;
}

function rebuild(error: GraphQLError, message: string, extensions: Record<string, unknown>): GraphQLError {
  const out = new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions,
  });
  // Errors rebuilt from a subgraph's JSON have locations but no source to derive them from.
  if (!out.locations && error.locations) (out as { locations?: unknown }).locations = error.locations;
  return out;
}

/**
 * One error → one error with a listed code. Idempotent, because the same error can pass
 * through the mask, the result processor and the WebSocket hook.
 */
export function toClientError(input: GraphQLError | Error, logger?: Logger): GraphQLError {
  const error = input instanceof GraphQLError ? input : new GraphQLError(input.message, { originalError: input });
  const cause = rootCause(error);
  if (cause instanceof DomainError) return rebuild(error, cause.message, domainToGraphQLError(cause).extensions);

  const ext = { ...(error.extensions ?? {}) } as Record<string, unknown>;
  const http = ext.http as { status?: number } | undefined;
  for (const k of INTERNAL_KEYS) delete ext[k];
  const code = ext.code;

  if (isErrorCode(code)) {
    // Ours already, or a subgraph's: it keeps its code and details.
    const message = GENERIC_MESSAGE.has(code) ? text(code) : error.message;
    if (GENERIC_MESSAGE.has(code) && message !== error.message) logger?.warn('error masked', { code, error: error.message });
    // Request errors always answer 4xx (`spec: false`): Yoga's `spec` flag would answer 200 to
    // `application/json` clients, and a client that sent garbage should not need the body to know.
    if (http?.status && http.status >= 400) ext.http = { ...http, spec: false };
    return rebuild(error, message, { ...ext, messageVi: ext.messageVi ?? ERROR_CODES[code].vi, messageEn: ext.messageEn ?? ERROR_CODES[code].en });
  }

  const status = http?.status ?? 0;
  const requestLevel = status >= 400 && status < 500;
  // A GraphQLError with no path that graphql-js or Yoga raised itself (parse, validation,
  // missing query, variables): the message is a diagnostic about the request, safe to show.
  const ownDiagnostic = cause === error && !error.path && code !== 'INTERNAL_SERVER_ERROR';
  if (requestLevel || ownDiagnostic) {
    return rebuild(error, error.message, {
      code: 'BAD_REQUEST',
      messageVi: ERROR_CODES.BAD_REQUEST.vi,
      messageEn: ERROR_CODES.BAD_REQUEST.en,
      ...(typeof code === 'string' ? { reason: code } : {}),
      http: { ...(http ?? {}), spec: false, status: requestLevel ? status : 400 },
    });
  }

  if (isNetworkFailure(cause)) {
    logger?.warn('subgraph unreachable', { error: (cause as Error).message, path: error.path?.join('.') });
    return rebuild(error, text('SUBGRAPH_UNAVAILABLE'), {
      code: 'SUBGRAPH_UNAVAILABLE',
      messageVi: ERROR_CODES.SUBGRAPH_UNAVAILABLE.vi,
      messageEn: ERROR_CODES.SUBGRAPH_UNAVAILABLE.en,
    });
  }

  logger?.error('unexpected error', {
    error: (cause as Error)?.message ?? String(cause),
    stack: (cause as Error)?.stack,
    path: error.path?.join('.'),
  });
  return rebuild(error, text('INTERNAL'), {
    code: 'INTERNAL',
    messageVi: ERROR_CODES.INTERNAL.vi,
    messageEn: ERROR_CODES.INTERNAL.en,
    // Yoga answers 500 for unexpected errors only when no data came back; keep that.
    unexpected: true,
    ...(http ? { http } : {}),
  });
}

function mapAsyncIterable<T, U>(source: AsyncIterable<T>, f: (t: T) => U): AsyncIterableIterator<U> {
  const it = source[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const r = await it.next();
      return r.done ? { done: true, value: undefined } : { done: false, value: f(r.value) };
    },
    async return() {
      await it.return?.();
      return { done: true, value: undefined };
    },
    async throw(e?: unknown) {
      if (it.throw) {
        const r = await it.throw(e);
        return r.done ? { done: true, value: undefined } : { done: false, value: f(r.value) };
      }
      throw e;
    },
  };
}

type AnyResult = ExecutionResult | readonly ExecutionResult[] | AsyncIterable<ExecutionResult>;

/** Applies `toClientError` to every error of a result, a batch, or a stream of results. */
export function normalizeResult<R extends AnyResult>(result: R, logger?: Logger): R {
  if (result == null) return result;
  if (Symbol.asyncIterator in (result as object)) {
    return mapAsyncIterable(result as AsyncIterable<ExecutionResult>, (r) => normalizeResult(r, logger)) as unknown as R;
  }
  if (Array.isArray(result)) return result.map((r) => normalizeResult(r, logger)) as unknown as R;
  const single = result as ExecutionResult;
  if (!single.errors?.length) return result;
  return { ...single, errors: single.errors.map((e) => toClientError(e, logger)) } as unknown as R;
}

/** For transports that serialise errors themselves (graphql-ws): drop the HTTP-only keys. */
export function toWireResult(result: ExecutionResult, logger?: Logger): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const json = toClientError(e, logger).toJSON() as GraphQLFormattedError & { extensions?: Record<string, unknown> };
    const extensions = { ...(json.extensions ?? {}) };
    for (const k of TRANSPORT_KEYS) delete extensions[k];
    return { ...json, extensions };
  });
  return { ...result, errors: errors as unknown as ExecutionResult['errors'] };
}
