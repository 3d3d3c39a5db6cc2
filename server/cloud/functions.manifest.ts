/** The `timers` function's one trigger: its name is what the function accepts a call from. */
export const TIMER_TRIGGER = 'deliver-outbox'

/**
 * How each cloud function is deployed: one entry per `cloudfunctions/<name>/` folder. `npm run
 * build:functions` writes each folder's config.json from it; `npm run deploy` creates or updates
 * the function with it. test/deploy checks it against the folders, the entries and the code.
 */

/** The environment variables the functions read. Values come from the operator at deploy time. */
export const FUNCTION_ENV = {
  LANTIAN_DATA_KEY: {
    secret: true,
    description: 'Only with LANTIAN_KEY_SOURCE=env: the data key (version 1) as base64 of 32 random bytes, readable by anyone who reads the function configuration. With kms or ssm leave it unset.',
  },
  LANTIAN_KEY_SOURCE: { secret: false, default: 'env', description: 'Where the functions take their keys from: kms (envelope blobs decrypted by Tencent Cloud KMS), ssm (Secrets Manager) or env (LANTIAN_DATA_KEY). README: Key custody.' },
  LANTIAN_DATA_KEYS: { secret: false, default: '', description: 'kms: {"current":N,"keys":{"1":"<KMS CiphertextBlob>",…}}, each blob made by KMS Encrypt with the encryption context {"lantian":"data","version":"<N>"}.' },
  LANTIAN_AUDIT_KEY_BLOB: { secret: false, default: '', description: 'kms: the audit key’s KMS CiphertextBlob, made with the encryption context {"lantian":"audit"}.' },
  LANTIAN_DATA_SECRET: { secret: false, default: '', description: 'ssm: <secret name>@<version id> of the secret holding {"current":N,"keys":{"1":"<base64>",…}}.' },
  LANTIAN_AUDIT_SECRET: { secret: false, default: '', description: 'ssm: <secret name>@<version id> of the secret holding the audit key’s base64.' },
  LANTIAN_APP_PREFIX: { secret: false, default: 'MLS', description: 'Prefix of application numbers (MLS-2026-000123).' },
  LANTIAN_DEFAULT_UNIT: { secret: false, default: 'unit-root', description: 'Unit id an application belongs to when the worker’s union is not known yet: your root unit.' },
} as const satisfies Record<string, { secret: boolean; default?: string; description: string }>

export type FunctionEnvName = keyof typeof FUNCTION_ENV

/** A timer trigger. `cron` has CloudBase's 7 fields: second minute hour day-of-month month day-of-week year. */
export interface TimerTrigger {
  name: string
  cron: string
  /** What it is for, in the deploy plan. */
  purpose: string
}

export interface FunctionManifest {
  name: string
  /** The newest Node runtime `@cloudbase/manager-node` creates functions with; esbuild targets it too. */
  runtime: 'Nodejs18.15'
  memoryMB: 128 | 256 | 512 | 1024
  /** Seconds; CloudBase's default of 3 s is short for a cold start followed by a transaction. */
  timeoutSec: number
  env: readonly FunctionEnvName[]
  triggers: readonly TimerTrigger[]
  /** WeChat open APIs called through `cloud.openapi` (config.json `permissions.openapi`), e.g. `subscribeMessage.send`. */
  openapi: readonly string[]
}

/** What every function built with `makeMain` reads (server/cloud/main.ts). */
const STANDARD_ENV = [
  'LANTIAN_DATA_KEY', 'LANTIAN_KEY_SOURCE', 'LANTIAN_DATA_KEYS', 'LANTIAN_AUDIT_KEY_BLOB', 'LANTIAN_DATA_SECRET', 'LANTIAN_AUDIT_SECRET',
  'LANTIAN_APP_PREFIX', 'LANTIAN_DEFAULT_UNIT',
] as const

/** Every deployable function. A timer-driven function declares its triggers here, in its own entry. */
export const FUNCTIONS: readonly FunctionManifest[] = [
  // Writes (submit runs a transaction): 10 s leaves room for a cold start and a retried conflict.
  { name: 'applicant', runtime: 'Nodejs18.15', memoryMB: 256, timeoutSec: 10, env: STANDARD_ENV, triggers: [], openapi: [] },
  { name: 'account', runtime: 'Nodejs18.15', memoryMB: 256, timeoutSec: 5, env: STANDARD_ENV, triggers: [], openapi: [] },
  // Searches, and admin imports of up to 1,000 stations (read on a thread of their own, see sheet-worker): 60 s, the most a mini-program’s callFunction waits.
  { name: 'stations', runtime: 'Nodejs18.15', memoryMB: 256, timeoutSec: 60, env: STANDARD_ENV, triggers: [], openapi: [] },
  // The union tree, invitations and staff roles; a move rewrites a branch of up to 200 units in one transaction.
  { name: 'admin', runtime: 'Nodejs18.15', memoryMB: 256, timeoutSec: 20, env: STANDARD_ENV, triggers: [], openapi: [] },
  // The caseworkers' queue and decisions: each decision is one transaction (and filing writes the household too).
  { name: 'review', runtime: 'Nodejs18.15', memoryMB: 256, timeoutSec: 10, env: STANDARD_ENV, triggers: [], openapi: [] },
  // Filed households, the ledger, campaigns, the dashboard (reads a jurisdiction's records) and exports (up to 10,000 households).
  { name: 'households', runtime: 'Nodejs18.15', memoryMB: 512, timeoutSec: 60, env: STANDARD_ENV, triggers: [], openapi: [] },
  // Not an API function: its timer ends public notices that ran their time and delivers the outbox as WeChat subscribe messages, up to 50 a run.
  {
    name: 'timers',
    runtime: 'Nodejs18.15',
    memoryMB: 256,
    timeoutSec: 60,
    env: STANDARD_ENV,
    triggers: [{ name: TIMER_TRIGGER, cron: '0 * * * * * *', purpose: 'end due public notices, remind staff daily, delete uploads never registered, and send due subscribe messages every minute' }],
    openapi: ['subscribeMessage.send'],
  },
]

/** The config.json WeChat DevTools and CloudBase read from a function folder. */
export function renderConfigJson(fn: FunctionManifest): string {
  const config: Record<string, unknown> = { permissions: { openapi: [...fn.openapi] } }
  if (fn.triggers.length) config.triggers = fn.triggers.map((t) => ({ name: t.name, type: 'timer', config: t.cron }))
  return `${JSON.stringify(config, null, 2)}\n`
}
