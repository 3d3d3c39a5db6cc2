/**
 * The deploy plan's data: what a union's CloudBase environment should hold (desired), what it
 * holds (current, as a target describes it), and the changes between them. No secret value ever
 * sits in a `Change`: changes name things, and `apply` reads values from the desired state.
 */
import type { IndexKey } from '../../server/adapters/cloudbase/collection-schema'

/** No client reads or writes a collection directly: every access goes through our functions. */
export const COLLECTION_ACL = 'ADMINONLY'

/**
 * Cloud storage's security rules (存储安全规则), which apply to client requests only (the
 * functions' server SDK always reads and writes): a client reads no file at all (documents are
 * handed out by temporary links), and writes only files of its own under `uploads/` (each client
 * uploads to `uploads/<openid>/...`, which the functions check when the file is registered).
 * Rules cannot limit a size: registration checks it and deletes what is too big.
 */
export const STORAGE_RULE: StorageRule = {
  read: false,
  write: 'auth.openid != null && resource.openid == auth.openid && /^uploads\\//.test(resource.path) == true',
}

/** A storage rule as CloudBase takes it (`{ read, write }`: true, false, or an expression). */
export interface StorageRule {
  read: boolean | string
  write: boolean | string
}

export interface DesiredIndex {
  name: string
  keys: readonly IndexKey[]
  unique: boolean
}

export interface DesiredCollection {
  name: string
  indexes: readonly DesiredIndex[]
  acl: typeof COLLECTION_ACL
}

export interface EnvValue {
  name: string
  value: string
  secret: boolean
}

export interface DesiredTrigger {
  name: string
  cron: string
  purpose: string
}

export interface DesiredFunction {
  name: string
  runtime: string
  memoryMB: number
  timeoutSec: number
  env: readonly EnvValue[]
  triggers: readonly DesiredTrigger[]
  openapi: readonly string[]
  /** sha256 (hex, 16) of the uploaded files; null in a dry run, where nothing is built. */
  codeHash: string | null
}

export interface DesiredState {
  envId: string
  region: string
  functions: readonly DesiredFunction[]
  collections: readonly DesiredCollection[]
  /** Storage permission: always CUSTOM with `STORAGE_RULE`. */
  storage: { acl: 'CUSTOM'; rule: StorageRule }
}

export interface CurrentIndex {
  name: string
  keys: readonly IndexKey[]
  unique: boolean
}

export interface CurrentCollection {
  name: string
  indexes: readonly CurrentIndex[]
  /** The permission tag (ADMINONLY, PRIVATE, READONLY, ADMINWRITE, CUSTOM), null when unknown. */
  acl: string | null
}

export interface CurrentFunction {
  name: string
  runtime: string
  memoryMB: number
  timeoutSec: number
  env: Readonly<Record<string, string>>
  /** From the function's description, where deploy records the hash of the code it uploaded. */
  codeHash: string | null
  triggers: readonly { name: string; cron: string }[]
}

/** What the environment holds of the desired functions and collections; missing ones are absent. */
export interface CurrentState {
  functions: Readonly<Record<string, CurrentFunction>>
  collections: Readonly<Record<string, CurrentCollection>>
  /** The storage permission (READONLY by default: every user reads, the creator writes); absent when unknown. */
  storage?: { acl: string | null; rule: StorageRule | null }
}

export const EMPTY_STATE: CurrentState = { functions: {}, collections: {} }

export type Change =
  | { kind: 'collection.create'; collection: string }
  | { kind: 'index.create'; collection: string; index: string }
  /** Same name, other keys or uniqueness: dropped and created again. */
  | { kind: 'index.replace'; collection: string; index: string }
  | { kind: 'acl.set'; collection: string; from: string | null; to: string }
  /** The storage security rules, from whatever they were (`from`: the permission tag, null when unknown). */
  | { kind: 'storage.rules'; from: string | null }
  /** Code, configuration and triggers in one step. */
  | { kind: 'function.create'; fn: string }
  | { kind: 'function.code'; fn: string }
  /** `fields`: which settings differ (memory, timeout, env NAME, code hash); never their values. */
  | { kind: 'function.config'; fn: string; fields: readonly string[] }
  | { kind: 'trigger.create'; fn: string; trigger: string }
  | { kind: 'trigger.delete'; fn: string; trigger: string }

/** Something deploy must not change by itself; the run stops before any change is made. */
export interface Blocker {
  what: string
  why: string
}

export interface Plan {
  changes: readonly Change[]
  blockers: readonly Blocker[]
  /** Things that differ but are left alone on purpose (e.g. an index nobody declared). */
  notes: readonly string[]
}
