import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Store } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

export type Opened = { store: Store; close: () => Promise<void> }

/**
 * The two stores a contract suite runs against: SQLite in a temporary file, and CloudBase through
 * the real SDK into the loopback stand-in, holding exactly the collections and indexes deploy
 * creates. Call inside a test file; it starts and stops the stand-in.
 */
export function contractStores(): { factories: [string, () => Opened][]; standin: () => Standin } {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
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
