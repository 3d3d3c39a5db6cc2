/**
 * A city's records for the load scripts, written through the CloudBase store at full speed: the
 * test union tree, staff, and filed households, each with the application that filed it (a copy
 * of one really submitted, its sealed form included) and three approved payments.
 */
import type { ApplicationRecord, Deps, StaffRecord } from '../../server/ports'
import { submitApplication } from '../../server/usecases/applicant/submit-application'
import { mapLimited } from '../../server/usecases/households/scan'
import type { Actor } from '../../src/domain'
import { idCheckChar } from '../../src/domain/id-number'
import { budgetIdOf } from '../../src/domain/budget'
import { FUND_SOURCE_CODES } from '../../src/domain/household-codes'
import { call, checkedSubmission, seedTestUnits } from '../../test/support/deps'
import { householdRecord, paymentEntry } from '../../test/support/household-records'

export const ROOT = 'unit-root'
/** The township every seeded worker and household belongs to. */
export const TOWN = 'unit-532504001'

/** A valid ID number of someone born in 1970 + `group`, told apart by `n` (0..364,999). */
export function idNumberOf(group: number, n: number): string {
  const day = new Date(Date.UTC(1970 + group, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = `532504${day}${String(n % 1000).padStart(3, '0')}`
  return first17 + idCheckChar(first17)
}

/** Staff of the root unit with their roles, active. */
export async function seedStaff(deps: Deps, staff: readonly Actor[]): Promise<void> {
  for (const a of staff) {
    const roles = a.roles.filter((r): r is StaffRecord['roles'][number] => r !== 'worker')
    await deps.store.repos.staff.put({ openid: a.openid, displayName: '测试人员', unitId: ROOT, roles, active: true })
  }
}

/**
 * The union tree and `households` filed households of the township (ids h000000, h000001, …); with
 * `from`, households `from` to `households - 1` added to a city seeded before (growing it 10x);
 * `payments` approved payments each.
 */
export async function seedCity(deps: Deps, households: number, from = 0, payments = 3): Promise<void> {
  const repos = deps.store.repos
  if (from === 0) await seedTestUnits(deps.store)
  const model = from === 0 ? (await repos.applications.get((await submitApplication(deps, { openid: 'o-seed-applicant', roles: ['worker'] }, checkedSubmission(), call(null))).id))! : (await repos.applications.get('app-h000000'))!
  await mapLimited([...Array(households - from).keys()].map((i) => i + from), 20, async (i) => {
    const id = `h${String(i).padStart(6, '0')}`
    const app: ApplicationRecord = { ...model, id: `app-${id}`, number: `MLS-2025-${String(i + 10).padStart(6, '0')}`, applicantOpenid: `o-app-${id}`, status: 'filed', unitId: TOWN }
    await repos.applications.insert(app)
    await repos.households.insert(householdRecord(id, { unitId: TOWN, idNumberEnc: model.idNumberEnc, idNumberHash: `hash-${id}` }))
    for (let k = 0; k < payments; k++) await repos.ledger.append(paymentEntry(`pay-${id}-${k}`, { householdId: id, unitId: TOWN, paidOn: `2026-0${k + 1}-15` }))
  })
  if (from > 0) return
  // The township's 2026 budget of every fund source, which the reviewers' payments draw on.
  for (const fundSource of FUND_SOURCE_CODES)
    await repos.budgets.put({ id: budgetIdOf(TOWN, 2026, fundSource), unitId: TOWN, year: 2026, fundSource, amountFen: 10_000_000_000, committedFen: 0, version: 1, setBy: 'o-seed', setAt: '2026-01-01T00:00:00.000Z' }, 0)
}
