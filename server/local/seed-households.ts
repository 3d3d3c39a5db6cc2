import { shanghaiDateOf } from '../../src/domain/calendar'
import type { LedgerActor } from '../../src/domain/ledger'
import { demoToday } from './seed/demo-present'
import { generateDemoLedger, type DemoLedger, type DemoStaff } from './seed/demo-ledger'
import { prng } from './prng'
import type { Cipher, HouseholdRecord, OrgUnitRecord, Repositories, StaffRecord, Store } from '../ports'
import { householdOf } from '../usecases/shared/claim-keys'
import { householdMemberOfId } from '../usecases/applicant/duplicates'
import { demoFilingApplication, demoForm, sampleIdNumber } from './seed/demo-forms'
import { DEMO_ACCOUNTS } from './demo'

/**
 * The demo's filed households (示例数据): Mile's six years as the seed report tells them
 * (`generateDemoLedger`: 514 households on file in 2015 and 29 in August 2020, 4,239,000 yuan over
 * 5,486 payments, the 2020 户户清 campaign with its 55 checks), spread over the township units of
 * the store's tree, with their measures, ledger, contacts and campaign. Each household was filed
 * before this app, so, as an imported file, the `filed` application behind it holds its form
 * (./seed/demo-forms: members, address, family phone, bank account), which the household file
 * shows and reveals from. Written once, on a store without households, in a few transactions.
 *
 * The people are made up. Their ID numbers are valid in form (Mile's area code, a birth date, the
 * check character) so every screen and export works with them, and are marked as sample data by
 * the order code 99 in positions 15-16, which no ID number of this app's tests or forms uses.
 */

/** The generator's seed: the report's date. */
export const DEMO_LEDGER_SEED = 20200817

/** A sample ID number: Mile's area code, a birth date from 1960 to 1994, order code 99x, the check character. */
export const demoIdNumber = (random: () => number): string => sampleIdNumber(random, '1960-01-01', 35 * 365)

function staffOf(key: string): { openid: string; name: string } {
  const account = DEMO_ACCOUNTS.find((a) => a.key === key)
  if (!account) throw new Error(`demo account ${key} missing`)
  return { openid: `demo-${account.key}`, name: account.name }
}

/** The latest contact day per household. */
function lastContacts(demo: DemoLedger): Map<string, string> {
  const out = new Map<string, string>()
  for (const c of demo.contacts) if ((out.get(c.householdId) ?? '') < c.on) out.set(c.householdId, c.on)
  return out
}

/** The three parts of the demo ledger's writes, in order. */
export type DemoPhase = 'households' | 'ledger' | 'contacts'

/** Runs one batch of writes, a phase's: in a transaction for the seed, on the plain repositories for a test's stand-in. */
export type WriteBatch = (work: (repos: Repositories) => Promise<void>, phase: DemoPhase) => Promise<void>

/**
 * Writes a generated demo ledger: households (with sample ID numbers sealed by `cipher`, their
 * claims and `lastContactOn`), each with the application holding its filing form and its members'
 * claims, and measures, then the ledger in the order it was written, then the contacts, the
 * campaign and its checks: three batches.
 */
export async function writeDemoLedger(batch: WriteBatch, cipher: Cipher, demo: DemoLedger, seed = DEMO_LEDGER_SEED): Promise<void> {
  const lastOn = lastContacts(demo)
  const random = prng(seed)
  const unitOf = new Map(demo.households.map((h) => [h.id, h.unitId]))
  // The forms draw from a stream of their own, so the ID numbers stay those of the ledger's seed.
  const formRandom = prng(seed + 1)
  await batch(async (repos) => {
    // The townships' names for the addresses: a few reads by key (a transaction takes no queries).
    const townships = new Map<string, string>()
    for (const id of new Set(demo.households.map((h) => h.unitPath[1] ?? h.unitId))) townships.set(id, (await repos.units.get(id))?.name ?? '')
    for (const dh of demo.households) {
      const { unitPath, payeeAccount, ...h } = dh
      const idNumber = demoIdNumber(random)
      const idNumberHash = cipher.keyedHash(idNumber)
      const form = demoForm(formRandom, dh, idNumber, payeeAccount, townships.get(unitPath[1] ?? h.unitId) ?? '')
      const application = demoFilingApplication(cipher, dh, h.applicationIds[0], idNumber, idNumberHash, form)
      const rec: HouseholdRecord = { ...h, idNumberEnc: application.idNumberEnc, idNumberHash, lastContactOn: lastOn.get(h.id) ?? null }
      await repos.applications.insert(application)
      await repos.households.insert(rec)
      // One file per person, as filing keeps it: a worker with this number applying later refiles it.
      await repos.claims.create(householdOf(rec.idNumberHash), rec.id)
      // The members stay listed by the filing application, as submitting leaves them.
      for (const hash of application.memberIdHashes ?? []) await repos.claims.create(householdMemberOfId(hash), application.id)
    }
    for (const m of demo.measures) await repos.measures.insert({ ...m, unitId: unitOf.get(m.householdId)! })
  }, 'households')
  await batch(async (repos) => {
    for (const e of demo.disbursements) await repos.ledger.append(e)
  }, 'ledger')
  await batch(async (repos) => {
    for (const c of demo.contacts) await repos.contacts.add({ ...c, unitId: unitOf.get(c.householdId)! })
    await repos.campaigns.insert(demo.campaign)
    for (const r of demo.checkRecords) await repos.checks.put(r, 0)
  }, 'contacts')
}

/** The paired cadres of the townships other than the demo caseworker's (sample names), one each in township order. */
const CADRE_NAMES = ['王芳', '陈刚', '刘洋', '杨丽', '赵敏', '周涛', '吴霞', '孙磊', '马俊', '朱琳', '胡斌', '郭静', '何平', '高峰']

/** One cadre per township: the demo caseworker in their own, a sample caseworker (a staff record, no sign-in) in each other. */
function townshipCadres(townships: readonly OrgUnitRecord[]): { cadres: Map<string, LedgerActor>; staff: StaffRecord[] } {
  const own = DEMO_ACCOUNTS.find((a) => a.key === 'caseworker')?.staff?.unitId
  const cadres = new Map<string, LedgerActor>()
  const staff: StaffRecord[] = []
  let next = 0
  for (const t of townships) {
    if (t.id === own) {
      cadres.set(t.id, staffOf('caseworker'))
      continue
    }
    const cadre = { openid: `demo-cadre-${t.id.replace(/^unit-/, '')}`, name: CADRE_NAMES[next++ % CADRE_NAMES.length] }
    cadres.set(t.id, cadre)
    staff.push({ openid: cadre.openid, displayName: cadre.name, unitId: t.id, roles: ['caseworker'], active: true })
  }
  return { cadres, staff }
}

/**
 * Writes the demo ledger under `rootId`'s townships, brought to `at` (demoToday); false when
 * households are already there or there are no townships.
 */
export async function seedDemoHouseholds(store: Store, cipher: Cipher, rootId: string, at: Date = new Date()): Promise<boolean> {
  const units = await store.repos.units.subtree(rootId)
  const townships = units.filter((u) => u.parentId === rootId).sort((a, b) => a.id.localeCompare(b.id))
  if (townships.length === 0) return false
  if ((await store.repos.households.listPage({ under: rootId, after: null, limit: 1 })).length > 0) return false
  const staff: DemoStaff = { caseworker: staffOf('caseworker'), reviewer: staffOf('admin') }
  const history = generateDemoLedger(DEMO_LEDGER_SEED, townships.map((u) => ({ id: u.id, path: u.path })), staff)
  const paired = townshipCadres(townships)
  const demo = demoToday(history, shanghaiDateOf(at), paired.cadres, DEMO_LEDGER_SEED)
  await store.transaction(async (repos) => {
    for (const s of paired.staff) if (!(await repos.staff.getByOpenid(s.openid))) await repos.staff.put(s)
  })
  await writeDemoLedger((work) => store.transaction(work), cipher, demo)
  return true
}
