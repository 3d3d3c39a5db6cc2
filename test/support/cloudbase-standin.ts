import { join } from 'node:path'
import { deploy } from '../../scripts/deploy/run'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Store } from '../../server/ports'
import { desiredState } from '../../scripts/deploy/desired'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { startStandin, type Standin, type StandinOptions } from '../cloudbase-standin'
import { StandinTarget } from '../cloudbase-standin/deploy-target'
import { tempDir } from './deps'

/** Creates every declared collection and index on the stand-in, through deploy's own planner, as `npm run deploy` would. */
export async function deployCollections(standin: Standin): Promise<void> {
  const desired = desiredState({ envId: 'test-env', region: 'ap-shanghai', settings: {}, secrets: {}, codeHashes: null })
  await deploy(new StandinTarget(standin), { ...desired, functions: [] }, {}, () => undefined)
}

/** A stand-in holding the deployed collections and indexes, like a union's environment after `npm run deploy`. */
export async function startDeployedStandin(options: StandinOptions = {}): Promise<Standin> {
  const standin = await startStandin(options)
  await deployCollections(standin)
  return standin
}

/** The environment with which the CloudBase adapters (and the built functions) talk to `standin` through the real SDK. */
export function standinEnv(standin: Pick<Standin, 'url'>): Record<string, string> {
  return { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', LANTIAN_TCB_SERVICE_URL: standin.url }
}

/** Points this process's CloudBase adapters at `standin` (the SDK is initialised again on next use). */
export function useStandin(standin: Standin): void {
  Object.assign(process.env, standinEnv(standin))
  resetSdk()
}

/** A store and how to close it. */
export type OpenStore = () => { store: Store; close: () => Promise<void> }

/** For `describe.each`: a fresh store per test on each side, SQLite in a temporary folder or `standin()` emptied (its collections kept). */
export function freshStores(standin: () => Standin): [string, OpenStore][] {
  return [
    ['sqlite', () => {
      const { dir, cleanup } = tempDir()
      const store = openSqliteStore(join(dir, 'lantian.db'))
      return { store, close: async () => (await store.close(), cleanup()) }
    }],
    ['cloudbase', () => {
      standin().reset()
      useStandin(standin())
      const store = createCloudbaseStore()
      return { store, close: () => store.close() }
    }],
  ]
}
