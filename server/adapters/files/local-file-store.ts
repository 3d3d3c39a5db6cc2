import { randomBytes } from 'node:crypto'
import { mkdirSync, openSync, readSync, closeSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FileStore } from '../../ports'

/** Relative paths of safe characters only: no `..`, no absolute path, nothing outside the folder. */
const SAFE_PATH = /^[\w-]+(\/[\w-]+)*(\.[a-z0-9]{1,5})?$/

function checked(path: string): string {
  if (!SAFE_PATH.test(path) || path.length > 300) throw new Error('unsafe file path')
  return path
}

/**
 * Files in a folder of the data directory (local mode), readable by the owner only. A file is
 * written to a temporary name and renamed, so a crash never leaves half a file under its key.
 */
export function localFileStore(root: string): FileStore {
  mkdirSync(root, { recursive: true, mode: 0o700 })
  return {
    async put(path, bytes) {
      const file = join(root, checked(path))
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
      writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' })
      renameSync(tmp, file)
      return path
    },
    async get(key, maxBytes) {
      if (!SAFE_PATH.test(key)) return null
      let fd: number
      try {
        fd = openSync(join(root, key), 'r')
      } catch {
        return null
      }
      try {
        const buf = Buffer.alloc(maxBytes + 1)
        let n = 0
        for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null)
        return new Uint8Array(buf.subarray(0, n))
      } finally {
        closeSync(fd)
      }
    },
    async remove(key) {
      if (SAFE_PATH.test(key)) rmSync(join(root, key), { force: true })
    },
    owns(key, prefix) {
      return SAFE_PATH.test(key) && key.startsWith(`${prefix}/`)
    },
  }
}
