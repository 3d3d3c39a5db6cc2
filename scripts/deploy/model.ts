/**
 * The deploy plan's data: what a union's CloudBase environment should hold (desired), what it
 * holds (current, as a target describes it), and the changes between them. No secret value ever
 * sits in a `Change`: changes name things, and `apply` reads values from the desired state.
 */
import type { IndexKey } from '../../server/adapters/cloudbase/collection-schema'

/** No client reads or writes a collection directly: every access goes through our functions. */
export const COLLECTION_ACL = 'ADMINONLY'

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
}

export const EMPTY_STATE: CurrentState = { functions: {}, collections: {} }

export type Change =
  | { kind: 'collection.create'; collection: string }
  | { kind: 'index.create'; collection: string; index: string }
  /** Same name, other keys or uniqueness: dropped and created again. */
  | { kind: 'index.replace'; collection: string; index: string }
  | { kind: 'acl.set'; collection: string; from: string | null; to: string }
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
