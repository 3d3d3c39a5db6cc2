import { resolve } from 'node:path'
import type { Clock } from '../ports'

/** Settings of the local runtime, from the environment with working defaults. */
export interface LocalConfig {
  host: string
  port: number
  dataDir: string
  /** The built H5 app served at `/`. */
  webRoot: string
  /** Base64 of 32 bytes; when absent a key file in the data directory is used (created on first start). */
  dataKey?: string
  sessionHours: number
  /** The clock the use cases read; absent: the system clock. Browser tests pass one they can move forward. */
  clock?: Clock
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = Number(env.LANTIAN_PORT ?? env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LANTIAN_PORT is not a port number: ${env.LANTIAN_PORT}`)
  return {
    host: env.LANTIAN_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(env.LANTIAN_DATA_DIR ?? 'data'),
    webRoot: resolve(env.LANTIAN_WEB_ROOT ?? 'dist/h5'),
    dataKey: env.LANTIAN_DATA_KEY || undefined,
    sessionHours: Number(env.LANTIAN_SESSION_HOURS ?? 8),
  }
}
