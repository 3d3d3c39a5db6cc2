/**
 * The applications' build of `bench:scale` alone (the units, no households), timed in slices: the
 * process's CPU per insert of every SLICE applications, so whether an insert costs more as the
 * applications grow shows in one run. Not a test: nothing asserts a figure.
 *
 *   npx tsx scripts/scale/insert-slices.ts
 *
 * Options (environment): N (1000000 applications), SLICE (100000), CACHE_MB (the connections'
 * page cache instead of connection.ts's 64 MB), FILLER_GB (first write this many GB of 3,000-byte
 * rows under a random-keyed index into a table of their own, as a province's households would
 * make the file larger).
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '../../server/ports'
import { buildApplications, ROOT, seedUnits } from './build'
import { benchDeps } from './households'

const N = Number(process.env.N ?? 1_000_000)
const SLICE = Number(process.env.SLICE ?? 100_000)

if (process.env.CACHE_MB) {
  const pragma = Database.prototype.pragma
  Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
    return pragma.call(this, source.startsWith('cache_size') ? `cache_size = -${Number(process.env.CACHE_MB) * 1024}` : source, options)
  }
}

/** Writes `gb` GB of filler rows through a connection of its own, and checkpoints them. */
function writeFiller(file: string, gb: number): void {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, k TEXT, b BLOB); CREATE INDEX filler_k ON filler (k)')
  const insert = db.prepare('INSERT INTO filler (k, b) VALUES (?, randomblob(3000))')
  const rows = Math.round((gb * 2 ** 30) / 4096)
  for (let i = 0; i < rows; i += 10_000) db.transaction(() => { for (let j = i; j < Math.min(rows, i + 10_000); j++) insert.run(String(Math.random())) })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  console.log(`filler: ${rows.toLocaleString('en')} rows; database ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`)
}

/** Counts the inserts each transaction made, and logs the CPU and wall time per insert of every `SLICE`. */
function slicing(store: Store): void {
  const transaction = store.transaction.bind(store)
  let done = 0
  let slices = 0
  let cpu = process.cpuUsage()
  let t = performance.now()
  store.transaction = async (work) => {
    let made = 0
    const value = await transaction((repos) => work({ ...repos, applications: { ...repos.applications, insert: (rec) => (made++, repos.applications.insert(rec)) } }))
    done += made
    if (done >= SLICE * (slices + 1)) {
      const used = process.cpuUsage(cpu)
      slices++
      console.log(`slice ${slices} (to ${done.toLocaleString('en')}): cpu ${((used.user + used.system) / SLICE).toFixed(1)} us/insert, wall ${(((performance.now() - t) * 1000) / SLICE).toFixed(1)} us/insert`)
      cpu = process.cpuUsage()
      t = performance.now()
    }
    return value
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-inserts-'))
  const file = join(dir, 'lantian.db')
  const deps = benchDeps(dir, file, ROOT)
  try {
    await seedUnits(deps)
    if (process.env.FILLER_GB) writeFiller(file, Number(process.env.FILLER_GB))
    slicing(deps.store)
    const a = await buildApplications(deps, N, () => {})
    console.log(`total ${N.toLocaleString('en')}: wall ${(a.writeMs / 1000).toFixed(1)} s, cpu ${(a.writeCpuMs / 1000).toFixed(1)} s, ${((1000 * a.writeCpuMs) / N).toFixed(1)} us/insert cpu; database ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`)
  } finally {
    await deps.store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
