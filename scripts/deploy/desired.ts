/** The desired state of a union's environment, from the code's declarations and the operator's settings. */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { COLLECTION_DECLARATIONS } from '../../server/adapters/cloudbase/schema'
import { FUNCTION_ENV, FUNCTIONS, type FunctionEnvName } from '../../server/cloud/functions.manifest'
import { COLLECTION_ACL, STORAGE_RULE, type DesiredState } from './model'

export interface DeployInputs {
  envId: string
  region: string
  /** Values of the non-secret variables (the config file's `settings`); defaults fill the rest. */
  settings: Partial<Record<FunctionEnvName, string>>
  /** Values of the secret variables, from the operator's shell; empty in a dry run. */
  secrets: Partial<Record<FunctionEnvName, string>>
  /** Hash of each built function folder; null in a dry run. */
  codeHashes: Readonly<Record<string, string>> | null
}

export function desiredState(inputs: DeployInputs): DesiredState {
  return {
    envId: inputs.envId,
    region: inputs.region,
    functions: FUNCTIONS.map((f) => ({
      name: f.name,
      runtime: f.runtime,
      memoryMB: f.memoryMB,
      timeoutSec: f.timeoutSec,
      env: f.env.map((name) => {
        const spec: { secret: boolean; default?: string } = FUNCTION_ENV[name]
        const value = spec.secret ? inputs.secrets[name] : inputs.settings[name]
        return { name, secret: spec.secret, value: value ?? spec.default ?? '' }
      }),
      triggers: f.triggers.map((t) => ({ ...t })),
      openapi: [...f.openapi],
      codeHash: inputs.codeHashes ? (inputs.codeHashes[f.name] ?? null) : null,
    })),
    collections: COLLECTION_DECLARATIONS.map((c) => ({ name: c.name, indexes: c.indexes, acl: COLLECTION_ACL })),
    storage: { acl: 'CUSTOM', rule: STORAGE_RULE },
  }
}

/** The hash deploy records for a function folder: every file it uploads (index.js, package.json, config.json), by name. */
export function folderHash(dir: string): string {
  const hash = createHash('sha256')
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
  for (const file of files) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(dir, file)))
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** What deploy writes into a function's description, so the next run can tell whether its code changed. */
export const functionDescription = (fn: string, codeHash: string | null) => `Lantian ${fn} · code ${codeHash ?? 'unknown'}`

/** The code hash recorded in a deployed function's description, if deploy wrote it. */
export function codeHashFromDescription(description: string | undefined): string | null {
  return /· code ([0-9a-f]{16})\b/.exec(description ?? '')?.[1] ?? null
}
