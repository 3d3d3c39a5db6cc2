/** Plain-text output of deploy. A secret is shown as set or missing, never as its value. */
import type { IndexKey } from '../../server/adapters/cloudbase/collection-schema'
import type { Change, DesiredState, Plan } from './model'

const keyText = (keys: readonly IndexKey[]) =>
  keys.map(([f, d]) => `${f} ${d === 1 ? 'asc' : d === -1 ? 'desc' : d}`).join(', ')

/** The whole desired state: functions with their settings, triggers and permissions; collections with indexes and permissions. */
export function formatDesired(desired: DesiredState): string {
  const out: string[] = []
  out.push(`Environment: ${desired.envId || '<env id: set envId in the config file or pass --env>'} (region ${desired.region})`)
  out.push('')
  out.push(`Functions (${desired.functions.length}), from server/cloud/functions.manifest.ts`)
  for (const f of desired.functions) {
    out.push(`  ${f.name}: ${f.runtime}, ${f.memoryMB} MB, timeout ${f.timeoutSec} s, code cloudfunctions/${f.name}/ (${f.codeHash ? `hash ${f.codeHash}` : 'built by deploy'})`)
    const env = f.env.map((v) => (v.secret ? `${v.name}=<secret from your shell: ${v.value ? 'set' : 'NOT SET'}>` : `${v.name}=${v.value}`))
    out.push(`      env: ${env.join(', ') || 'none'}`)
    out.push(`      timer triggers: ${f.triggers.map((t) => `${t.name} "${t.cron}" (${t.purpose})`).join('; ') || 'none'}`)
    out.push(`      openapi permissions (config.json): ${f.openapi.join(', ') || 'none'}`)
  }
  out.push('')
  out.push(`Collections (${desired.collections.length}), from server/adapters/cloudbase/schema.ts`)
  for (const c of desired.collections) {
    out.push(`  ${c.name}: permission ${c.acl}${c.indexes.length ? '' : ', no index beyond _id'}`)
    for (const i of c.indexes) out.push(`      index ${i.name}${i.unique ? ' (unique)' : ''}: ${keyText(i.keys)}`)
  }
  out.push('')
  out.push(`Storage: permission ${desired.storage.acl}, read ${JSON.stringify(desired.storage.rule.read)}, write ${JSON.stringify(desired.storage.rule.write)}`)
  return out.join('\n')
}

/** One change as a line of the plan. */
export function describeChange(c: Change): string {
  switch (c.kind) {
    case 'collection.create':
      return `create collection ${c.collection}`
    case 'index.create':
      return `create index ${c.collection}.${c.index}`
    case 'index.replace':
      return `replace index ${c.collection}.${c.index} (its keys or uniqueness differ)`
    case 'acl.set':
      return `set permission of ${c.collection}: ${c.from ?? 'default'} -> ${c.to}`
    case 'storage.rules':
      return `set storage security rules: ${c.from ?? 'default'} -> CUSTOM (clients read nothing, write only their own uploads/)`
    case 'function.create':
      return `create function ${c.fn} (code, settings, environment, timer triggers)`
    case 'function.code':
      return `upload code of ${c.fn}`
    case 'function.config':
      return `update settings of ${c.fn}: ${c.fields.join(', ')}`
    case 'trigger.create':
      return `create timer trigger ${c.fn}.${c.trigger}`
    case 'trigger.delete':
      return `delete timer trigger ${c.fn}.${c.trigger}`
  }
}

/** The plan: blockers first, then each change, then what was left alone. */
export function formatPlan(plan: Plan): string {
  const out: string[] = []
  for (const b of plan.blockers) out.push(`  BLOCKED  ${b.what}: ${b.why}`)
  if (!plan.changes.length) out.push('  nothing to change: the environment matches the code')
  for (const c of plan.changes) out.push(`  - ${describeChange(c)}`)
  for (const n of plan.notes) out.push(`  note: ${n}`)
  return out.join('\n')
}

/** How many changes of each kind, e.g. "2 function.create, 8 collection.create". */
export function summarize(changes: readonly Change[]): string {
  const counts = new Map<string, number>()
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'no changes'
}
