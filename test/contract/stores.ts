import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Store } from '../../server/ports'
import { startStandin, type Standin } from '../cloudbase-standin'
import { tempDir } from '../support/deps'

export type Opened = { store: Store; close: () => Promise<void> }

/**
 * The two stores a contract suite runs against: SQLite in a temporary file, and CloudBase through
 * the real SDK into the loopback stand-in. Call inside a test file; it starts and stops the stand-in.
 */
export function contractStores(): { factories: [string, () => Opened][]; standin: () => Standin } {
  let standin: Standin
  beforeAll(async () => {
    Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
    standin = await startStandin()
    standin.declareUniqueIndex('applications', ['number'])
    standin.declareUniqueIndex('stations', ['externalId'])
    process.env.LANTIAN_TCB_SERVICE_URL = standin.url
  })
  afterAll(() => standin.close())
  const factories: [string, () => Opened][] = [
    [
      'sqlite',
      () => {
        const { dir, cleanup } = tempDir()
        const store = openSqliteStore(join(dir, 'contract.db'))
        return { store, close: async () => (await store.close(), cleanup()) }
      },
    ],
    [
      'cloudbase',
      () => {
        standin.reset()
        resetSdk()
        const store = createCloudbaseStore()
        return { store, close: () => store.close() }
      },
    ],
  ]
  return { factories, standin: () => standin }
}
