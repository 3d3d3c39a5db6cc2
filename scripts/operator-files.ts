/**
 * What an operator's script reads from the machine it runs on: an import file (bounded before it
 * is read whole), and how a script runs. Shared by import:union, import:households and bootstrap:admin.
 */
import { closeSync, openSync, readSync } from 'node:fs'

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
