import { join } from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { FileProblem, type SheetTable } from '../csv'
import { DEFAULT_SHEET_LIMITS, LIMIT_MESSAGES, type SheetLimits } from '../sheet-limits'
import type { SheetJob, SheetOutcome } from './protocol'

/** How long a reading thread may run and how much memory it may take. */
export interface ThreadBounds {
  deadlineMs: number
  resourceLimits: ResourceLimits
}

/**
 * Far above what the caps of DEFAULT_SHEET_LIMITS let a file cost (a 1,000-row import reads in
 * well under a second and a few MB), and far below the function's 256 MB and 60 s: a last fence
 * if a cap were ever missing.
 */
export const DEFAULT_THREAD_BOUNDS: ThreadBounds = {
  deadlineMs: 10_000,
  resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, codeRangeSizeMb: 16, stackSizeMb: 4 },
}

/** A file refused because its reading thread hit a bound and was terminated. */
export class ThreadBoundHit extends FileProblem {
  constructor(
    message: string,
    readonly bound: 'memory' | 'deadline',
  ) {
    super(message)
  }
}

/** Reading threads at once in this process; more wait their turn (an import is an admin's rare action). */
const MAX_THREADS = 2
let running = 0
const waiting: (() => void)[] = []

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_THREADS) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/** The worker bundle's file name beside index.js: a constant esbuild defines in the function bundles (build-functions), absent in the source tree. */
declare const LANTIAN_SHEET_WORKER_FILE: string | undefined

/**
 * The worker's script: bundled beside the function's index.js; from the source tree, the
 * TypeScript entry run through tsx.
 */
function workerScript(): { script: string; eval: boolean } {
  if (typeof LANTIAN_SHEET_WORKER_FILE === 'string') return { script: join(__dirname, LANTIAN_SHEET_WORKER_FILE), eval: false }
  const register = JSON.stringify(require.resolve('tsx/cjs'))
  return { script: `require(${register}); require(${JSON.stringify(join(__dirname, 'worker.ts'))})`, eval: true }
}

/**
 * Reads a CSV or XLSX file in a worker thread, so a file that is slow or large to read never
 * stalls the other calls this process serves. The thread has its own heap limit and a wall-clock
 * deadline; hitting either terminates it and refuses the file. Throws FileProblem.
 */
export function readSheetOffThread(format: 'csv' | 'xlsx', bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS, bounds: ThreadBounds = DEFAULT_THREAD_BOUNDS): Promise<SheetTable> {
  if (bytes.length > limits.maxBytes) return Promise.reject(new FileProblem(LIMIT_MESSAGES.bytes(limits)))
  return turn(() => runThread({ format, bytes: new Uint8Array(bytes), limits }, bounds))
}

function runThread(job: SheetJob, bounds: ThreadBounds): Promise<SheetTable> {
  const script = workerScript()
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.script, {
      eval: script.eval,
      workerData: job,
      transferList: [job.bytes.buffer as ArrayBuffer],
      resourceLimits: bounds.resourceLimits,
      // The thread reads one file: it needs none of the process's keys and secrets.
      env: {},
      stdout: false,
      stderr: false,
    })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fn()
    }
    const timer = setTimeout(() => {
      settle(() => reject(new ThreadBoundHit(LIMIT_MESSAGES.deadline(Math.max(1, Math.ceil(bounds.deadlineMs / 1000))), 'deadline')))
      void worker.terminate()
    }, bounds.deadlineMs)
    worker.once('message', (outcome: SheetOutcome) => {
      settle(() => {
        if (outcome.ok) resolve(outcome.table)
        else if ('message' in outcome) reject(new FileProblem(outcome.message, outcome.line))
        else reject(new Error(`sheet reader failed: ${outcome.internal}`))
      })
      void worker.terminate()
    })
    worker.once('error', (err: Error & { code?: string }) => {
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ThreadBoundHit(LIMIT_MESSAGES.memory(), 'memory') : new Error(`sheet reader failed: ${err.name} ${err.message}`)))
    })
    worker.once('exit', (code) => settle(() => reject(new Error(`sheet reader exited with code ${code}`))))
  })
}
