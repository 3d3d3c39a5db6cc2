/**
 * The entry of the thread that reads an import file (see ./read-off-thread.ts): it gets the bytes
 * and the limits, and posts back the table or the refusal. Bundled beside each function that
 * imports (scripts/build-functions.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { FileProblem, readCsv } from '../csv'
import { readXlsx } from '../xlsx/read-xlsx'
import type { SheetJob, SheetOutcome } from './protocol'

async function run(job: SheetJob): Promise<SheetOutcome> {
  try {
    const table = job.format === 'csv' ? readCsv(job.bytes, job.limits) : await readXlsx(job.bytes, job.limits)
    return { ok: true, table }
  } catch (err) {
    if (err instanceof FileProblem) return { ok: false, message: err.message, ...(err.line ? { line: err.line } : {}) }
    return { ok: false, internal: err instanceof Error ? err.name : 'non-error thrown' }
  }
}

if (parentPort) {
  const port = parentPort
  void run(workerData as SheetJob).then((outcome) => port.postMessage(outcome))
}
