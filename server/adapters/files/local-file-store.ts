import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FileStore } from '../../ports'
import { fileLinks } from './file-links'
import { MAGIC, OVERHEAD, openSealedFile, sealedFileSink } from './sealed-stream'

/** Relative paths of safe characters only: no `..`, no absolute path, nothing outside the folder. */
const SAFE_PATH = /^[\w-]+(\/[\w-]+)*(\.[a-z0-9]{1,5})?$/

function checked(path: string): string {
  if (!SAFE_PATH.test(path) || path.length > 300) throw new Error('unsafe file path')
  return path
}


/**
 * Files in a folder of the data directory (local mode), readable by the owner only and encrypted
 * with AES-256-GCM under a sub-key of the data key: they are ID cards, household registers and
 * bank cards. A file is written to a temporary name and renamed, so a crash never leaves half a
 * file under its key.
 */
export function localFileStore(root: string, dataKey: Buffer, now: () => number = Date.now): FileStore {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes')
  const links = fileLinks(dataKey)
  const fileKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'lantian/files', 32))
  mkdirSync(root, { recursive: true, mode: 0o700 })
  return {
    async put(path, bytes) {
      const file = join(root, checked(path))
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
      writeFileSync(tmp, seal(fileKey, bytes), { mode: 0o600, flag: 'wx' })
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
        const buf = Buffer.alloc(maxBytes + 1 + OVERHEAD)
        let n = 0
        for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null)
        // An authenticated file is opened whole; every file here was written by put, under the upload limit.
        const sealed = n === buf.length ? readFileSync(join(root, key)) : buf.subarray(0, n)
        return new Uint8Array(unseal(fileKey, sealed).subarray(0, maxBytes + 1))
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
    async keyFor(path) {
      return checked(path)
    },
    async temporaryUrl(key, seconds) {
      return SAFE_PATH.test(key) ? links.create(key, now() + seconds * 1000) : null
    },
    async create(path) {
      return sealedFileSink(join(root, checked(path)), fileKey, path)
    },
    async open(key) {
      return SAFE_PATH.test(key) ? openSealedFile(join(root, key), fileKey) : null
    },
  }
}

function seal(key: Buffer, bytes: Uint8Array): Buffer {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([c.update(bytes), c.final()])
  return Buffer.concat([MAGIC, iv, c.getAuthTag(), body])
}

function unseal(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < OVERHEAD || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a sealed file')
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + 12)
  const tag = sealed.subarray(MAGIC.length + 12, OVERHEAD)
  const d = createDecipheriv('aes-256-gcm', key, iv)
  d.setAuthTag(tag)
  return Buffer.concat([d.update(sealed.subarray(OVERHEAD)), d.final()])
}
