/**
 * Where an operator's script writes: the local SQLite store of a data directory (`--local <dir>`),
 * or the CloudBase environment of deploy/lantian.deploy.json (`--env`, `--region`, `--config`
 * override it) with the API key of the shell. Shared by import:union and bootstrap:admin.
 */
import { join, resolve } from 'node:path'
import { createCloudbaseStore } from '../server/adapters/cloudbase'
import { openSqliteStore } from '../server/adapters/sqlite'
import type { Store } from '../server/ports'
import { loadConfig } from './deploy/config'

/** The flags that pick the target. */
export interface StoreTargetFlags {
  local?: string
  env?: string
  region?: string
  config?: string
}

/** The store the flags name, and how to name it to the operator (Chinese). */
export function openStore(flags: StoreTargetFlags): { store: Store; where: string } {
  if (flags.local) {
    const file = join(resolve(flags.local), 'lantian.db')
    return { store: openSqliteStore(file), where: `本地 SQLite 数据（${flags.local}）` }
  }
  const config = loadConfig(flags)
  if (!config.envId) throw new Error('no environment id: set "envId" in deploy/lantian.deploy.json, pass --env <envId>, or use --local <dataDir>')
  if (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) {
    throw new Error('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set in the shell to write to CloudBase')
  }
  process.env.TCB_ENV = config.envId
  process.env.TENCENTCLOUD_REGION ??= config.region
  return { store: createCloudbaseStore(), where: `云开发环境 ${config.envId}` }
}
