import { DEFAULT_MESSAGES, type ApiReply } from '../../src/domain'
import { createCloudbaseStore } from '../adapters/cloudbase'
import { cloudbaseFileStore } from '../adapters/cloudbase/file-store'
import { getApp, getDb } from '../adapters/cloudbase/sdk'
import { keyProviderFromEnv } from '../adapters/keys/cloud-keys'
import { createKeyRingCipher, UnknownKeyVersionError, type KeyRingCipher } from '../adapters/node-cipher'
import type { FunctionName } from '../../src/domain/api'
import type { ActionTable } from '../functions/define'
import { dispatch, type FunctionTable } from '../functions/dispatch'
import type { Deps } from '../ports'
import { randomIds, systemClock } from '../runtime'
import { hasSmokePass, smokeIdentity } from './smoke-pass'

const CONFIG_INCOMPLETE: ApiReply<never> = { ok: false, error: { code: 'INTERNAL', message: '系统配置不完整，请联系管理员' } }
const INTERNAL: ApiReply<never> = { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } }

let deps: Deps | null = null
let cipher: KeyRingCipher | null = null
let loadedAt = 0

/** How long a container keeps its keys before reading them again: a rotation reaches every container within it. */
export const KEY_REFRESH_MS = 5 * 60 * 1000

async function loadKeys(): Promise<KeyRingCipher | null> {
  const provider = keyProviderFromEnv(process.env)
  try {
    const material = await provider.load()
    if (cipher) cipher.reload(material)
    else cipher = createKeyRingCipher(material)
    loadedAt = Date.now()
    return cipher
  } catch (err) {
    // Only the kind of failure, never a value: the message names variables, not their contents.
    console.error(`[lantian] the keys could not be loaded (${provider.name}): ${err instanceof Error ? err.message : 'unknown error'}`)
    return cipher
  }
}

/**
 * The container's dependencies, built on the first call; null when no usable key could be loaded.
 * The keys are read again after KEY_REFRESH_MS, or at once when a value names a key version this
 * container has not seen (`stale`), so containers pick up a rotation while they keep serving.
 */
export async function containerDeps(stale = false): Promise<Deps | null> {
  if (!cipher || stale || Date.now() - loadedAt > KEY_REFRESH_MS) await loadKeys()
  if (!cipher) return null
  deps ??= {
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
      const d = await containerDeps()
      if (!d) return CONFIG_INCOMPLETE
      const { openId } = getApp().auth().getUserInfo()
      const openid = openId || (hasSmokePass(event) ? await smokeIdentity(getDb(), event, d.clock.now()) : null)
      return await dispatch(fn, table as unknown as FunctionTable, event, { openid }, d)
    } catch (err) {
      // A value sealed under a key this container has not loaded yet: read the keys again for the next call.
      if (err instanceof UnknownKeyVersionError) await containerDeps(true)
      console.error(`[${fn}] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
      return INTERNAL
    }
  }
}
