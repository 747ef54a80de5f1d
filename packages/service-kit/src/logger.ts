import pino, { type Logger as PinoLogger } from 'pino';

/**
 * Structured logs: one JSON object per line (pino), on stderr so a command's own output stays
 * clean. Callers log ids, codes and operation names — never names, citizen ids or other
 * personal data; the redaction below is a second wall for fields that must never appear.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function defaultLevel(): LogLevel {
  const env = process.env.CHIBO_LOG_LEVEL as LogLevel | undefined;
  if (env && ['debug', 'info', 'warn', 'error', 'silent'].includes(env)) return env;
  return process.env.JEST_WORKER_ID ? 'silent' : 'info';
}

const REDACT = ['authorization', 'token', 'identity', 'citizenId', 'password', '*.authorization', '*.citizenId', '*.password'];

function wrap(p: PinoLogger): Logger {
  return {
    debug: (m, f) => p.debug(f ?? {}, m),
    info: (m, f) => p.info(f ?? {}, m),
    warn: (m, f) => p.warn(f ?? {}, m),
    error: (m, f) => p.error(f ?? {}, m),
    child: (fields) => wrap(p.child(fields)),
  };
}

export function createLogger(base: Record<string, unknown> = {}, level: LogLevel = defaultLevel()): Logger {
  const root = pino(
    { level, base: { pid: process.pid, ...base }, redact: { paths: REDACT, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ fd: 2, sync: true }),
  );
  return wrap(root);
}
