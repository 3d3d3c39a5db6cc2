/**
 * The planner: desired state + current state -> the changes that make them equal. Pure: no
 * network, no clock, no secret in its output (a secret is compared, never copied).
 */
import {
  type Blocker,
  type Change,
  type CurrentCollection,
  type CurrentFunction,
  type CurrentIndex,
  type DesiredCollection,
  type DesiredFunction,
  type DesiredIndex,
  type CurrentState,
  type DesiredState,
  type Plan,
} from './model'

export interface PlanOptions {
  /** Let deploy replace a data key that deployed functions already use (only for an environment without data). */
  replaceDataKey?: boolean
}

const sameKeys = (a: DesiredIndex | CurrentIndex, b: CurrentIndex) => JSON.stringify(a.keys.map(([f, d]) => [f, d])) === JSON.stringify(b.keys.map(([f, d]) => [f, d]))
const sameIndex = (a: DesiredIndex, b: CurrentIndex) => a.unique === b.unique && sameKeys(a, b)

function planCollection(want: DesiredCollection, have: CurrentCollection | undefined, changes: Change[], notes: string[]): void {
  const collection = want.name
  if (!have) {
    changes.push({ kind: 'collection.create', collection })
    for (const index of want.indexes) changes.push({ kind: 'index.create', collection, index: index.name })
    changes.push({ kind: 'acl.set', collection, from: null, to: want.acl })
    return
  }
  const used = new Set<string>()
  for (const index of want.indexes) {
    const byName = have.indexes.find((i) => i.name === index.name)
    if (byName) {
      used.add(byName.name)
      if (!sameIndex(index, byName)) changes.push({ kind: 'index.replace', collection, index: index.name })
      continue
    }
    const equivalent = have.indexes.find((i) => !used.has(i.name) && sameIndex(index, i))
    if (equivalent) {
      used.add(equivalent.name)
      notes.push(`${collection}: index ${index.name} is already there as ${equivalent.name}`)
    } else {
      changes.push({ kind: 'index.create', collection, index: index.name })
    }
  }
  for (const extra of have.indexes) {
    if (extra.name !== '_id_' && !used.has(extra.name)) notes.push(`${collection}: index ${extra.name} is not declared; left in place`)
  }
  if (have.acl !== want.acl) changes.push({ kind: 'acl.set', collection, from: have.acl, to: want.acl })
}

function planFunction(want: DesiredFunction, have: CurrentFunction | undefined, options: PlanOptions, changes: Change[], blockers: Blocker[]): void {
  const fn = want.name
  if (!have) {
    changes.push({ kind: 'function.create', fn })
    return
  }
  if (have.runtime !== want.runtime) {
    blockers.push({
      what: `function ${fn}`,
      why: `it runs ${have.runtime || 'an unknown runtime'} and the manifest wants ${want.runtime}; CloudBase cannot change a runtime in place. Delete the function in the CloudBase console (the database keeps every record) and run deploy again.`,
    })
  }
  for (const v of want.env) {
    const deployed = have.env[v.name]
    if (v.secret && deployed !== undefined && deployed !== v.value && !options.replaceDataKey) {
      blockers.push({
        what: `function ${fn}`,
        why: `its ${v.name} differs from the one in your shell. Values encrypted with the deployed key become unreadable with another: set ${v.name} to the key you deployed with. (Only in an environment that holds no data yet: pass --replace-data-key.)`,
      })
    }
  }

  const codeChanged = want.codeHash === null || have.codeHash !== want.codeHash
  if (codeChanged) changes.push({ kind: 'function.code', fn })
  const fields: string[] = []
  if (have.memoryMB !== want.memoryMB) fields.push('memory')
  if (have.timeoutSec !== want.timeoutSec) fields.push('timeout')
  for (const v of want.env) if (have.env[v.name] !== v.value) fields.push(`env ${v.name}`)
  for (const name of Object.keys(have.env)) if (!want.env.some((v) => v.name === name)) fields.push(`env ${name} (removed)`)
  if (codeChanged) fields.push('code hash')
  if (fields.length) changes.push({ kind: 'function.config', fn, fields })

  for (const t of want.triggers) {
    const deployed = have.triggers.find((d) => d.name === t.name)
    if (deployed && deployed.cron === t.cron) continue
    if (deployed) changes.push({ kind: 'trigger.delete', fn, trigger: t.name })
    changes.push({ kind: 'trigger.create', fn, trigger: t.name })
  }
  for (const d of have.triggers) {
    if (!want.triggers.some((t) => t.name === d.name)) changes.push({ kind: 'trigger.delete', fn, trigger: d.name })
  }
}

const sameRule = (a: { read: unknown; write: unknown } | null, b: { read: unknown; write: unknown }) => !!a && a.read === b.read && a.write === b.write

/** The changes, in the order they are applied: collections, their indexes and permissions, the storage rules, then functions. */
export function planChanges(desired: DesiredState, current: CurrentState, options: PlanOptions = {}): Plan {
  const changes: Change[] = []
  const blockers: Blocker[] = []
  const notes: string[] = []
  for (const c of desired.collections) planCollection(c, current.collections[c.name], changes, notes)
  const storage = current.storage
  if (!storage || storage.acl !== desired.storage.acl || !sameRule(storage.rule, desired.storage.rule)) changes.push({ kind: 'storage.rules', from: storage?.acl ?? null })
  for (const f of desired.functions) planFunction(f, current.functions[f.name], options, changes, blockers)
  return { changes, blockers, notes }
}
