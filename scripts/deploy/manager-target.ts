/**
 * The real target: Tencent's `@cloudbase/manager-node`. Reading replies is kept in pure functions
 * (`functionFromDetail`, `indexesFromTable`) so tests check them on recorded replies.
 */
import CloudBase from '@cloudbase/manager-node'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { IndexKey } from '../../server/adapters/cloudbase/collection-schema'
import { codeHashFromDescription, functionDescription } from './desired'
import type { Change, CurrentFunction, CurrentIndex, CurrentState, DesiredFunction, DesiredState } from './model'
import type { CloudbaseTarget } from './target'

/** Credentials of a CAM user or role allowed to manage the environment: from the operator's shell only. */
export interface Credentials {
  secretId: string
  secretKey: string
  /** For temporary credentials. */
  token?: string
}

type Loose = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : '')

const direction = (d: unknown): IndexKey[1] => {
  const s = String(d)
  return s === '2dsphere' ? '2dsphere' : s === '-1' ? -1 : 1
}

/** Indexes from a DescribeTable reply (`Indexes: [{ Name, Keys: [{ Name, Direction }], Unique }]`). */
export function indexesFromTable(table: Loose): CurrentIndex[] {
  const indexes = Array.isArray(table.Indexes) ? (table.Indexes as Loose[]) : []
  return indexes.map((i) => ({
    name: str(i.Name),
    keys: (Array.isArray(i.Keys) ? (i.Keys as Loose[]) : []).map((k) => [str(k.Name), direction(k.Direction)] as const),
    unique: i.Unique === true,
  }))
}

/** A timer trigger's cron from GetFunction: `TriggerDesc` is `{"cron":"..."}` or the bare expression. */
function cronOf(desc: unknown): string {
  const text = str(desc)
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed && typeof parsed === 'object' && typeof (parsed as Loose).cron === 'string') return (parsed as { cron: string }).cron
  } catch {
    // not JSON: the expression itself
  }
  return text
}

/** A deployed function from a GetFunction reply. */
export function functionFromDetail(detail: Loose): CurrentFunction {
  const environment = (detail.Environment ?? {}) as { Variables?: Loose[] }
  const triggers = Array.isArray(detail.Triggers) ? (detail.Triggers as Loose[]) : []
  return {
    name: str(detail.FunctionName),
    runtime: str(detail.Runtime),
    memoryMB: Number(detail.MemorySize ?? 0),
    timeoutSec: Number(detail.Timeout ?? 0),
    env: Object.fromEntries((environment.Variables ?? []).map((v) => [str(v.Key), str(v.Value)])),
    codeHash: codeHashFromDescription(str(detail.Description)),
    triggers: triggers.filter((t) => str(t.Type) === 'timer').map((t) => ({ name: str(t.TriggerName), cron: cronOf(t.TriggerDesc) })),
  }
}

/** The function settings manager-node takes: bundled code, so nothing is installed in the cloud. */
function functionConfig(f: DesiredFunction) {
  return {
    name: f.name,
    runtime: f.runtime,
    handler: 'index.main',
    memorySize: f.memoryMB,
    timeout: f.timeoutSec,
    installDependency: false,
    description: functionDescription(f.name, f.codeHash),
    envVariables: Object.fromEntries(f.env.map((v) => [v.name, v.value])),
  }
}

/** Inline zip upload while the folder surely zips under the API's 1.5 MB; Tencent's temporary COS bucket above. */
export function deployModeFor(dir: string): 'zip' | 'cos' {
  const compressed = readdirSync(dir).reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0)
  return compressed < 1_200_000 ? 'zip' : 'cos'
}

export class ManagerTarget implements CloudbaseTarget {
  private readonly app: CloudBase

  /** `functionRoot`: the cloudfunctions/ folder whose built subfolders are uploaded. */
  constructor(
    private readonly envId: string,
    region: string,
    credentials: Credentials,
    private readonly functionRoot: string,
  ) {
    this.app = new CloudBase({ ...credentials, envId, region })
  }

  private tcb(action: string, param: Loose): Promise<Loose> {
    return this.app.commonService('tcb', '2018-06-08').call({ Action: action, Param: { EnvId: this.envId, ...param } }) as Promise<Loose>
  }

  async describe(desired: DesiredState): Promise<CurrentState> {
    const deployedFunctions = new Set((await this.app.functions.listAllFunctions({ envId: this.envId })).map((f) => f.FunctionName))
    const functions: Record<string, CurrentFunction> = {}
    for (const f of desired.functions) {
      if (!deployedFunctions.has(f.name)) continue
      functions[f.name] = functionFromDetail((await this.app.functions.getFunctionDetail(f.name)) as unknown as Loose)
    }

    const existing = new Set<string>()
    for (let offset = 0; ; offset += 100) {
      const page = await this.app.database.listCollections({ MgoLimit: 100, MgoOffset: offset })
      for (const c of page.Collections ?? []) existing.add(c.CollectionName)
      if ((page.Collections ?? []).length < 100) break
    }
    const collections: Record<string, CurrentState['collections'][string]> = {}
    for (const c of desired.collections) {
      if (!existing.has(c.name)) continue
      const table = (await this.app.database.describeCollection(c.name)) as unknown as Loose
      const acl = await this.tcb('DescribeDatabaseACL', { CollectionName: c.name })
      collections[c.name] = { name: c.name, indexes: indexesFromTable(table), acl: str(acl.AclTag) || null }
    }
    const storage = (await this.app.storage.getStorageAcl({ withRule: true })) as { acl: string; rule?: { read: boolean | string; write: boolean | string } }
    return { functions, collections, storage: { acl: storage.acl || null, rule: storage.rule ?? null } }
  }

  async apply(change: Change, desired: DesiredState): Promise<void> {
    const db = this.app.database
    const fns = this.app.functions
    const indexOf = (collection: string, index: string) => {
      const found = desired.collections.find((c) => c.name === collection)?.indexes.find((i) => i.name === index)
      if (!found) throw new Error(`no declared index ${collection}.${index}`)
      return {
        IndexName: found.name,
        MgoKeySchema: { MgoIndexKeys: found.keys.map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: found.unique },
      }
    }
    const fnOf = (name: string) => {
      const found = desired.functions.find((f) => f.name === name)
      if (!found) throw new Error(`no declared function ${name}`)
      return found
    }
    const triggerOf = (fn: string, name: string) => {
      const found = fnOf(fn).triggers.find((t) => t.name === name)
      if (!found) throw new Error(`no declared trigger ${fn}.${name}`)
      return { name: found.name, type: 'timer', config: found.cron }
    }

    switch (change.kind) {
      case 'collection.create':
        await db.createCollectionIfNotExists(change.collection)
        return
      case 'index.create':
        await db.updateCollection(change.collection, { CreateIndexes: [indexOf(change.collection, change.index)] })
        return
      case 'index.replace':
        await db.updateCollection(change.collection, { DropIndexes: [{ IndexName: change.index }] })
        await db.updateCollection(change.collection, { CreateIndexes: [indexOf(change.collection, change.index)] })
        return
      case 'acl.set':
        await this.tcb('ModifyDatabaseACL', { CollectionName: change.collection, AclTag: change.to })
        return
      case 'storage.rules':
        await this.app.storage.setStorageAcl(desired.storage.acl, desired.storage.rule)
        return
      case 'function.create': {
        const f = fnOf(change.fn)
        await fns.createFunction({
          func: { ...functionConfig(f), triggers: f.triggers.map((t) => triggerOf(f.name, t.name)) },
          functionRootPath: this.functionRoot,
          force: false,
          deployMode: deployModeFor(join(this.functionRoot, f.name)),
        })
        return
      }
      case 'function.code': {
        const f = fnOf(change.fn)
        await fns.updateFunctionCode({ func: functionConfig(f), functionRootPath: this.functionRoot, deployMode: deployModeFor(join(this.functionRoot, f.name)) })
        await fns.waitFunctionActive(f.name)
        return
      }
      case 'function.config': {
        const f = fnOf(change.fn)
        await fns.updateFunctionConfig(functionConfig(f))
        await fns.waitFunctionActive(f.name)
        return
      }
      case 'trigger.create':
        await fns.createFunctionTriggers(change.fn, [triggerOf(change.fn, change.trigger)])
        return
      case 'trigger.delete':
        await fns.deleteFunctionTrigger(change.fn, change.trigger)
        return
    }
  }
}
