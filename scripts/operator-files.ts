/**
 * What an operator's script reads from the machine it runs on: an import file (bounded before it
 * is read whole) and the data key. Shared by import:union, import:households and bootstrap:admin.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { keyFromBase64 } from '../server/adapters/node-cipher'
import { loadOrCreateKeyFile } from '../server/local/keys'

/** A file's first bytes, one past `maxBytes` at most: a larger file is refused without being read whole. */
export function readBounded(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(maxBytes + 1)
    let n = 0
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/** The data key: LANTIAN_DATA_KEY, else (locally) the key file the local app made; never a new one. */
export function dataKey(local: string | undefined): Buffer {
  if (process.env.LANTIAN_DATA_KEY) return keyFromBase64(process.env.LANTIAN_DATA_KEY)
  if (!local) throw new Error('LANTIAN_DATA_KEY must be set in the shell: the same data key the cloud functions use (base64 of 32 bytes)')
  const keyDir = join(resolve(local), 'keys')
  if (!existsSync(join(keyDir, 'data.key'))) throw new Error(`no data key in ${local}: start the local app on that data directory first (npm start), or set LANTIAN_DATA_KEY`)
  return loadOrCreateKeyFile(keyDir, 'data.key')
}

/** Runs a script's `main` and exits with its code; an error is one line `<name>: <message>` and exit code 1. */
export function runScript(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`)
      process.exit(1)
    },
  )
}
