import { addDays } from '../../src/domain/calendar'
import { generateDemoLedger, type DemoLedger, type DemoStaff } from './seed/demo-ledger'
import { idCheckChar } from '../../src/domain/id-number'
import { prng, randomInt } from './prng'
import type { Cipher, HouseholdRecord, Repositories, Store } from '../ports'
import { householdOf } from '../usecases/shared/claim-keys'
import { DEMO_ACCOUNTS } from './demo'

/**
 * The demo's filed households (示例数据): Mile's six years as the seed report tells them
 * (`generateDemoLedger`: 514 households on file in 2015 and 29 in August 2020, 4,239,000 yuan over
 * 5,486 payments, the 2020 户户清 campaign with its 55 checks), spread over the township units of
 * the store's tree, with their measures, ledger, contacts and campaign. Written once, on a store
 * without households, in a few transactions.
 *
 * The people are made up. Their ID numbers are valid in form (Mile's area code, a birth date, the
 * check character) so every screen and export works with them, and are marked as sample data by
 * the order code 99 in positions 15-16, which no ID number of this app's tests or forms uses.
 */

/** The generator's seed: the report's date. */
export const DEMO_LEDGER_SEED = 20200817

const MILE_AREA = '532504'

/** A sample ID number: Mile's area code, a birth date from 1960 to 1994, order code 99x, the check character. */
export function demoIdNumber(random: () => number): string {
  const birth = addDays('1960-01-01', randomInt(random, 0, 35 * 365)).replace(/-/g, '')
  const first17 = `${MILE_AREA}${birth}99${randomInt(random, 0, 9)}`
  return first17 + idCheckChar(first17)
}

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

/** Runs one batch of writes: in a transaction for the seed, on the plain repositories for a test's stand-in. */
export type WriteBatch = (work: (repos: Repositories) => Promise<void>) => Promise<void>

/**
 * Writes a generated demo ledger: households (with sample ID numbers sealed by `cipher`, their
 * claims and `lastContactOn`) and measures, then the ledger in the order it was written, then the
 * contacts, the campaign and its checks: three batches.
 */
export async function writeDemoLedger(batch: WriteBatch, cipher: Cipher, demo: DemoLedger, seed = DEMO_LEDGER_SEED): Promise<void> {
  const lastOn = lastContacts(demo)
  const random = prng(seed)
  const unitOf = new Map(demo.households.map((h) => [h.id, h.unitId]))
  await batch(async (repos) => {
    for (const { unitPath: _path, ...h } of demo.households) {
      const idNumber = demoIdNumber(random)
      const rec: HouseholdRecord = { ...h, idNumberEnc: cipher.encrypt(idNumber), idNumberHash: cipher.keyedHash(idNumber), lastContactOn: lastOn.get(h.id) ?? null }
      await repos.households.insert(rec)
      // One file per person, as filing keeps it: a worker with this number applying later refiles it.
      await repos.claims.create(householdOf(rec.idNumberHash), rec.id)
    }
    for (const m of demo.measures) await repos.measures.insert({ ...m, unitId: unitOf.get(m.householdId)! })
  })
  await batch(async (repos) => {
    for (const e of demo.disbursements) await repos.ledger.append(e)
  })
  await batch(async (repos) => {
    for (const c of demo.contacts) await repos.contacts.add({ ...c, unitId: unitOf.get(c.householdId)! })
    await repos.campaigns.insert(demo.campaign)
    for (const r of demo.checkRecords) await repos.checks.put(r, 0)
  })
}

/** Writes the demo ledger under `rootId`'s townships; false when households are already there or there are no townships. */
export async function seedDemoHouseholds(store: Store, cipher: Cipher, rootId: string): Promise<boolean> {
  const units = await store.repos.units.subtree(rootId)
  const townships = units.filter((u) => u.parentId === rootId).sort((a, b) => a.id.localeCompare(b.id))
  if (townships.length === 0) return false
  if ((await store.repos.households.scan({ unitIds: units.map((u) => u.id) }, null, 1)).length > 0) return false
  const staff: DemoStaff = { caseworker: staffOf('caseworker'), reviewer: staffOf('admin') }
  const demo = generateDemoLedger(DEMO_LEDGER_SEED, townships.map((u) => ({ id: u.id, path: u.path })), staff)
  await writeDemoLedger((work) => store.transaction(work), cipher, demo)
  return true
}
