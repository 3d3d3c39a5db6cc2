/**
 * A province's data written through the store: the households of `scale/households.ts` with their
 * ledger, and applications cloned from real submits (each a record `submitApplication` wrote, given
 * an id, number, applicant, street, stage and dates of its own), in transactions of a few thousand.
 */
import dayjs from 'dayjs'
import type { ApplicationStatus } from '../../src/domain'
import { idCheckChar } from '../../src/domain/id-number'
import { writeDemoLedger } from '../../server/local/seed-households'
import type { ApplicationRecord, Deps, OrgUnitRecord } from '../../server/ports'
import { submitApplication, type SubmitInput } from '../../server/usecases/applicant/submit-application'
import { call, checkedSubmission, TEST_POLICY } from '../../test/support/deps'
import { DEMO_TREE } from '../../test/support/demo-data'
import { generateHouseholds, SEED } from './households'

export const ROOT = 'unit-root'
/** The unit the test forms name (test/support/forms.ts): the real submits are made there. */
const FORM_UNIT: OrgUnitRecord = { id: 'unit-532504001', name: '弥阳街道总工会', parentId: ROOT, path: [ROOT, 'unit-532504001'] }
const CITIES = 10
const STREETS_PER_CITY = 10
export const REVIEWER = 'bench-reviewer'
export const STREET_CASEWORKER = 'bench-street'

const cityId = (c: number) => `unit-p-c${String(c).padStart(2, '0')}`
const streetId = (c: number, s: number) => `${cityId(c)}-s${String(s).padStart(2, '0')}`

/** Ten cities of ten streets under the root (beside the households' demo tree): where the applications are. */
export function provinceUnits(): OrgUnitRecord[] {
  const units: OrgUnitRecord[] = []
  for (let c = 1; c <= CITIES; c++) {
    units.push({ id: cityId(c), name: `第${c}市总工会`, parentId: ROOT, path: [ROOT, cityId(c)] })
    for (let s = 1; s <= STREETS_PER_CITY; s++) units.push({ id: streetId(c, s), name: `第${c}市第${s}街道总工会`, parentId: cityId(c), path: [ROOT, cityId(c), streetId(c, s)] })
  }
  return units
}
export const STREETS = provinceUnits().filter((u) => u.path.length === 3).map((u) => u.id)
export const FIRST_STREET = STREETS[0]

/** A valid ID number of its own for every `n` (a birth date per thousand, the check character computed). */
export function idNumberOf(n: number): string {
  const birth = dayjs('1960-01-01').add(Math.floor(n / 1000), 'day').format('YYYYMMDD')
  const first17 = `532504${birth}${String(n % 1000).padStart(3, '0')}`
  return first17 + idCheckChar(first17)
}

/** A submission of its own for the `n`-th applicant (applicant and one member ID number). */
export const submissionOf = (n: number): SubmitInput => checkedSubmission({ idNumber: idNumberOf(2 * n), memberIds: [idNumberOf(2 * n + 1)] })

/** The union tree, the root's policy, a reviewer at the root and a caseworker of the first street. */
export async function seedUnits(deps: Deps): Promise<void> {
  await deps.store.transaction(async (repos) => {
    for (const u of [...DEMO_TREE, FORM_UNIT, ...provinceUnits()]) await repos.units.put(u)
    await repos.policies.put(TEST_POLICY)
    await repos.staff.put({ openid: REVIEWER, displayName: '周敏', unitId: ROOT, roles: ['reviewer'], active: true })
    await repos.staff.put({ openid: STREET_CASEWORKER, displayName: '李娟', unitId: FIRST_STREET, roles: ['caseworker'], active: true })
  })
}

/** Writes `households` filed households with about five ledger entries each; how long generating and writing took. */
export async function buildHouseholds(deps: Deps, households: number): Promise<{ generateMs: number; writeMs: number; writeCpuMs: number }> {
  let t = performance.now()
  const demo = generateHouseholds(households, households * 5)
  const generateMs = performance.now() - t
  t = performance.now()
  const cpu = process.cpuUsage()
  await writeDemoLedger((work) => deps.store.transaction(work), deps.cipher, demo, SEED)
  return { generateMs, writeMs: performance.now() - t, writeCpuMs: cpuMs(process.cpuUsage(cpu)) }
}

/** A `process.cpuUsage` difference in ms (user + system, every thread of the process). */
export const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000

/** The stage of the `i`-th clone: a tenth waiting in `submitted` (the queue measured), a tenth in review, the rest closed. */
function stageOf(i: number): ApplicationStatus {
  const k = i % 20
  if (k < 2) return 'submitted'
  if (k === 2) return 'screening'
  if (k === 3) return 'visiting'
  if (k < 12) return 'filed'
  return k < 16 ? 'rejected' : 'withdrawn'
}

const TEMPLATES = 16
/** Applications a transaction (BENCH_SCALE_BATCH, 5,000). */
const BATCH = Number(process.env.BENCH_SCALE_BATCH ?? 5000)
const LOG_EVERY = 100_000

/**
 * `n` applications cloned from `TEMPLATES` real submits, spread over the streets, in transactions of
 * `BATCH`; how long writing them took, and the process's CPU time for it. Every `LOG_EVERY` it logs
 * the CPU per insert of the slice just written, so a cost growing with the data shows in one run.
 */
export async function buildApplications(deps: Deps, n: number, log: (line: string) => void): Promise<{ writeMs: number; writeCpuMs: number }> {
  const templates: ApplicationRecord[] = []
  for (let i = 0; i < TEMPLATES; i++) {
    const r = await submitApplication(deps, { openid: `o-template-${i}`, roles: ['worker'] }, submissionOf(1_000_000_000 + i), call(`template-${i}`))
    templates.push((await deps.store.repos.applications.get(r.id))!)
  }
  const base = dayjs('2025-01-01T00:00:00Z').valueOf()
  const t = performance.now()
  const cpu = process.cpuUsage()
  let slice = process.cpuUsage()
  for (let from = 0; from < n; from += BATCH) {
    await deps.store.transaction(async (repos) => {
      for (let i = from; i < Math.min(n, from + BATCH); i++) await repos.applications.insert(cloneOf(templates[i % TEMPLATES], i, base))
    })
    if ((from + BATCH) % LOG_EVERY === 0) {
      const us = (1000 * cpuMs(process.cpuUsage(slice))) / LOG_EVERY
      slice = process.cpuUsage()
      log(`  ${(from + BATCH).toLocaleString('en')} applications, ${((performance.now() - t) / 1000).toFixed(0)} s; the last ${LOG_EVERY.toLocaleString('en')} ${us.toFixed(0)} us CPU an insert`)
    }
  }
  return { writeMs: performance.now() - t, writeCpuMs: cpuMs(process.cpuUsage(cpu)) }
}

function cloneOf(t: ApplicationRecord, i: number, base: number): ApplicationRecord {
  const status = stageOf(i)
  const at = new Date(base + i * 20_000).toISOString()
  const open = status === 'submitted' || status === 'screening' || status === 'visiting'
  return {
    ...t,
    id: `bench-app-${String(i).padStart(7, '0')}`,
    number: `MLS-2025-${String(i + 1).padStart(7, '0')}`,
    applicantOpenid: `o-bench-${i}`,
    unitId: STREETS[i % STREETS.length],
    status,
    version: 1,
    timeline: [{ at, status }],
    createdAt: at,
    updatedAt: at,
    stageEnteredAt: at,
    // Deadlines spread over a year (some overdue), none for closed cases.
    dueAt: open ? new Date(base + ((i * 7919) % 365) * 86_400_000).toISOString() : null,
  }
}
