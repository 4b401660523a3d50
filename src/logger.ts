import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One pino logger for the API, the worker and the run command: JSON lines for log shippers, pretty only when a
 * person is watching a terminal.
 */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    level,
    base: { service: 'case-deadlines' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:standard' } } }
      : {}),
  });
}
