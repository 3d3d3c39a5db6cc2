/**
 * The keys an operator's script uses, the same ones the app uses: locally the key files of the
 * data directory (never created here), or LANTIAN_DATA_KEY (and LANTIAN_AUDIT_KEY) from the shell;
 * for CloudBase the source the functions are configured with (LANTIAN_KEY_SOURCE: KMS, SSM or
 * env), read with the shell's credentials.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { envKeys, keyProviderFromEnv } from '../server/adapters/keys/cloud-keys'
import { loadLocalKeys } from '../server/adapters/keys/local-key-files'
import { createKeyRingCipher, type KeyRingCipher } from '../server/adapters/node-cipher'
import type { KeyMaterial } from '../server/ports'

/** The key folder of a local data directory. */
export const keyDirOf = (dataDir: string) => join(resolve(dataDir), 'keys')

/** The key material for a local data directory (`local`) or for CloudBase (no `local`). */
export async function scriptKeys(local: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<KeyMaterial> {
  if (env.LANTIAN_DATA_KEY && (local || !env.LANTIAN_KEY_SOURCE)) return envKeys(env).load()
  if (!local) return keyProviderFromEnv(env).load()
  const dir = keyDirOf(local)
  if (!existsSync(join(dir, 'data.key'))) throw new Error(`no data key in ${local}: start the local app on that data directory first (npm start), or set LANTIAN_DATA_KEY`)
  return loadLocalKeys(dir)
}

/** A cipher over `scriptKeys`. */
export async function scriptCipher(local: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<KeyRingCipher> {
  return createKeyRingCipher(await scriptKeys(local, env))
}
