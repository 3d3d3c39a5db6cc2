import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { openSqliteStore } from '../../server/adapters/sqlite'
import { seedDemo } from '../../server/local/seed'

/**
 * The demo data a first local start seeds, made once per test run and copied for each server or
 * store that only uses it. Seeding costs some 15 s of CPU (the dashboard's figures kept for the
 * demo's 514 households and their ledger), which every browser file, every weapp file and several
 * HTTP files paid again. A copy then starts as a second start does: `seedDemo` finds the data there.
 *
 * The templates live under LANTIAN_TEST_TEMPLATES, a folder made for one run (jest's global setup,
 * or `npm test` for all its phases) and removed after it, so a template is never older than the
 * code under test. Without it (a harness used outside jest) nothing is copied and the start seeds.
 * The tests of the seeding itself (seed-households, seed-units, and the HTTP files that assert a
 * first start) still seed an empty store.
 */
const ROOT_ENV = 'LANTIAN_TEST_TEMPLATES'

/** How long a process waits for another to finish building a template (a loaded machine is slow). */
const WAIT_MS = 10 * 60_000

/**
 * The folder of template `name`, built by `build` into an empty folder once per run: the first
 * process to ask builds it, the others wait for it. Null when there is no run folder.
 */
async function template(name: string, build: (dir: string) => Promise<void>): Promise<string | null> {
  const root = process.env[ROOT_ENV]
  if (!root || !existsSync(root)) return null
  const dir = join(root, name)
  const lock = `${dir}.lock`
  for (const end = Date.now() + WAIT_MS; Date.now() < end; ) {
    if (existsSync(dir)) return dir
    let mine = false
    try {
      mkdirSync(lock)
      mine = true
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    if (!mine) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      continue
    }
    const building = `${dir}.${process.pid}`
    try {
      rmSync(building, { recursive: true, force: true })
      mkdirSync(building)
      await build(building)
      renameSync(building, dir)
      return dir
    } finally {
      rmSync(building, { recursive: true, force: true })
      // Released on failure too: a waiting process then builds it itself.
      rmSync(lock, { recursive: true, force: true })
    }
  }
  throw new Error(`the test template ${name} was not built within ${WAIT_MS / 1000} s`)
}

/**
 * Fills `dataDir` (made if missing) with the data directory of a local start that seeded the demo:
 * its key files, database and sessions. `startLocalApp` on it then finds the demo there.
 */
export async function demoDataDir(dataDir: string): Promise<void> {
  const dir = await template('local-app', async (building) => {
    // Loaded here: the weapp suite's environment takes this module for demoStoreFile alone.
    const { startLocalApp } = await import('../../server/local/app')
    const app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(building, 'data'), webRoot: building, sessionHours: 1 })
    await app.close()
  })
  if (dir) cpSync(join(dir, 'data'), dataDir, { recursive: true })
}

/**
 * Puts at `file` a SQLite database holding the demo as `seedDemo` writes it with the key returned,
 * or returns null (nothing written) when there is no template folder.
 */
export async function demoStoreFile(file: string): Promise<Buffer | null> {
  const dir = await template('demo-store', async (building) => {
    const key = randomBytes(32)
    writeFileSync(join(building, 'data.key'), key, { mode: 0o600 })
    const store = openSqliteStore(join(building, 'db', 'lantian.db'))
    await seedDemo(store, createCipher(key))
    await store.close()
  })
  if (!dir) return null
  mkdirSync(dirname(file), { recursive: true })
  // The closed database, and its log should SQLite have left one.
  for (const f of readdirSync(join(dir, 'db'))) cpSync(join(dir, 'db', f), join(dirname(file), f.replace('lantian.db', basename(file))))
  return readFileSync(join(dir, 'data.key'))
}
