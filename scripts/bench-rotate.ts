/**
 * `npm run bench:rotate`: how fast `rotate-key` rewrites, and what it costs the app meanwhile, on
 * SQLite: BENCH_ROTATE (default 2000) submitted applications under key 1, then a rotation to key 2
 * in batches of 50 while a reader opens applications by id in a loop. Prints `name=value` lines.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKeyRingCipher } from '../server/adapters/node-cipher'
import { openSqliteStore } from '../server/adapters/sqlite'
import type { ApplicationRecord, Deps, FileStore } from '../server/ports'
import { randomIds, systemClock } from '../server/runtime'
import { rotateKeys } from '../server/usecases/keys/rotate-keys'

const N = Number(process.env.BENCH_ROTATE ?? 2000)
const AT = '2026-03-02T02:00:00.000Z'

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bench-rotate-'))
  const store = openSqliteStore(join(dir, 'bench.db'))
  const [k1, k2, audit] = [randomBytes(32), randomBytes(32), randomBytes(32)]
  const old = createKeyRingCipher({ data: { current: 1, keys: new Map([[1, k1]]) }, audit })
  const form = JSON.stringify({ applicant: { name: '张小明', idNumber: '532504199001011238', phone: '13812345678' }, members: [], finances: { note: 'x'.repeat(2000) } })
  for (let i = 0; i < N; i++) {
    const id = `a-${String(i).padStart(6, '0')}`
    const idNumber = `5325041990${String(i).padStart(8, '0')}`
    const rec: ApplicationRecord = {
      id, number: `MLS-2026-${String(i).padStart(6, '0')}`, applicantOpenid: `o-${i}`, unitId: 'unit-root', status: 'submitted', version: 1, name: '张小明',
      idNumberEnc: old.encrypt(idNumber), idNumberHash: old.keyedHash(idNumber), phoneEnc: old.encrypt('13812345678'), employer: '', mainCause: 'other', timeline: [], createdAt: AT, updatedAt: AT,
      formSealed: old.encrypt(form), submissions: [{ at: AT, changedFields: [] }],
    }
    await store.repos.applications.insert(rec)
    await store.repos.claims.create(`open-application:id:${rec.idNumberHash}`, id)
  }
  const cipher = createKeyRingCipher({ data: { current: 2, keys: new Map([[1, k1], [2, k2]]) }, audit })
  const deps: Deps = { store, clock: systemClock, ids: randomIds, cipher, settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore }
  let reading = true
  const readTimes: number[] = []
  const reader = (async () => {
    for (let i = 0; reading; i++) {
      const t = performance.now()
      const rec = await store.repos.applications.get(`a-${String(i % N).padStart(6, '0')}`)
      cipher.decrypt(rec!.idNumberEnc)
      readTimes.push(performance.now() - t)
      await new Promise((r) => setImmediate(r))
    }
  })()
  const started = performance.now()
  const report = await rotateKeys(deps, { batch: 50 })
  const ms = performance.now() - started
  reading = false
  await reader
  readTimes.sort((a, b) => a - b)
  console.log(`rotate_records=${N}`)
  console.log(`rotate_rewritten=${report.rewritten}`)
  console.log(`rotate_remaining=${report.remaining}`)
  console.log(`rotate_ms=${Math.round(ms)}`)
  console.log(`rotate_records_per_s=${Math.round((report.rewritten / ms) * 1000)}`)
  console.log(`app_reads_during_rotation=${readTimes.length}`)
  console.log(`app_read_p99_ms=${readTimes[Math.floor(readTimes.length * 0.99)]?.toFixed(2)}`)
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
