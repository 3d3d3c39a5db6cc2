import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { KeyMaterial, KeyProvider } from '../../ports'
import { loadOrCreateKeyFile } from '../../local/keys'
import { legacyAuditKey } from '../node-cipher'

const DATA_V1 = 'data.key'
const AUDIT = 'audit.key'
const VERSIONED = /^data-(\d+)\.key$/

/** The versions of the data key files in `dir`: `data.key` is version 1, `data-<N>.key` version N. */
function dataVersions(dir: string): number[] {
  const files = existsSync(dir) ? readdirSync(dir) : []
  const versions = files.flatMap((f) => (f === DATA_V1 ? [1] : VERSIONED.test(f) ? [Number(VERSIONED.exec(f)![1])] : []))
  return versions.sort((a, b) => a - b)
}

const fileOf = (version: number) => (version === 1 ? DATA_V1 : `data-${version}.key`)

/**
 * The local runtime's keys: files of mode 0600 in the data directory's `keys` folder, the highest
 * data key version current. A new data directory gets a data key and an audit key of its own;
 * one made before the audit key existed keeps its chain's key (derived from data key 1) until an
 * `audit.key` is put beside it.
 */
export function loadLocalKeys(dir: string): KeyMaterial {
  const fresh = dataVersions(dir).length === 0
  if (fresh) loadOrCreateKeyFile(dir, DATA_V1)
  const versions = dataVersions(dir)
  const keys = new Map(versions.map((v) => [v, loadOrCreateKeyFile(dir, fileOf(v))]))
  const hasAudit = existsSync(join(dir, AUDIT))
  const audit = fresh || hasAudit ? loadOrCreateKeyFile(dir, AUDIT) : keys.has(1) ? legacyAuditKey(keys.get(1)!) : loadOrCreateKeyFile(dir, AUDIT)
  return { data: { current: versions[versions.length - 1], keys }, audit }
}

/** Adds the next data key version to `dir` (the first step of a rotation) and says which it is. */
export function addLocalDataKey(dir: string): number {
  loadLocalKeys(dir)
  const versions = dataVersions(dir)
  const next = versions[versions.length - 1] + 1
  loadOrCreateKeyFile(dir, fileOf(next))
  return next
}

/** The key files of `dir` as a provider: for the local runtime and the scripts run beside it. */
export function localKeyFiles(dir: string): KeyProvider & { loadSync(): KeyMaterial } {
  return {
    name: 'local-files',
    loadSync: () => loadLocalKeys(dir),
    load: async () => loadLocalKeys(dir),
  }
}

/** The key local files and file links are sealed with: the oldest data key held (files are not rewritten by a rotation). */
export const filesKeyOf = (material: KeyMaterial): Buffer => material.data.keys.get(Math.min(...material.data.keys.keys()))!
