import type { Worker } from 'node:worker_threads';
import { CalendarImportError } from './import-error';
import { ICS_IMPORT_LIMITS, MAX_LISTED_REPORT_ENTRIES, type IcsImportLimits } from './import-limits';
import type { ImportOptions } from './ics-import';
import type { IcsWorkerAnswer } from './ics-worker-protocol';
import { lineField } from './ics-lines';
import { startIcsWorker } from './ics-worker-thread';
import { RECURRENCE_WATCH_CELLS, stuckRecurrence } from './recurrence-watch';

export interface IcsImportRunnerOptions {
  /** Imports parsed at once, each in its own worker thread; more wait their turn. */
  readonly concurrency: number;
  /** Imports that may wait for a turn; one more is answered "busy" at once. */
  readonly queueLimit: number;
  /** From arrival to answer, waiting included: past it the worker is stopped and the import answered "busy". */
  readonly timeBudgetMs: number;
  /** One recurrence expanded longer than this is one ical.js cannot expand: refused, naming its line. */
  readonly recurrenceBudgetMs: number;
  /** The worker's heap: a file that needs more is refused as the file's problem. */
  readonly memoryLimitMb: number;
  readonly limits: IcsImportLimits;
  readonly listed: number;
}

export const ICS_IMPORT_RUNNER_DEFAULTS: IcsImportRunnerOptions = {
  concurrency: 2,
  queueLimit: 8,
  timeBudgetMs: 30_000,
  recurrenceBudgetMs: 3_000,
  memoryLimitMb: 256,
  limits: ICS_IMPORT_LIMITS,
  listed: MAX_LISTED_REPORT_ENTRIES,
};

export type IcsImportResult = Extract<IcsWorkerAnswer, { kind: 'imported' }>;

/** Not the file's fault: too many imports at once, or the machine too busy to finish in time. Try again later. */
export class ImportUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'ImportUnavailableError';
  }
}

/**
 * CAL-4: runs `.ics` imports in worker threads, a few at a time and each within a hard time budget, so that no file
 * can hold the event loop the API and the Temporal worker share. Within the caps of `limits` every file is a bounded
 * amount of work, so running out of time means the machine is busy (503), while a file past a cap is refused (422).
 */
export class IcsImportRunner {
  private readonly options: IcsImportRunnerOptions;
  private running = 0;
  private readonly waiting: { grant: () => void; refuse: (error: Error) => void }[] = [];
  private readonly workers = new Set<Worker>();
  private closed = false;

  constructor(options: Partial<IcsImportRunnerOptions> = {}) {
    this.options = { ...ICS_IMPORT_RUNNER_DEFAULTS, ...options };
  }

  async run(text: string, options: ImportOptions): Promise<IcsImportResult> {
    const deadline = performance.now() + this.options.timeBudgetMs;
    await this.turn(deadline);
    try {
      return await this.inWorker(text, options, deadline);
    } finally {
      this.release();
    }
  }

  /** Stops every import under way and waiting (they answer 503): the service is stopping. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.waiting.splice(0)) waiting.refuse(this.unavailable('the service is stopping'));
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private turn(deadline: number): Promise<void> {
    if (this.closed) return Promise.reject(this.unavailable('the service is stopping'));
    if (this.running < this.options.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queueLimit) {
      return Promise.reject(this.unavailable(`too many calendar imports at once (${this.running} being read, ${this.waiting.length} waiting)`));
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
        refuse: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(this.unavailable(`no import could start within ${this.options.timeBudgetMs} ms`));
      }, Math.max(0, deadline - performance.now()));
      this.waiting.push(entry);
    });
  }

  /** The turn passes to the next import waiting, if any. */
  private release() {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.running -= 1;
  }

  private inWorker(text: string, options: ImportOptions, deadline: number): Promise<IcsImportResult> {
    const { limits, listed, memoryLimitMb, timeBudgetMs, recurrenceBudgetMs } = this.options;
    // Closed while this import was given its turn: no worker may start after close() stopped the others.
    if (this.closed) return Promise.reject(this.unavailable('the service is stopping'));
    return new Promise((resolve, reject) => {
      const cells = new Int32Array(new SharedArrayBuffer(RECURRENCE_WATCH_CELLS * Int32Array.BYTES_PER_ELEMENT));
      const worker = startIcsWorker({ text, options, limits, listed, watch: cells.buffer as SharedArrayBuffer }, { maxOldGenerationSizeMb: memoryLimitMb });
      this.workers.add(worker);
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watching);
        this.workers.delete(worker);
        void worker.terminate();
        outcome();
      };
      const timer = setTimeout(
        () => settle(() => reject(this.unavailable(`the file was not read within ${timeBudgetMs} ms: the server is busy`))),
        Math.max(0, deadline - performance.now()),
      );
      const stuck = stuckRecurrence(cells, recurrenceBudgetMs);
      const watching = setInterval(() => {
        const at = stuck(performance.now());
        if (!at) return;
        const message = `${at.line === undefined ? '' : `line ${at.line}: `}the recurrence finds no next occurrence within ${recurrenceBudgetMs} ms: check its FREQ, INTERVAL and BY... parts`;
        settle(() => reject(new CalendarImportError([{ field: lineField(at.line), message }])));
      }, Math.max(10, Math.min(250, recurrenceBudgetMs / 4)));
      worker.once('message', (answer: IcsWorkerAnswer) =>
        settle(() => (answer.kind === 'imported' ? resolve(answer) : reject(new CalendarImportError(answer.problems)))),
      );
      worker.once('error', (error: Error & { code?: string }) =>
        settle(() =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new CalendarImportError([{ field: '/', message: `reading the file needs more than the ${memoryLimitMb} MB an import may use` }])
              : error,
          ),
        ),
      );
      worker.once('exit', (code) =>
        settle(() => reject(this.closed ? this.unavailable('the service is stopping') : new Error(`the import worker exited (code ${code}) without an answer`))),
      );
    });
  }

  private unavailable(reason: string) {
    return new ImportUnavailableError(`The calendar cannot be imported now: ${reason}. Try again shortly.`, Math.ceil(this.options.timeBudgetMs / 1000));
  }
}
