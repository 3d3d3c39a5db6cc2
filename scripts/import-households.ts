/**
 * `npm run import:households`: a union's households already filed in the national system, from
 * the files the household export (建档户, as a reviewer exports it: unmasked) and the ledger export
 * (帮扶资金台账) write, CSV or XLSX, with optional files of family members in full (家庭成员), aid
 * measures (帮扶措施) and contacts (联系记录) laid out as the household-*.example.csv files of deploy/
 * show. Run with --dry-run first: it lists every problem of every file by file, line and column,
 * and writes nothing. Units must be imported first (import:union). Rerunning the same files skips
 * what was imported before.
 *
 *   npm run import:households -- --households 建档户.csv [--ledger 帮扶资金台账.csv] [--members 家庭成员.csv]
 *         [--measures 帮扶措施.csv] [--contacts 联系记录.csv] [--dry-run] --operator 张三
 *       into the CloudBase environment of deploy/lantian.deploy.json (or --env, --region, --config),
 *       with TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY and LANTIAN_DATA_KEY from the shell
 *   npm run import:households -- --households 建档户.csv --local ./data --operator 张三
 *       into the local SQLite store of a data directory, with its key file
 */
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { formatProblem, type ImportFile } from '../server/import'
import { HOUSEHOLD_FILE_LIMITS, importHouseholds } from '../server/import/households'
import { randomIds, systemClock } from '../server/runtime'
import { readBounded, runScript } from './operator-files'
import { scriptCipher } from './script-keys'
import { openStore } from './store-target'

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      households: { type: 'string' },
      ledger: { type: 'string' },
      members: { type: 'string' },
      measures: { type: 'string' },
      contacts: { type: 'string' },
      operator: { type: 'string' },
      'dry-run': { type: 'boolean' },
      local: { type: 'string' },
      env: { type: 'string' },
      region: { type: 'string' },
      config: { type: 'string' },
    },
  })
  if (!flags.households || !flags.operator) {
    console.error('import:households: give --households <建档户.csv|xlsx> [--ledger <帮扶资金台账>] [--members <家庭成员>] [--measures <帮扶措施>] [--contacts <联系记录>] --operator <your name> [--dry-run]')
    return 2
  }
  const load = (path: string): ImportFile => ({ name: basename(path), bytes: readBounded(path, HOUSEHOLD_FILE_LIMITS.maxBytes) })
  const optional = (['ledger', 'members', 'measures', 'contacts'] as const).flatMap((part) => (flags[part] ? [[part, load(flags[part])] as const] : []))
  const files = { households: load(flags.households), ...Object.fromEntries(optional) }
  const dryRun = flags['dry-run'] ?? false
  const cipher = await scriptCipher(flags.local)
  const { store, where } = openStore(flags)
  try {
    const result = await importHouseholds({ store, clock: systemClock, ids: randomIds, cipher }, files, { dryRun, operator: flags.operator })
    if (!result.ok) {
      console.error(`导入未进行：发现 ${result.problems.length} 处问题，没有写入任何数据。`)
      for (const p of result.problems) console.error(`  - ${formatProblem(p)}`)
      return 1
    }
    console.log(`${dryRun ? '将写入' : '已写入'}${where}${dryRun ? '（试运行，未写入任何数据）' : ''}：`)
    console.log(`  建档户 ${result.households} 户（此前已导入、本次跳过 ${result.skipped} 户）`)
    console.log(`  帮扶措施 ${result.measures} 项，资金台账 ${result.entries} 笔（标记为迁移数据），联系记录 ${result.contacts} 条，分 ${result.batches} 批写入`)
    return 0
  } finally {
    await store.close()
  }
}

runScript('import:households', main)
