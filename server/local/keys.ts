import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A 32-byte secret kept in a file only its owner can read, created on first use.
 * Refuses a key file that others can read, since it protects every ID number at rest.
 */
export function loadOrCreateKeyFile(dir: string, name: string): Buffer {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, name)
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  }
  const mode = statSync(file).mode & 0o777
  if (mode & 0o077) throw new Error(`key file ${name} must be readable by its owner only (chmod 600)`)
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new Error(`key file ${name} does not hold 32 bytes of base64`)
  return key
}
