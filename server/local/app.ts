import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { filesKeyOf, localKeyFiles } from '../adapters/keys/local-key-files'
import { createCipher, createKeyRingCipher, keyFromBase64 } from '../adapters/node-cipher'
import { fileLinks } from '../adapters/files/file-links'
import { localFileStore } from '../adapters/files/local-file-store'
import { openSqliteStore } from '../adapters/sqlite'
import type { Deps } from '../ports'
import { randomIds, systemClock } from '../runtime'
import type { LocalConfig } from './config'
import { createLocalServer } from './http'
import { DEFAULT_LIMITS } from './limits'
import { inAppOnlyNotifier } from './notifier'
import { assertLoopback, urlHost } from './origin'
import { startOutboxRunner } from './outbox-runner'
import { seedDemo } from './seed'
import { openSessionStore } from './session-store'

/** How often the local runtime re-reads its key files: a version added by `npm run rotate-key` is used for new values within it. */
const KEY_RELOAD_MS = 30_000

/** A running local runtime. */
export interface LocalApp {
  url: string
  deps: Deps
  seeded: boolean
  close(): Promise<void>
}

/**
 * The composition root of the local runtime: SQLite, the key files, the demo data, the sessions
 * and the HTTP server. Refuses a non-loopback host before touching anything.
 */
export async function startLocalApp(config: LocalConfig): Promise<LocalApp> {
  assertLoopback(config.host)
  const keyDir = join(config.dataDir, 'keys')
  const keyFiles = localKeyFiles(keyDir)
  const keys = config.dataKey ? null : keyFiles.loadSync()
  const cipher = keys ? createKeyRingCipher(keys, keyFiles.loadSync) : createCipher(keyFromBase64(config.dataKey))
  const dataKey = keys ? filesKeyOf(keys) : keyFromBase64(config.dataKey)
  const reloadKeys = keys ? setInterval(() => cipher.reload(keyFiles.loadSync()), KEY_RELOAD_MS).unref() : null
  const store = openSqliteStore(join(config.dataDir, 'lantian.db'), { backgroundCheckpoints: true })
  const deps: Deps = {
    store,
    clock: config.clock ?? systemClock,
    ids: randomIds,
    cipher,
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
    files: localFileStore(join(config.dataDir, 'files'), dataKey),
  }
  const seeded = await seedDemo(store, deps.cipher, deps.clock.now())
  const outbox = startOutboxRunner(deps, inAppOnlyNotifier)
  const sessions = openSessionStore(join(config.dataDir, 'sessions.db'))
  const limits = { ...DEFAULT_LIMITS, ...config.limits }
  const links = fileLinks(dataKey)
  const server = createLocalServer({ deps, webRoot: config.webRoot, sessions, sessionHours: config.sessionHours, host: config.host, limits, verifyFileLink: links.verify })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    deps,
    seeded,
    close: async () => {
      if (reloadKeys) clearInterval(reloadKeys)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await outbox.stop()
      sessions.close()
      await store.close()
    },
  }
}
