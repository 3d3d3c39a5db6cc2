/**
 * `npm run bootstrap:admin`: the first admin of a new deployment. Makes ONE one-time invitation
 * code, for the root unit (or `--unit <id>`) with the roles admin and reviewer, prints it once, and
 * refuses to run a second time. The person enters it in the mini-program (home → 工作人员绑定);
 * every later staff member is invited by an admin.
 *
 *   npm run bootstrap:admin -- --name 张三 [--unit unit-root]
 *       in the CloudBase environment of deploy/lantian.deploy.json (or --env, --region, --config),
 *       with TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY and LANTIAN_DATA_KEY (the functions'
 *       data key: the code is stored as a keyed hash under it) from the shell
 *   npm run bootstrap:admin -- --name 张三 --local ./data
 *       in a local data directory, with its key file (LANTIAN_DATA_KEY first, as the local app reads it)
 */
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { cloudbaseFileStore } from '../server/adapters/cloudbase/file-store'
import { localFileStore } from '../server/adapters/files/local-file-store'
import { filesKeyOf } from '../server/adapters/keys/local-key-files'
import { createKeyRingCipher } from '../server/adapters/node-cipher'
import type { Deps } from '../server/ports'
import { randomIds, systemClock } from '../server/runtime'
import { bootstrapFirstAdmin } from '../server/usecases/admin/bootstrap'
import { AppError } from '../src/domain'
import { scriptKeys } from './script-keys'
import { openStore } from './store-target'

/** `2026-03-09 10:00`, Asia/Shanghai. */
const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      name: { type: 'string' },
      unit: { type: 'string' },
      local: { type: 'string' },
      env: { type: 'string' },
      region: { type: 'string' },
      config: { type: 'string' },
    },
  })
  if (!flags.name) {
    console.error('bootstrap:admin: give --name <the first admin\'s name> (and --unit <id> for another unit than the root; --local <dataDir> for a local store)')
    return 2
  }
  const keys = await scriptKeys(flags.local)
  const { store, where } = openStore(flags)
  const deps: Deps = {
    store,
    clock: systemClock,
    ids: randomIds,
    cipher: createKeyRingCipher(keys),
    settings: { applicationPrefix: process.env.LANTIAN_APP_PREFIX || 'MLS', defaultUnitId: process.env.LANTIAN_DEFAULT_UNIT || 'unit-root' },
    files: flags.local ? localFileStore(join(resolve(flags.local), 'files'), filesKeyOf(keys)) : cloudbaseFileStore(),
  }
  try {
    const inv = await bootstrapFirstAdmin(deps, { displayName: flags.name, unitId: flags.unit })
    console.log(`已在${where}为“${inv.displayName}”生成首位管理员的邀请码（单位：${inv.unitName}（${inv.unitId}），角色：${inv.roles.join('、')}）：`)
    console.log('')
    console.log(`    ${inv.code}`)
    console.log('')
    console.log(`请本人在小程序首页点“工作人员绑定”输入这个邀请码。它只显示这一次，只能用一次，${shanghai(inv.expiresAt)}（北京时间）前有效。`)
    return 0
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    console.error(`bootstrap:admin: ${err.message}`)
    return 1
  } finally {
    await store.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bootstrap:admin: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
