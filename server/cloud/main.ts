import { DEFAULT_MESSAGES, type ApiReply } from '../../src/domain'
import { createCloudbaseStore } from '../adapters/cloudbase'
import { cloudbaseFileStore } from '../adapters/cloudbase/file-store'
import { getApp, getDb } from '../adapters/cloudbase/sdk'
import { createCipher, keyFromBase64 } from '../adapters/node-cipher'
import type { FunctionName } from '../../src/domain/api'
import type { ActionTable } from '../functions/define'
import { dispatch, type FunctionTable } from '../functions/dispatch'
import type { Deps } from '../ports'
import { randomIds, systemClock } from '../runtime'
import { hasSmokePass, smokeIdentity } from './smoke-pass'

const CONFIG_INCOMPLETE: ApiReply<never> = { ok: false, error: { code: 'INTERNAL', message: '系统配置不完整，请联系管理员' } }
const INTERNAL: ApiReply<never> = { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } }

let deps: Deps | null = null

/** The container's dependencies, built on the first call; null when the data key is unusable. */
export function containerDeps(): Deps | null {
  if (deps) return deps
  let cipher
  try {
    cipher = createCipher(keyFromBase64(process.env.LANTIAN_DATA_KEY))
  } catch {
    console.error('[lantian] LANTIAN_DATA_KEY is missing or is not 32 bytes of base64')
    return null
  }
  deps = {
    store: createCloudbaseStore(),
    clock: systemClock,
    ids: randomIds,
    cipher,
    settings: {
      applicationPrefix: process.env.LANTIAN_APP_PREFIX || 'MLS',
      defaultUnitId: process.env.LANTIAN_DEFAULT_UNIT || 'unit-root',
    },
    files: cloudbaseFileStore(),
  }
  return deps
}

/**
 * The CloudBase entry of function `fn`: `main(event, context)` answers every call with a reply.
 * Only `table` is bundled with it, so a function carries the code of its own actions alone.
 * The caller is the OPENID in the CloudBase context (`WX_OPENID`), never anything in the event;
 * only a call without one (not from the mini-program) may name a smoke test identity (smoke-pass.ts).
 */
export function makeMain<F extends FunctionName>(fn: F, table: ActionTable<F>) {
  return async function main(event: unknown, _context?: unknown): Promise<ApiReply<unknown>> {
    try {
      const d = containerDeps()
      if (!d) return CONFIG_INCOMPLETE
      const { openId } = getApp().auth().getUserInfo()
      const openid = openId || (hasSmokePass(event) ? await smokeIdentity(getDb(), event, d.clock.now()) : null)
      return await dispatch(fn, table as unknown as FunctionTable, event, { openid }, d)
    } catch (err) {
      console.error(`[${fn}] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
      return INTERNAL
    }
  }
}
