import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OrgUnitRecord, Store } from '../ports'
import { DEMO_ACCOUNTS } from './demo'

const ROOT: OrgUnitRecord = { id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] }

/** Mile city's township units, from the reference data shipped beside this file. */
export function mileTownships(): OrgUnitRecord[] {
  const rows = readFileSync(join(__dirname, 'seed', 'mile-townships.csv'), 'utf8').trim().split('\n').slice(1)
  return rows.map((line) => {
    const [code, name] = line.split(',')
    const id = `unit-${code}`
    return { id, name: `${name.replace(/"/g, '')}总工会`, parentId: ROOT.id, path: [ROOT.id, id] }
  })
}

/**
 * The small demo data set written on first start: the union tree of Mile city and the demo
 * staff bindings. Applications are left for the visitor to make. Sample data, not real people.
 */
export async function seedDemo(store: Store): Promise<boolean> {
  if (await store.repos.units.get(ROOT.id)) return false
  await store.transaction(async (repos) => {
    await repos.units.put(ROOT)
    for (const unit of mileTownships()) await repos.units.put(unit)
    for (const a of DEMO_ACCOUNTS) {
      if (!a.staff) continue
      await repos.staff.put({ openid: `demo-${a.key}`, displayName: a.name, unitId: a.staff.unitId, roles: a.staff.roles, active: true })
    }
  })
  return true
}
