/**
 * The source of the import tests: households filed through the app (a measure, payments approved
 * by a second person, a reversal, a cadre, a contact), exported by a reviewer as the household
 * export and the ledger export write them; and the store they are imported into.
 */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { formatProblem } from '../../server/import'
import { importHouseholds, type HouseholdImportFiles, type HouseholdImportResult } from '../../server/import/households'
import type { Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { exportHouseholds, exportLedger } from '../../server/usecases/households/export'
import type { SheetFormat } from '../../server/usecases/households/sheet-stream'
import { readCsv, writeCsv } from '../../server/usecases/shared/csv'
import type { Actor } from '../../src/domain'
import type { HouseholdView } from '../../src/domain/api/households'
import { tempDir, TestClock } from './deps'
import { householdFixture, nextIdNumber } from './households'
import { UNITS } from './union-tree'
import { exportedBytes } from './exports'

/** The city's reviewer of any store: sees every unit, exports in full. */
export const CITY_REVIEWER: Actor = { openid: 'o-city-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }

export interface ExportedFiles {
  households: Uint8Array
  ledger: Uint8Array
}

/** Full exports of a store, as the city's reviewer, read from the file store through their links. */
export async function exportAll(deps: Parameters<typeof exportHouseholds>[0], format: SheetFormat = 'csv'): Promise<ExportedFiles> {
  const households = await exportHouseholds(deps, CITY_REVIEWER, { format, full: true, reason: '导入往返核对' })
  return { households: await exportedBytes(deps.files, households), ledger: await exportedBytes(deps.files, await exportLedger(deps, CITY_REVIEWER, { format })) }
}

/** Three households filed through the app (one with a measure, ledger, cadre and contact; one deregistered); their exports in both formats. */
export async function filedThroughTheApp(): Promise<{ csv: ExportedFiles; xlsx: ExportedFiles }> {
  const f = await householdFixture()
  try {
    const one = await f.file('unit-a1')
    await f.file('unit-b1')
    // A third, out of hardship and deregistered.
    const gone = await f.file('unit-a1')
    const proposed = await f.ok<HouseholdView>('o-caseworker', 'proposeDeregistration', { householdId: gone.id, expectedVersion: (await f.record(gone.id)).version, reason: 'stable-employment', text: '', evidenceIds: [await f.evidence('o-caseworker', gone.id)] })
    await f.ok('o-reviewer', 'decideDeregistration', { householdId: gone.id, expectedVersion: proposed.version, approve: true, note: '' })
    const view = await f.ok('o-caseworker', 'addMeasure', { householdId: one.id, kind: 'medical', description: '住院费用救助', outcome: '' })
    const measureId = view.measures[0].id
    const pay = async (amountFen: number, note: string) => {
      const before = new Set((await f.deps.store.repos.ledger.listByHousehold(one.id)).map((e) => e.id))
      const after = await f.ok<HouseholdView>('o-caseworker', 'recordPayment', { householdId: one.id, amountFen, fundSource: 'central', paidOn: '2026-03-07', measureId, note })
      const id = after.ledger.find((e) => !before.has(e.id))!.id
      await f.ok('o-reviewer', 'decideLedgerEntry', { entryId: id, decision: 'approved', note: '' })
      return id
    }
    await pay(50_000, '住院救助金')
    const wrong = await pay(12_345, '')
    const reversed = await f.ok<HouseholdView>('o-caseworker', 'reversePayment', { householdId: one.id, paymentId: wrong, reason: '金额录入错误' })
    const reversal = reversed.ledger.find((e) => e.kind === 'reversal')!.id
    await f.ok('o-reviewer', 'decideLedgerEntry', { entryId: reversal, decision: 'approved', note: '' })
    const rec = await f.record(one.id)
    await f.ok('o-reviewer', 'assignCadre', { householdId: one.id, expectedVersion: rec.version, cadreOpenid: 'o-caseworker' })
    await f.ok('o-caseworker', 'addContact', { householdId: one.id, kind: 'visit', on: '2026-03-07', notes: '入户走访，了解治疗情况', nextStep: '' })
    return { csv: await exportAll(f.deps, 'csv'), xlsx: await exportAll(f.deps, 'xlsx') }
  } finally {
    await f.close()
  }
}

/** A store holding the union tree of the source, and what the import and the exports need of it. */
export async function importTarget(store: Store) {
  await store.transaction(async (repos) => {
    for (const u of UNITS) await repos.units.put(u)
  })
  const clock = new TestClock(new Date('2026-04-01T02:00:00Z'))
  // The exports are written to a file store of their own, emptied once they are read back.
  const folder = tempDir('lantian-exports-')
  const deps = { store, clock, ids: randomIds, cipher: createCipher(randomBytes(32)), files: localFileStore(folder.dir, randomBytes(32)) }
  return {
    deps,
    clock,
    run: (files: HouseholdImportFiles, dryRun = false) => importHouseholds(deps, files, { dryRun, operator: '赵强' }),
    exportAll: async (format: SheetFormat = 'csv') => {
      try {
        return await exportAll(deps as never, format)
      } finally {
        folder.cleanup()
      }
    },
  }
}

/** The two exports as an import's files. */
export const files = (f: ExportedFiles, ext = 'csv') => ({ households: { name: `建档户.${ext}`, bytes: f.households }, ledger: { name: `帮扶资金台账.${ext}`, bytes: f.ledger } })
export const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')
/** An import's problems as the operator reads them; none when it went through. */
export const problemsOf = (r: HouseholdImportResult) => (r.ok ? [] : r.problems.map(formatProblem))

/** A households export with its rows changed by `edit` (cells by header), `extra` rows added. */
export function edited(bytes: Uint8Array, edit: (cell: (h: string, v?: string) => string, i: number) => void, extra: string[][] = []): Uint8Array {
  const t = readCsv(bytes)
  const rows = [...t.rows.map((r) => r.cells), ...extra]
  rows.forEach((cells, i) => edit((h, v) => (v === undefined ? cells[t.header.indexOf(h)] : (cells[t.header.indexOf(h)] = v)), i))
  return writeCsv({ header: t.header, rows: rows.map((cells, i) => ({ line: i + 2, cells })) })
}

/** Sixty households: the export's own and more like its second, each a person of its own. */
export function manyHouseholds(households: Uint8Array) {
  const { rows } = readCsv(households)
  const base = rows[1].cells
  const bytes = edited(households, (cell, i) => {
    if (i < rows.length) return
    cell('档案编号', `MLS-H-2019-${String(i).padStart(6, '0')}`)
    const id = nextIdNumber()
    cell('身份证号', id)
    cell('性别', Number(id[16]) % 2 ? '男' : '女')
    cell('出生日期', '')
  }, Array.from({ length: 60 - rows.length }, () => base.slice()))
  return { name: '建档户.csv', bytes }
}
