/**
 * A CloudBase environment held in memory, for deploy tests: `describe` reads it, `apply` changes it
 * the way the CloudBase APIs would (creating an existing index or trigger fails, a new collection
 * starts with the creator-only permission, a code upload alone leaves the recorded hash alone).
 */
import type { Change, CurrentCollection, CurrentFunction, CurrentState, DesiredState } from '../../scripts/deploy/model'
import type { CloudbaseTarget } from '../../scripts/deploy/target'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export class MemoryTarget implements CloudbaseTarget {
  readonly functions: Record<string, Mutable<CurrentFunction>>
  readonly collections: Record<string, Mutable<CurrentCollection>>
  readonly calls: Change[] = []
  storage: CurrentState['storage']

  constructor(state: CurrentState) {
    const copy = structuredClone(state) as { functions: Record<string, CurrentFunction>; collections: Record<string, CurrentCollection> }
    this.functions = copy.functions
    this.collections = copy.collections
    this.storage = structuredClone(state.storage)
  }

  async describe(desired: DesiredState): Promise<CurrentState> {
    const pick = <T>(all: Record<string, T>, names: string[]) => Object.fromEntries(names.filter((n) => all[n]).map((n) => [n, structuredClone(all[n])]))
    return {
      functions: pick(this.functions, desired.functions.map((f) => f.name)),
      collections: pick(this.collections, desired.collections.map((c) => c.name)),
      ...(this.storage ? { storage: structuredClone(this.storage) } : {}),
    }
  }

  async apply(change: Change, desired: DesiredState): Promise<void> {
    this.calls.push(change)
    const fail = (why: string) => {
      throw new Error(`${change.kind}: ${why}`)
    }
    const indexOf = (collection: string, name: string) => desired.collections.find((c) => c.name === collection)!.indexes.find((i) => i.name === name)!
    const fnOf = (name: string) => desired.functions.find((f) => f.name === name)!
    switch (change.kind) {
      case 'collection.create':
        if (this.collections[change.collection]) fail('exists')
        this.collections[change.collection] = { name: change.collection, indexes: [{ name: '_id_', keys: [['_id', 1]], unique: true }], acl: 'PRIVATE' }
        return
      case 'index.create': {
        const c = this.collections[change.collection] ?? fail('no collection')
        if (c.indexes.some((i) => i.name === change.index)) fail('index exists')
        c.indexes = [...c.indexes, structuredClone(indexOf(change.collection, change.index))]
        return
      }
      case 'index.replace': {
        const c = this.collections[change.collection] ?? fail('no collection')
        c.indexes = [...c.indexes.filter((i) => i.name !== change.index), structuredClone(indexOf(change.collection, change.index))]
        return
      }
      case 'acl.set':
        ;(this.collections[change.collection] ?? fail('no collection')).acl = change.to
        return
      case 'storage.rules':
        this.storage = structuredClone(desired.storage)
        return
      case 'function.create': {
        if (this.functions[change.fn]) fail('exists')
        const f = fnOf(change.fn)
        this.functions[f.name] = {
          name: f.name,
          runtime: f.runtime,
          memoryMB: f.memoryMB,
          timeoutSec: f.timeoutSec,
          env: Object.fromEntries(f.env.map((v) => [v.name, v.value])),
          codeHash: f.codeHash,
          triggers: f.triggers.map((t) => ({ name: t.name, cron: t.cron })),
        }
        return
      }
      case 'function.code':
        if (!this.functions[change.fn]) fail('no function')
        return
      case 'function.config': {
        const have = this.functions[change.fn] ?? fail('no function')
        const f = fnOf(change.fn)
        Object.assign(have, { memoryMB: f.memoryMB, timeoutSec: f.timeoutSec, codeHash: f.codeHash, env: Object.fromEntries(f.env.map((v) => [v.name, v.value])) })
        return
      }
      case 'trigger.create': {
        const have = this.functions[change.fn] ?? fail('no function')
        if (have.triggers.some((t) => t.name === change.trigger)) fail('trigger exists')
        const t = fnOf(change.fn).triggers.find((x) => x.name === change.trigger)!
        have.triggers = [...have.triggers, { name: t.name, cron: t.cron }]
        return
      }
      case 'trigger.delete': {
        const have = this.functions[change.fn] ?? fail('no function')
        have.triggers = have.triggers.filter((t) => t.name !== change.trigger)
        return
      }
    }
  }
}
