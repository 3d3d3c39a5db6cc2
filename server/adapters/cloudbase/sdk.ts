import tcb from '@cloudbase/node-sdk'
import type { Database } from './types'

/** The initialised CloudBase app. */
export type CloudbaseApp = ReturnType<typeof tcb.init>

let app: CloudbaseApp | null = null
let db: Database | null = null

/**
 * The CloudBase app, initialised on first use. The environment is `TCB_ENV` or, in a cloud
 * function, the function's own. Credentials come from the runtime (no secret in code or config).
 * `LANTIAN_TCB_SERVICE_URL` points the SDK elsewhere: a test hook for the loopback stand-in.
 */
export function getApp(): CloudbaseApp {
  if (!app) {
    const serviceUrl = process.env.LANTIAN_TCB_SERVICE_URL
    app = tcb.init({ env: process.env.TCB_ENV || tcb.SYMBOL_CURRENT_ENV, ...(serviceUrl ? { serviceUrl } : {}) })
  }
  return app
}

/** The CloudBase document database, initialised on first use. */
export function getDb(): Database {
  if (!db) db = getApp().database() as unknown as Database
  return db
}

/** Forgets the app, so the next use reads the environment again (tests). */
export function resetSdk(): void {
  app = null
  db = null
}
