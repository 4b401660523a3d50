import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { IcsWorkerRequest } from './ics-worker-protocol';

/**
 * Where ics-worker is, next to this module. Compiled (`node dist/src/main.js`) it is `ics-worker.js`, which Node
 * loads as is. From the TypeScript sources (tsx, vitest) it is `ics-worker.ts`, which Node cannot load alone: a
 * small CommonJS bootstrap registers tsx's require hook in the worker first (a worker does not inherit the loader
 * hooks vitest or tsx installed in this thread; tsx is a dev dependency, absent from a production image, and only
 * needed here).
 */
export function icsWorkerEntry(moduleFile: string, exists: (file: string) => boolean = existsSync): { script: string; eval: boolean } {
  const dir = path.dirname(moduleFile);
  const compiled = path.join(dir, 'ics-worker.js');
  if (path.extname(moduleFile) === '.js' && exists(compiled)) return { script: compiled, eval: false };
  const tsx = createRequire(moduleFile).resolve('tsx/cjs');
  const source = path.join(dir, 'ics-worker.ts');
  return { script: `require(${JSON.stringify(tsx)});\nrequire(${JSON.stringify(source)});\n`, eval: true };
}

export function startIcsWorker(request: IcsWorkerRequest, resourceLimits: ResourceLimits): Worker {
  const entry = icsWorkerEntry(__filename);
  return new Worker(entry.script, { eval: entry.eval, workerData: request, resourceLimits });
}
