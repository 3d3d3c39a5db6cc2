/**
 * The overdue contacts and the campaign's progress each store keeps as households, contacts and
 * check records are written equal the reference computation (`computeDashboard`) over the raw
 * records read back: random histories (filings, deregistrations and refilings, some at the same
 * instant, half near Shanghai's midnight), contacts logged in any order (some late, for an earlier
 * day), a campaign over nested scope units with checks at every stage; every unit level, random
 * ranges including past ones; concurrent writers on CloudBase. Then the migrations (SQLite 46,
 * CloudBase 013) rebuild the same figures from the records alone.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Actor } from '../../src/domain'
import { DASHBOARD_OVERDUE_LISTED } from '../../src/domain/api/households'
import { addDays, type CalendarDate } from '../../src/domain/calendar'
import { campaignScope, type Campaign, type CheckRecord } from '../../src/domain/campaign'
import { computeDashboard, type DateRange } from '../../src/domain/dashboard'
import type { ContactEntry } from '../../src/domain/household'
import { SIX_ITEM_CODES } from '../../src/domain/review'
import { createCipher } from '../../server/adapters/node-cipher'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { CHECKS, CONTACT_CLOCKS, FILED_SPELLS, OVERDUE_SPELLS } from '../../server/adapters/cloudbase/collections'
import { overdueContacts } from '../../server/adapters/cloudbase/migrations/018-overdue-contacts'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { CONTACT_CLOCKS_MIGRATION } from '../../server/adapters/sqlite/contact-clock-storage'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { ContactRecord, Deps, HouseholdRecord, Store } from '../../server/ports'
import { prng } from '../../server/local/prng'
import { randomIds } from '../../server/runtime'
import { listCampaigns } from '../../server/usecases/households/campaigns'
import { scopeAndProgress } from '../../server/usecases/households/campaign-scope'
import { householdDashboard } from '../../server/usecases/households/dashboard'
import { TestClock, tempDir } from '../support/deps'
import { figureHistories, figureRanges, type FigureStep } from '../support/figure-histories'
import { UNITS } from '../support/union-tree'
import { tallyRequests, totalOf } from '../support/request-tally'
import { contractStores } from './stores'

const { standin } = contractStores()
const admin: Actor = { openid: 'o-city-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }
const VIEWED = ['unit-root', 'unit-a', 'unit-a2', 'unit-b', 'unit-b1']
const LEAVES = ['unit-a', 'unit-a1', 'unit-a2', 'unit-a2x', 'unit-b1']
const DAYS = 45
const pathOf = new Map(UNITS.map((u) => [u.id, u.path]))

/** Contacts and a campaign's checks for the final households, seeded. */
function extras(seed: number, households: readonly HouseholdRecord[]): { contacts: ContactRecord[]; campaign: Campaign; checks: CheckRecord[] } {
  const rnd = prng(seed)
  const int = (n: number) => Math.floor(rnd() * n)
  const contacts: ContactRecord[] = []
  for (const h of households)
    for (let k = 0, n = int(5); k < n; k++) {
      const on: CalendarDate = addDays('2019-01-01', int(4 * 365))
      contacts.push({ id: `${h.id}-c${k}`, householdId: h.id, unitId: h.unitId, kind: 'visit', on, notes: '', nextStep: '', by: 'o-cw', byName: '李娟', createdAt: `${on}T03:00:00.000Z` } satisfies ContactEntry & { unitId: string })
    }
  // Nested scope units: a household under unit-a2 counts there, not under unit-a.
  const startsOn = addDays('2019-06-01', int(2 * 365))
  const campaign: Campaign = {
    id: `camp-${seed}`,
    name: '户户清',
    startsOn,
    endsOn: addDays(startsOn, 400),
    unitIds: ['unit-a', 'unit-a2', 'unit-b1'],
    status: 'open',
    createdAt: `${addDays(startsOn, int(3) - 1)}T${rnd() < 0.5 ? '15:59:59.999' : '04:00:00.000'}Z`,
    createdBy: 'o-city-admin',
    createdByName: '赵强',
    version: 1,
  }
  const scope = campaignScope(campaign, households.map((h) => ({ id: h.id, unitPath: pathOf.get(h.unitId)!, history: h.history })))
  const checks: CheckRecord[] = []
  for (const id of Object.values(scope).flat()) {
    const fate = rnd()
    if (fate < 0.25) continue
    const h = households.find((x) => x.id === id)!
    const all = fate > 0.45
    const item = { confirmed: true, note: '', evidenceIds: [], at: `${startsOn}T05:00:00.000Z`, by: 'o-cw', byName: '李娟' }
    const items = Object.fromEntries(SIX_ITEM_CODES.slice(0, all ? 6 : 1 + int(5)).map((c) => [c, item]))
    const outcome: CheckRecord['outcome'] = !all || fate < 0.6 ? null : fate < 0.8 ? { kind: 'keep', difficulties: [{ group: 'medical', task: '协助申请医疗救助' }] } : { kind: 'propose-deregistration', reason: 'stable-employment', text: '', evidenceIds: [] }
    checks.push({ id: `${campaign.id}:${id}`, campaignId: campaign.id, householdId: id, unitId: h.unitId, items, outcome, outcomeAt: null, outcomeBy: null, updatedAt: item.at, version: 1 })
  }
  return { contacts, campaign, checks }
}

async function write(repos: Store['repos'], step: FigureStep): Promise<void> {
  if (step.kind === 'insert') await repos.households.insert(step.household)
  else if (step.kind === 'update') expect(await repos.households.update(step.household, step.expectedVersion)).toBe(true)
}

/** Each household's steps, contacts (shuffled: some logged late) and check in order; households `width` at a time, every third write in a transaction. */
async function writeAll(store: Store, seed: number, steps: FigureStep[], x: ReturnType<typeof extras>, width: number): Promise<void> {
  const rnd = prng(seed + 1)
  const work = new Map<string, ((repos: Store['repos']) => Promise<unknown>)[]>()
  const add = (id: string, w: (repos: Store['repos']) => Promise<unknown>) => work.set(id, [...(work.get(id) ?? []), w])
  for (const s of steps) if (s.kind === 'insert' || s.kind === 'update') add(s.household.id, (r) => write(r, s))
  for (const c of [...x.contacts].sort(() => rnd() - 0.5)) add(c.householdId, (r) => r.contacts.add(c))
  // A check is written as a caseworker does: first one item, then the whole record.
  for (const c of x.checks) {
    add(c.householdId, (r) => r.checks.put({ ...c, items: {}, outcome: null, version: 1 }, 0))
    add(c.householdId, (r) => r.checks.put({ ...c, version: 2 }, 1))
  }
  const lists = [...work.values()]
  let n = 0
  for (let i = 0; i < lists.length; i += width)
    await Promise.all(lists.slice(i, i + width).map(async (list) => {
      for (const w of list) await (++n % 3 === 0 ? store.transaction((r) => w(r)) : w(store.repos))
    }))
}

/** The reference over the raw records read back from the store, for a unit's subtree. */
async function reference(store: Store, unitId: string, range: DateRange) {
  const households = await store.repos.households.listPage({ under: unitId, after: null, limit: 10_000 })
  const contacts = (await Promise.all(households.map((h) => store.repos.contacts.listByHousehold(h.id, { offset: 0, limit: 1000 })))).flatMap((p) => p.items)
  const campaigns = (await store.repos.campaigns.list({ offset: 0, limit: 100 })).items
  const checkRecords = await store.repos.checks.scan(campaigns[0].id, null, 10_000)
  const scoped = households.map((h) => ({ id: h.id, unitId: h.unitId, unitPath: pathOf.get(h.unitId)!, history: h.history }))
  const concerns = campaigns.filter((c) => c.unitIds.some((u) => pathOf.get(u)!.includes(unitId) || pathOf.get(unitId)!.includes(u)))
  const d = computeDashboard({ households: scoped, disbursements: [], applications: [], stations: [], campaigns: concerns, checkRecords, contacts, contactOverdueDays: DAYS }, range)
  return { overdueCount: d.overdueContacts.length, overdueContacts: d.overdueContacts.slice(0, DASHBOARD_OVERDUE_LISTED), campaign: d.campaign }
}

async function expectReference(deps: Deps, ranges: DateRange[]): Promise<void> {
  for (const range of ranges)
    for (const unitId of VIEWED) {
      const view = await householdDashboard(deps, admin, { ...range, unitId })
      const want = await reference(deps.store, unitId, range)
      expect({ unitId, range, overdueCount: view.overdueCount, overdueContacts: view.overdueContacts, campaign: view.campaign }).toEqual({ unitId, range, ...want })
      expect(Object.keys(view.overdueHouseholds).sort()).toEqual(view.overdueContacts.map((c) => c.householdId).sort())
    }
  // The 户户清 list's progress comes from the same kept counts: equal to a scan of the scope's households.
  const [listed] = (await listCampaigns(deps, admin, { pageSize: 10 })).items
  expect(listed.progress).toEqual((await scopeAndProgress(deps.store.repos, listed)).progress.total)
  expect(listed.progress.inScope).toBeGreaterThan(0)
}

const depsOf = (store: Store): Deps => ({
  store,
  clock: new TestClock(),
  ids: randomIds,
  cipher: createCipher(randomBytes(32)),
  settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
  files: null as never,
})

async function prepared(store: Store, seed: number, count: number, width: number) {
  for (const u of UNITS) await store.repos.units.put(u)
  await store.repos.policies.put({ unitId: 'unit-root', dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: {}, contactOverdueDays: DAYS })
  const { steps, households } = figureHistories(seed, count, LEAVES)
  const x = extras(seed, households)
  await store.repos.campaigns.insert(x.campaign)
  await writeAll(store, seed, steps, x, width)
  // Ranges ending on the campaign's scope day and around it, besides random ones.
  return [...figureRanges(seed, 6), { from: x.campaign.startsOn, to: x.campaign.startsOn }, { from: '2019-01-01', to: '2026-12-06' }]
}

test('SQLite: overdue contacts and campaign progress kept as each write lands equal the reference; migration 46 rebuilds them', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'kept.db')
  const store = openSqliteStore(file)
  try {
    const deps = depsOf(store)
    const ranges = await prepared(store, 20261207, 60, 1)
    await expectReference(deps, ranges)
    const views = await Promise.all(ranges.map((r) => householdDashboard(deps, admin, r)))
    await store.close()
    const db = openDatabase(file)
    db.exec('DELETE FROM contact_clocks; DELETE FROM overdue_entries; DELETE FROM overdue_counts; DELETE FROM filed_entries; DELETE FROM filed_counts; DELETE FROM check_counts')
    db.transaction(() => CONTACT_CLOCKS_MIGRATION.run!(db))()
    db.close()
    const again = openSqliteStore(file)
    const rebuilt = depsOf(again)
    expect(await Promise.all(ranges.map((r) => householdDashboard(rebuilt, admin, r)))).toEqual(views)
    expect(views.some((v) => v.overdueCount > 0) && views.some((v) => (v.campaign?.progress.total.checked ?? 0) > 0)).toBe(true)
    await again.close()
  } finally {
    cleanup()
  }
}, 180_000)

test('CloudBase: concurrent writers keep overdue contacts and campaign progress exact; migration 013 rebuilds them', async () => {
  standin().reset()
  const store = createCloudbaseStore()
  const deps = depsOf(store)
  const ranges = await prepared(store, 20261208, 16, 4)
  await expectReference(deps, ranges.slice(0, 4))
  const views = await Promise.all(ranges.map((r) => householdDashboard(deps, admin, r)))
  expect(views.some((v) => v.overdueCount > 0)).toBe(true)

  const db = getDb()
  for (const coll of [CONTACT_CLOCKS, OVERDUE_SPELLS, FILED_SPELLS]) {
    const { data } = await db.collection(coll).limit(1000).get()
    for (const d of data) await db.collection(coll).doc(d._id).remove()
  }
  const { data: checks } = await db.collection(CHECKS).limit(1000).get()
  for (const d of checks) await db.collection(CHECKS).doc(d._id).update({ unitPath: db.command.remove(), checked: db.command.remove(), outcomeKind: db.command.remove() })
  expect((await householdDashboard(deps, admin, ranges.at(-1)!)).overdueCount).toBe(0)
  expect((await overdueContacts.run({ db })).changed).toBe(16 + checks.length)
  expect(await Promise.all(ranges.map((r) => householdDashboard(deps, admin, r)))).toEqual(views)
}, 300_000)

/**
 * The most documents one view's reads may carry on CloudBase in this tree (7 units, a range of
 * three years): its subtree of units, 36 month rows and 2 more, a page of campaigns and the
 * campaign's scope units, 2 x 30 overdue spells, the 30 listed households and their units.
 */
const VIEW_DOCUMENTS = 200

test('CloudBase: a view reads the same requests and at most VIEW_DOCUMENTS documents for four times the households, writes the timer has not folded and older campaigns', async () => {
  standin().reset()
  const store = createCloudbaseStore()
  const deps = depsOf(store)
  const range = { from: '2019-01-01', to: '2021-12-31' }
  await prepared(store, 20261209, 12, 4)
  while ((await store.repos.figures.foldPending(50)) > 0);
  /** One view's requests and documents, counted by the stand-in. */
  const readsOfView = async () => {
    standin().requests.length = 0
    const view = await householdDashboard(deps, admin, range)
    const tally = totalOf(tallyRequests(standin().requests))
    return { ...tally, listed: view.overdueContacts.length + new Set(view.overdueContacts.map((c) => c.unitId)).size, view }
  }
  const before = await readsOfView()
  // Four times the households, none of their writes folded yet, and 30 campaigns that ended before the range.
  const { steps, households } = figureHistories(20261210, 36, LEAVES)
  const more = extras(20261210, households)
  await writeAll(store, 20261210, steps, { ...more, checks: [] }, 4)
  for (let k = 0; k < 30; k++)
    await store.repos.campaigns.insert({ ...more.campaign, id: `camp-old-${k}`, startsOn: addDays('2012-01-01', k * 30), endsOn: addDays('2012-06-01', k * 30), status: 'closed' })
  const after = await readsOfView()
  expect(await store.repos.figures.foldPending(1)).toBe(1)
  expect(after.listed).toBeGreaterThanOrEqual(before.listed)
  // Only the listed households and their units (one read each, at most 30 and their units) may differ.
  expect(after.requests - after.listed).toBe(before.requests - before.listed)
  expect(before.documents).toBeLessThanOrEqual(VIEW_DOCUMENTS)
  expect(after.documents).toBeLessThanOrEqual(VIEW_DOCUMENTS)
  // The kept figures are the folded ones: the unfolded writes add nothing until the timer folds them.
  expect(after.view.onFileSeries).toEqual(before.view.onFileSeries)
}, 300_000)
