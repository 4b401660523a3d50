import { parentPort, workerData } from 'node:worker_threads';
import { CalendarImportError } from './import-error';
import { listReport } from './import-report';
import { importIcs } from './ics-import';
import type { IcsWorkerAnswer, IcsWorkerRequest } from './ics-worker-protocol';
import { recurrenceWatch } from './recurrence-watch';

/**
 * CAL-4: the worker thread one `.ics` import runs in (started by ics-import-runner.ts, one per file), so parsing
 * never blocks the API and the Temporal worker sharing the event loop. A refusal is an answer; anything else thrown
 * is a fault of ours and reaches the runner as the worker's `error` event.
 */
function answer(request: IcsWorkerRequest): IcsWorkerAnswer {
  try {
    const { calendar, report } = importIcs(request.text, request.options, request.limits, recurrenceWatch(new Int32Array(request.watch)));
    return { kind: 'imported', calendar, report: listReport(report, request.listed) };
  } catch (error) {
    if (error instanceof CalendarImportError) return { kind: 'refused', problems: error.problems };
    throw error;
  }
}

parentPort?.postMessage(answer(workerData as IcsWorkerRequest));
