/**
 * The operator's settings for deploy, upload:weapp and import:union: a JSON file (default
 * deploy/lantian.deploy.json, not committed) overridden by flags. Secrets are never read from a
 * file: a config file holding anything but the keys below is refused.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as v from 'valibot'
import { FUNCTION_ENV, type FunctionEnvName } from '../../server/cloud/functions.manifest'

export const DEFAULT_CONFIG = 'deploy/lantian.deploy.json'
export const DEFAULT_REGION = 'ap-shanghai'

const SETTING_NAMES = Object.entries(FUNCTION_ENV)
  .filter(([, spec]) => !spec.secret)
  .map(([name]) => name as FunctionEnvName)

const EnvId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'envId: the CloudBase environment id, e.g. lantian-prod-1a2b3c'))
const Region = v.pipe(v.string(), v.regex(/^[a-z]{2}-[a-z]+$/, 'region: e.g. ap-shanghai, ap-guangzhou, ap-beijing'))
const AppId = v.pipe(v.string(), v.regex(/^wx[0-9a-f]{16}$/, 'appid: the mini-program AppID, wx followed by 16 hex digits'))

const Setting = v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(64, 'at most 64 characters'))
const Settings = v.strictObject(
  Object.fromEntries(SETTING_NAMES.map((n) => [n, v.optional(Setting)])) as Record<FunctionEnvName, v.OptionalSchema<typeof Setting, undefined>>,
)

const ConfigFile = v.strictObject({
  $comment: v.optional(v.string()),
  envId: v.optional(EnvId),
  region: v.optional(Region),
  appid: v.optional(AppId),
  settings: v.optional(Settings),
})

export interface DeployConfig {
  envId: string
  region: string
  appid: string
  settings: Partial<Record<FunctionEnvName, string>>
  /** Where the settings came from, for the output. */
  source: string
}

export interface ConfigFlags {
  config?: string
  env?: string
  region?: string
  appid?: string
}

/** Reads the config file (if any) and applies the flags; throws a readable message when something is malformed. */
export function loadConfig(flags: ConfigFlags, cwd = process.cwd()): DeployConfig {
  const file = resolve(cwd, flags.config ?? DEFAULT_CONFIG)
  let parsed: v.InferOutput<typeof ConfigFile> = {}
  if (existsSync(file)) {
    let json: unknown
    try {
      json = JSON.parse(readFileSync(file, 'utf8'))
    } catch (err) {
      throw new Error(`${flags.config ?? DEFAULT_CONFIG} is not valid JSON: ${(err as Error).message}`)
    }
    const result = v.safeParse(ConfigFile, json)
    if (!result.success) {
      const problems = result.issues.map((i) => {
        const path = i.path?.map((p) => String(p.key)).join('.') ?? ''
        return i.type === 'strict_object' ? `unknown key "${path}" (secrets belong in environment variables, never in this file)` : `${path}: ${i.message}`
      })
      throw new Error(`${flags.config ?? DEFAULT_CONFIG}: ${problems.join('; ')}`)
    }
    parsed = result.output
  } else if (flags.config) {
    throw new Error(`config file ${flags.config} not found`)
  }
  const check = <T>(schema: v.GenericSchema<string, T>, value: string | undefined, flag: string) => {
    if (value === undefined) return undefined
    const r = v.safeParse(schema, value)
    if (!r.success) throw new Error(`--${flag}: ${r.issues[0].message}`)
    return r.output as string
  }
  return {
    envId: check(EnvId, flags.env, 'env') ?? parsed.envId ?? '',
    region: check(Region, flags.region, 'region') ?? parsed.region ?? DEFAULT_REGION,
    appid: check(AppId, flags.appid, 'appid') ?? parsed.appid ?? '',
    settings: { ...parsed.settings },
    source: existsSync(file) ? (flags.config ?? DEFAULT_CONFIG) : 'flags only (no config file)',
  }
}
