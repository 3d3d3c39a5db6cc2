/**
 * A station import writes its rows in short transactions of IMPORT_BATCH_ROWS, on both stores:
 * a station someone else edits while the import runs is reported on its line and keeps that
 * edit, every other row lands, and a retry of the request answers with the same report and
 * writes nothing.
 */
import type { ImportReport } from '../../src/domain/api/stations'
import type { Store } from '../../server/ports'
import { IMPORT_BATCH_ROWS, importStations } from '../../server/usecases/stations/import-stations'
import { call, sqliteDeps } from '../support/deps'
import { stationImportFile } from '../support/stations'
import { contractStores } from './stores'

const { factories } = contractStores()
const ADMIN = { openid: 'o-import-admin', roles: ['admin' as const], unitId: 'unit-root' }
const ROWS = 120

/** `store`, counting its transactions from `count()` on, with `beforeTransaction(n)` run before the n-th (1, 2, …) starts. */
function watched(store: Store, beforeTransaction: (n: number) => Promise<void>): { store: Store; count(): void; transactions: () => number } {
  let n = 0
  let counting = false
  const transaction: Store['transaction'] = async (work) => {
    if (counting) await beforeTransaction(++n)
    return store.transaction(work)
  }
  const proxy = new Proxy(store, {
    get: (target, key) => {
      if (key === 'transaction') return transaction
      const value = Reflect.get(target, key) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { store: proxy, count: () => void (counting = true), transactions: () => n }
}

describe.each(factories)('station import in batches: %s', (_name, open) => {
  it('writes 50 rows a transaction, reports a row edited meanwhile on its line, and answers a retry the same', async () => {
    const { store, close } = open()
    // The file checked, no batch written yet: another admin edits a station of the second batch (every batch waits for it).
    let edit: Promise<void> | null = null
    const w = watched(store, () =>
      (edit ??= (async () => {
        const [s] = await store.repos.stations.byExternalIds(['IMP-70'])
        await store.repos.stations.upsert({ ...s, phone: '0873-7654321', version: s.version + 1 })
      })()),
    )
    const t = sqliteDeps(w.store)
    try {
      await t.ready
      const first = await stationImportFile(ROWS, 'csv')
      const plain = { ...t.deps, store }
      expect(await importStations(plain, ADMIN, { format: 'csv', bytes: first, coordSystem: 'gcj02', dryRun: false }, call('req-import-first'))).toMatchObject({ applied: true, created: ROWS })

      w.count()
      const renamed = new TextEncoder().encode(new TextDecoder().decode(first).replace(/测试驿站/g, '改名驿站'))
      const input = { format: 'csv' as const, bytes: renamed, coordSystem: 'gcj02' as const, dryRun: false }
      const report: ImportReport = await importStations(t.deps, ADMIN, input, call('req-import-second'))
      expect(report).toMatchObject({ applied: true, rows: ROWS, created: 0, updated: ROWS - 1, unchanged: 0 })
      expect(report.problems).toEqual([{ line: 72, column: '外部编号', message: expect.stringContaining('第72行的站点在导入期间被他人修改') }])
      // Three batches, then the audit event with the stored reply.
      expect(w.transactions()).toBe(Math.ceil(ROWS / IMPORT_BATCH_ROWS) + 1)

      const byId = new Map((await store.repos.stations.byExternalIds(['IMP-69', 'IMP-70', 'IMP-71'])).map((s) => [s.externalId, s]))
      expect(byId.get('IMP-70')).toMatchObject({ name: '测试驿站70号', phone: '0873-7654321' })
      expect(byId.get('IMP-69')!.name).toBe('改名驿站69号')
      expect(byId.get('IMP-71')!.name).toBe('改名驿站71号')

      const before = w.transactions()
      expect(await importStations(t.deps, ADMIN, input, call('req-import-second'))).toEqual(report)
      expect(w.transactions()).toBe(before)
    } finally {
      await t.close()
      await close().catch(() => undefined)
    }
  }, 60_000)
})
