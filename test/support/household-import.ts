/**
 * The source of the import tests: households filed through the app (a measure, payments approved
 * by a second person, a reversal, a cadre, a contact), exported by a reviewer as the household
 * export and the ledger export write them; and the store they are imported into.
 */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import { importHouseholds, type HouseholdImportFiles } from '../../server/import/households'
import type { Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { exportHouseholds, exportLedger } from '../../server/usecases/households/export'
import type { SheetFormat } from '../../server/usecases/households/sheet-stream'
import type { Actor } from '../../src/domain'
import type { HouseholdView } from '../../src/domain/api/households'
import { TestClock } from './deps'
import { householdFixture } from './households'
import { UNITS } from './union-tree'

/** The city's reviewer of any store: sees every unit, exports in full. */
export const CITY_REVIEWER: Actor = { openid: 'o-city-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }

export interface ExportedFiles {
  households: Uint8Array
  ledger: Uint8Array
}

const bytesOf = (file: { dataBase64: string }) => new Uint8Array(Buffer.from(file.dataBase64, 'base64'))

/** Exports of a store, as the city's reviewer. */
export async function exportAll(deps: Parameters<typeof exportHouseholds>[0], format: SheetFormat = 'csv'): Promise<ExportedFiles> {
  return { households: bytesOf(await exportHouseholds(deps, CITY_REVIEWER, { format })), ledger: bytesOf(await exportLedger(deps, CITY_REVIEWER, { format })) }
}

/** Households filed through the app with their measure, ledger, cadre and contact; their exports in both formats. */
export async function filedThroughTheApp(): Promise<{ csv: ExportedFiles; xlsx: ExportedFiles }> {
  const f = await householdFixture()
  try {
    const one = await f.file('unit-a1')
    await f.file('unit-b1')
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
  const deps = { store, clock, ids: randomIds, cipher: createCipher(randomBytes(32)) }
  return {
    deps,
    clock,
    run: (files: HouseholdImportFiles, dryRun = false) => importHouseholds(deps, files, { dryRun, operator: '赵强' }),
    exportAll: (format: SheetFormat = 'csv') => exportAll(deps as never, format),
  }
}
