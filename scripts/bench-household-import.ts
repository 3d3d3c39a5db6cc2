/**
 * `npm run bench:household-import`: what bringing in Mile's files costs on CloudBase. Generates
 * the files the household and ledger exports write for 514 households (Mile's count on file in
 * 2015) and 5,486 payments (the seed report's person-times), then imports them into the stand-in
 * with 10 ms on every database request (the real SDK), prints the time, the requests and the
 * batches, and reruns the same files (everything skipped). Figures only; nothing is asserted.
 */
import * as v from 'valibot'
import { importHouseholds } from '../server/import/households'
import { seedTestUnits } from '../test/support/deps'
import { formValues } from '../test/support/forms'
import { nextIdNumber } from '../test/support/households'
import { writeCsv } from '../server/usecases/shared/csv'
import { ApplicationFormSchema } from '../src/domain/application-form'
import { HOUSEHOLD_EXPORT_HEADER, householdExportRow } from '../src/domain/household-export'
import { LEDGER_EXPORT_HEADER, ledgerExportRow } from '../src/domain/ledger-export'
import type { DisbursementEntry } from '../src/domain/ledger'
import { atFullSpeed, startBenchEnvironment } from './load/harness'

const HOUSEHOLDS = 514
const PAYMENTS = 5486
const LATENCY_MS = 10

const table = (header: readonly string[], rows: string[][]) => writeCsv({ header: [...header], rows: rows.map((cells, i) => ({ line: i + 2, cells })) })

function files() {
  const households: string[][] = []
  const ledger: string[][] = []
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const idNumber = nextIdNumber()
    const values = formValues({ idNumber, memberIds: [] })
    values.applicant.unitId = 'unit-532504001'
    const form = v.parse(ApplicationFormSchema, values)
    const number = `MLS-H-2017-${String(i + 1).padStart(6, '0')}`
    const filedAt = '2017-06-01T02:00:00.000Z'
    const household = { number, category: 'deep' as const, status: 'filed' as const, headName: form.applicant.name, memberCount: 3, cadres: [], lastContactOn: null, filedAt, history: [{ id: 'e', at: filedAt, by: 'x', byName: '王某', kind: 'filed' as const, applicationId: null, category: 'deep' as const }] }
    households.push(householdExportRow({ household, unitName: '弥阳街道总工会', idNumber, phone: form.applicant.phone, form }, true))
  }
  for (let j = 0; j < PAYMENTS; j++) {
    const entry = { kind: 'payment', amountFen: 50_000 + j, fundSource: 'central', paidOn: `20${17 + (j % 4)}-01-2${j % 9}`, payeeAccountMasked: '6228 **** 9012', recordedByName: '李某', decision: { byName: '周某' }, reason: '', note: '' } as unknown as DisbursementEntry
    ledger.push(ledgerExportRow(entry, { number: households[j % HOUSEHOLDS][0], headName: '张小明' }, ''))
  }
  return { households: { name: '建档户.csv', bytes: table(HOUSEHOLD_EXPORT_HEADER, households) }, ledger: { name: '帮扶资金台账.csv', bytes: table(LEDGER_EXPORT_HEADER, ledger) } }
}

async function main() {
  const env = await startBenchEnvironment({ latencyMs: LATENCY_MS })
  try {
    await atFullSpeed(env.standin, () => seedTestUnits(env.deps.store))
    const input = files()
    for (const run of ['first', 'rerun']) {
      env.standin.requests.length = 0
      const started = performance.now()
      const result = await importHouseholds(env.deps, input, { dryRun: false, operator: 'bench' })
      const seconds = (performance.now() - started) / 1000
      if (!result.ok) throw new Error(`import refused: ${result.problems.slice(0, 3).map((p) => `${p.line} ${p.column} ${p.message}`).join('; ')}`)
      console.log(`bench:household-import run=${run} latency_ms=${LATENCY_MS} households=${result.households} skipped=${result.skipped} entries=${result.entries} batches=${result.batches} requests=${env.standin.requests.length} seconds=${seconds.toFixed(1)}`)
    }
  } finally {
    await env.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
