import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Temporal's logger interface on top of the service's pino logger, so worker and workflow logs share one stream. */
export function temporalLoggerFrom(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[LEVELS[level]](meta ?? {}, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/** Installs the process-wide Temporal runtime with the service logger. Only the first call in a process counts. */
export function installTemporalRuntime(logger: Logger): void {
  try {
    Runtime.install({
      logger: temporalLoggerFrom(logger.child({ component: 'temporal' })),
      // The run command owns Ctrl-C: it stops the API before the worker, so no action arrives at a draining worker.
      shutdownSignals: [],
    });
  } catch {
    // Already installed (e.g. several test files in one process): keep the first runtime.
  }
}
