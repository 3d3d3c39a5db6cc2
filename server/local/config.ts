import { resolve } from 'node:path'
import type { Clock } from '../ports'
import type { LocalLimits } from './limits'

/** Settings of the local runtime, from the environment with working defaults. */
export interface LocalConfig {
  /** A loopback address or `localhost`; anything else is refused while the demo sign-in exists. */
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
  /** Timeouts, connection caps and the sign-in rate; absent ones take `DEFAULT_LIMITS` (tests pass small ones). */
  limits?: Partial<LocalLimits>
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = Number(env.LANTIAN_PORT ?? env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LANTIAN_PORT is not a port number: ${env.LANTIAN_PORT}`)
  const sessionHours = Number(env.LANTIAN_SESSION_HOURS ?? 8)
  if (!(sessionHours > 0 && sessionHours <= 24 * 30)) throw new Error(`LANTIAN_SESSION_HOURS must be a number of hours above 0 and at most 720: ${env.LANTIAN_SESSION_HOURS}`)
  return {
    host: env.LANTIAN_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(env.LANTIAN_DATA_DIR ?? 'data'),
    webRoot: resolve(env.LANTIAN_WEB_ROOT ?? 'dist/h5'),
    dataKey: env.LANTIAN_DATA_KEY || undefined,
    sessionHours,
  }
}
