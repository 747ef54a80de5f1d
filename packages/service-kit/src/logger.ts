/**
 * A small structured logger: one JSON object per line on stderr. It never receives personal
 * data; callers log ids and codes. (Issue 9 replaces it with pino behind the same calls.)
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function defaultLevel(): LogLevel {
  const env = process.env.CHIBO_LOG_LEVEL as LogLevel | undefined;
  if (env && env in ORDER) return env;
  return process.env.JEST_WORKER_ID ? 'silent' : 'info';
}

export function createLogger(base: Record<string, unknown> = {}, level: LogLevel = defaultLevel()): Logger {
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...base, ...fields }) + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, level),
  };
}
