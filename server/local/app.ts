import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createCipher, keyFromBase64 } from '../adapters/node-cipher'
import { localFileStore } from '../adapters/files/local-file-store'
import { openSqliteStore } from '../adapters/sqlite'
import type { Deps } from '../ports'
import { randomIds, systemClock } from '../runtime'
import type { LocalConfig } from './config'
import { createLocalServer } from './http'
import { loadOrCreateKeyFile } from './keys'
import { inAppOnlyNotifier } from './notifier'
import { startOutboxRunner } from './outbox-runner'
import { seedDemo } from './seed'

/** A running local runtime. */
export interface LocalApp {
  url: string
  deps: Deps
  seeded: boolean
  close(): Promise<void>
}

/** The composition root of the local runtime: SQLite, the key files, the demo data and the HTTP server. */
export async function startLocalApp(config: LocalConfig): Promise<LocalApp> {
  const keyDir = join(config.dataDir, 'keys')
  const dataKey = config.dataKey ? keyFromBase64(config.dataKey) : loadOrCreateKeyFile(keyDir, 'data.key')
  const sessionSecret = loadOrCreateKeyFile(keyDir, 'session.key')
  const store = openSqliteStore(join(config.dataDir, 'lantian.db'))
  const deps: Deps = {
    store,
    clock: config.clock ?? systemClock,
    ids: randomIds,
    cipher: createCipher(dataKey),
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
    files: localFileStore(join(config.dataDir, 'files'), dataKey),
  }
  const seeded = await seedDemo(store, deps.cipher, deps.clock.now())
  const outbox = startOutboxRunner(deps, inAppOnlyNotifier)
  const server = createLocalServer({ deps, webRoot: config.webRoot, sessionSecret, sessionHours: config.sessionHours })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${config.host}:${port}`,
    deps,
    seeded,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await outbox.stop()
      await store.close()
    },
  }
}
