/**
 * `npm run smoke:cloud`: after a deploy, one journey per role through the deployed functions of
 * the environment in deploy/lantian.deploy.json (or --env, --region, --config), each step's result
 * and time printed, and everything it created removed again (audited). It acts as test identities
 * of a test unit that it opens under the root unit (--root, default LANTIAN_DEFAULT_UNIT or
 * unit-root) and closes at the end; the functions accept them only for that run (scripts/smoke/session.ts).
 *
 * From the shell, never from a file: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (the CAM key
 * deploy uses) and the functions' key source (LANTIAN_KEY_SOURCE and its variables, or LANTIAN_DATA_KEY):
 * the run's audit events are chained with the audit key (scripts/script-keys.ts).
 */
import { hostname } from 'node:os'
import { parseArgs } from 'node:util'
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import { getApp, getDb } from '../../server/adapters/cloudbase/sdk'
import type { Deps } from '../../server/ports'
import { randomIds, systemClock } from '../../server/runtime'
import type { ApiReply } from '../../src/domain'
import { scriptCipher } from '../script-keys'
import { openStore } from '../store-target'
import { smokeCloud } from './run'

async function main(): Promise<number> {
  const { values: flags } = parseArgs({ options: { root: { type: 'string' }, env: { type: 'string' }, region: { type: 'string' }, config: { type: 'string' } } })
  const cipher = await scriptCipher(undefined)
  const { store, where } = openStore(flags)
  const deps: Deps = {
    store,
    clock: systemClock,
    ids: randomIds,
    cipher,
    settings: { applicationPrefix: process.env.LANTIAN_APP_PREFIX || 'MLS', defaultUnitId: process.env.LANTIAN_DEFAULT_UNIT || 'unit-root' },
    files: cloudbaseFileStore(),
  }
  const call = async (name: string, data: object) => (await getApp().callFunction({ name, data })).result as ApiReply<unknown>
  console.log(`Smoke test of ${where}`)
  try {
    const outcome = await smokeCloud(deps, getDb(), call, flags.root ?? deps.settings.defaultUnitId, hostname(), (line) => console.log(line))
    console.log(outcome.ok ? 'Smoke test passed.' : 'Smoke test FAILED: see the first FAIL line above.')
    return outcome.ok ? 0 : 1
  } finally {
    await store.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`smoke:cloud: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
