/**
 * `npm run import:union`: a real union's first data, the union tree and its policy parameters,
 * from CSV files (templates in deploy/). Every row is checked first; nothing is written when any
 * row is bad; all writes happen in one transaction.
 *
 *   npm run import:union -- --file units.csv --policy policy.csv [--dry-run]
 *       into the CloudBase environment of deploy/lantian.deploy.json (or --env, --region, --config),
 *       with TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY from the shell
 *   npm run import:union -- --file units.csv --local ./data
 *       into the local SQLite store instead (for trying a file out)
 */
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { formatProblem, importUnionData, UNION_FILE_LIMITS, type ImportFile } from '../server/import'
import type { OrgUnitRecord } from '../server/ports'
import { STATUS_LABELS, type ApplicationStatus } from '../src/domain'
import { readBounded, runScript } from './operator-files'
import { openStore } from './store-target'

function tree(units: OrgUnitRecord[]): string[] {
  return units.map((u) => `  ${'  '.repeat(u.path.length - 1)}${u.name} (${u.id})`)
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      file: { type: 'string' },
      policy: { type: 'string' },
      'dry-run': { type: 'boolean' },
      local: { type: 'string' },
      env: { type: 'string' },
      region: { type: 'string' },
      config: { type: 'string' },
    },
  })
  if (!flags.file && !flags.policy) {
    console.error('import:union: give --file <units.csv> and/or --policy <policy.csv> (templates: deploy/units.example.csv, deploy/policy.example.csv)')
    return 2
  }
  const load = (path?: string): ImportFile | undefined => (path ? { name: basename(path), bytes: readBounded(path, UNION_FILE_LIMITS.maxBytes) } : undefined)
  const files = { units: load(flags.file), policy: load(flags.policy) }
  const dryRun = flags['dry-run'] ?? false
  const { store, where } = openStore(flags)
  try {
    const result = await importUnionData(store, files, { dryRun })
    if (!result.ok) {
      console.error(`导入未进行：发现 ${result.problems.length} 处问题，没有写入任何数据。`)
      for (const p of result.problems) console.error(`  - ${formatProblem(p)}`)
      return 1
    }
    const verb = dryRun ? '将写入' : '已写入'
    console.log(`${verb}${where}${dryRun ? '（试运行，未写入任何数据）' : ''}：`)
    if (files.units) {
      console.log(`  单位 ${result.units.length} 个（新增 ${result.newUnits}，更新 ${result.units.length - result.newUnits}）`)
      for (const line of tree(result.units)) console.log(`  ${line}`)
    }
    if (files.policy) {
      console.log(`  政策参数 ${result.policies.length} 条`)
      for (const p of result.policies) {
        const deadlines = Object.entries(p.stageDeadlineDays).map(([s, d]) => `${STATUS_LABELS[s as ApplicationStatus]} ${d} 天`).join('，') || '无'
        console.log(`    ${p.unitId}: 低保线 ${(p.dibaoLineFen / 100).toFixed(2)} 元，公示 ${p.publicityDays} 天，时限 ${deadlines}，模板 ${Object.keys(p.subscribeTemplateIds).join('、') || '无'}`)
      }
    }
    return 0
  } finally {
    await store.close()
  }
}

runScript('import:union', main)
