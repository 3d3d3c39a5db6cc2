import { Worker } from 'node:worker_threads'
import type { Db } from './connection'

/** How often the background connection folds the write-ahead log back into the database file. */
export const CHECKPOINT_EVERY_MS = 200

/**
 * SQLite's own checkpoint, kept as a safety net should the background one stop: at this many
 * pages of log (64 MB) a COMMIT checkpoints as it does by default at 1,000.
 */
export const FALLBACK_CHECKPOINT_PAGES = 16_384

// A worker of its own (CommonJS, evaluated): its connection checkpoints while the main thread serves requests.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { parentPort.postMessage({ failed: String(err && err.code) }) }
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/** A running background checkpointer. */
export interface Checkpointer {
  /** Stops it after its checkpoint under way, if any; its connection is closed when this settles. */
  stop(): Promise<void>
}

/**
 * Moves the checkpoints of a WAL database off the writing connection: by default the COMMIT that
 * takes the log past 1,000 pages copies them all into the database file and syncs it, stalling
 * every transaction grouped behind it for tens of milliseconds. Here a connection on a worker
 * thread runs a PASSIVE checkpoint every `everyMs` (it never blocks the writer or the readers),
 * and the writer checkpoints itself only if the log grows past `FALLBACK_CHECKPOINT_PAGES`.
 */
export function checkpointInBackground(db: Db, file: string, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`)
  const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs, driver: require.resolve('better-sqlite3') } })
  worker.unref()
  worker.on('message', (m: { failed?: string }) => console.error(`[sqlite] background checkpoint failed (${m.failed ?? 'unknown'})`))
  worker.on('error', (err: unknown) => console.error(`[sqlite] background checkpointer stopped (${err instanceof Error ? err.name : 'error'})`))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    async stop() {
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}
