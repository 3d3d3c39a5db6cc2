/**
 * The authorization matrix of the household file: every role against every action of the file
 * (measures, money, contacts, cadres, deregistration, reads), on a household of their own
 * jurisdiction and of another. Each cell is asserted: allowed, FORBIDDEN (the role may never do
 * it) or NOT_FOUND (the household is not theirs to see, so its existence is not confirmed either).
 */
import { shanghaiDate } from '../../src/domain'
import { householdsActions } from '../../src/domain/api/households'
import { householdFixture, type HouseholdFixture } from '../support/households'

type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND'
type Role = 'caseworker' | 'reviewer' | 'admin'

/** Who acts; `own`: the household lies in their jurisdiction (unit-a), `other`: it does not (unit-b). */
const ACTORS = {
  worker: { openid: 'w-stranger', roles: [], own: false },
  'caseworker, own unit': { openid: 'o-caseworker', roles: ['caseworker'], own: true },
  'caseworker, other unit': { openid: 'o-b-cw', roles: ['caseworker'], own: false },
  'reviewer, own unit': { openid: 'o-reviewer', roles: ['reviewer'], own: true },
  'reviewer, other unit': { openid: 'o-b-rv', roles: ['reviewer'], own: false },
  'admin only, own unit': { openid: 'o-town-admin', roles: ['admin'], own: true },
  'admin only, other unit': { openid: 'o-b-admin', roles: ['admin'], own: false },
} as const satisfies Record<string, { openid: string; roles: readonly Role[]; own: boolean }>
type ActorKey = keyof typeof ACTORS

interface Row {
  action: string
  allowed: readonly Role[]
  /** The input names no household (a ledger entry is named by its id). */
  byEntry?: true
  /** Puts the household in the state the action needs, as other staff; returns the input's own part. */
  input: (f: HouseholdFixture, id: string) => Promise<Record<string, unknown>> | Record<string, unknown>
}

const CASE: readonly Role[] = ['caseworker', 'reviewer']
const ALL: readonly Role[] = ['caseworker', 'reviewer', 'admin']
/** Today (Asia/Shanghai) on the fixture's clock, which each filing moves on. */
const today = (f: HouseholdFixture) => shanghaiDate(f.clock.now())
const version = async (f: HouseholdFixture, id: string) => ({ expectedVersion: (await f.record(id)).version })
/** A payment recorded by one caseworker and approved by the city's reviewer: one that may be reversed. */
async function approvedPayment(f: HouseholdFixture, id: string, amountFen = 80_000): Promise<string> {
  const view = await f.ok('o-caseworker-2', 'recordPayment', { householdId: id, amountFen, fundSource: 'provincial', paidOn: today(f), note: '' })
  const entryId = view.ledger[0].id
  await f.ok('o-city-admin', 'decideLedgerEntry', { entryId, decision: 'approved', note: '' })
  return entryId
}

const ROWS: Row[] = [
  { action: 'get', allowed: ALL, input: () => ({}) },
  { action: 'staffChoices', allowed: ALL, input: () => ({ role: 'reviewer' }) },
  { action: 'addMeasure', allowed: CASE, input: () => ({ kind: 'medical', description: '医疗救助' }) },
  {
    action: 'updateMeasure',
    allowed: CASE,
    input: async (f, id) => {
      const view = await f.ok('o-caseworker-2', 'addMeasure', { householdId: id, kind: 'medical', description: '医疗救助' })
      return { measureId: view.measures[0].id, expectedVersion: 1, status: 'in-progress', outcome: '' }
    },
  },
  { action: 'recordPayment', allowed: CASE, input: (f) => ({ amountFen: 80_000, fundSource: 'provincial', paidOn: today(f), note: '' }) },
  {
    action: 'reversePayment',
    allowed: CASE,
    input: async (f, id) => ({ paymentId: await approvedPayment(f, id), reason: '重复发放' }),
  },
  // Recorded by another caseworker, so no cell's actor decides their own entry.
  {
    action: 'decideLedgerEntry',
    allowed: ['reviewer'],
    byEntry: true,
    input: async (f, id) => {
      const view = await f.ok('o-caseworker-2', 'recordPayment', { householdId: id, amountFen: 80_000, fundSource: 'provincial', paidOn: today(f), note: '' })
      return { entryId: view.ledger[0].id, decision: 'approved', note: '' }
    },
  },
  { action: 'addContact', allowed: CASE, input: (f) => ({ kind: 'phone', on: today(f), notes: '电话了解近况', nextStep: '' }) },
  { action: 'assignCadre', allowed: ['reviewer', 'admin'], input: async (f, id) => ({ ...(await version(f, id)), cadreOpenid: 'o-caseworker-2' }) },
  {
    action: 'removeCadre',
    allowed: ['reviewer', 'admin'],
    input: async (f, id) => {
      await f.ok('o-city-admin', 'assignCadre', { householdId: id, ...(await version(f, id)), cadreOpenid: 'o-caseworker-2' })
      return { ...(await version(f, id)), cadreOpenid: 'o-caseworker-2', note: '' }
    },
  },
  { action: 'prepareEvidenceUpload', allowed: CASE, input: () => ({ fileName: '收入证明.jpg' }) },
  { action: 'viewEvidence', allowed: ALL, input: async (f, id) => ({ evidenceId: await f.evidence('o-caseworker-2', id) }) },
  { action: 'proposeDeregistration', allowed: CASE, input: async (f, id) => ({ ...(await version(f, id)), reason: 'stable-employment', text: '', evidenceIds: [await f.evidence('o-caseworker-2', id)] }) },
  {
    action: 'decideDeregistration',
    allowed: ['reviewer'],
    input: async (f, id) => {
      await f.ok('o-caseworker-2', 'proposeDeregistration', { householdId: id, ...(await version(f, id)), reason: 'stable-employment', text: '', evidenceIds: [await f.evidence('o-caseworker-2', id)] })
      return { ...(await version(f, id)), approve: true, note: '' }
    },
  },
]

/** The rule the matrix states: the action's role first (FORBIDDEN), then the jurisdiction (NOT_FOUND). */
function expected(row: Row, who: (typeof ACTORS)[ActorKey]): Outcome {
  if (!who.roles.some((r) => row.allowed.includes(r))) return 'FORBIDDEN'
  return who.own ? 'allowed' : 'NOT_FOUND'
}

describe('households authorization matrix', () => {
  let f: HouseholdFixture
  beforeAll(async () => {
    f = await householdFixture()
    await f.deps.store.transaction(async (repos) => {
      await repos.staff.put({ openid: 'o-b-cw', displayName: '钱多', unitId: 'unit-b', roles: ['caseworker'], active: true })
      await repos.staff.put({ openid: 'o-b-rv', displayName: '吴用', unitId: 'unit-b', roles: ['reviewer'], active: true })
    })
  })
  afterAll(() => f.close())

  it('covers every action of the modules under test', () => {
    // The ledger's lists and budgets have their own tests (server/usecases/households/ledger.test.ts); an export's receipt, test/contract/exports.contract.test.ts; the ledger export job, test/contract/ledger-export-jobs.contract.test.ts.
    // registerEvidence takes only a path handed out to the caller (the weapp simulation registers through it).
    const others = ['registerEvidence', 'list', 'pendingLedger', 'budgets', 'setBudget', 'campaigns', 'openCampaign', 'closeCampaign', 'campaign', 'check', 'checkPack', 'confirmItem', 'setOutcome', 'dashboard', 'exportHouseholds', 'exportLedger', 'exportReceived', 'startHouseholdExport', 'startLedgerExport', 'exportStatus']
    const covered = new Set([...ROWS.map((r) => r.action), ...others])
    expect(Object.keys(householdsActions).filter((a) => !covered.has(a))).toEqual([])
  })

  const cells = ROWS.flatMap((row) => (Object.keys(ACTORS) as ActorKey[]).map((actor) => [row.action, actor, expected(row, ACTORS[actor]), row] as const))

  it.each(cells)('%s by %s: %s', async (action, actor, outcome, row) => {
    const { id } = await f.file()
    const input = { ...(row.byEntry ? {} : { householdId: id }), ...(await row.input(f, id)) }
    const before = await f.record(id)
    const ledger = await f.deps.store.repos.ledger.listByHousehold(id)
    const reply = await f.hh(ACTORS[actor].openid, action, input)
    if (outcome === 'allowed') {
      expect(reply).toMatchObject({ ok: true })
    } else {
      expect(reply).toMatchObject({ ok: false, error: { code: outcome } })
      // A refused call changed nothing.
      expect(await f.record(id)).toEqual(before)
      expect(await f.deps.store.repos.ledger.listByHousehold(id)).toEqual(ledger)
    }
  })

  it('list: staff see their jurisdiction\'s households only; workers are FORBIDDEN', async () => {
    const { id } = await f.file('unit-a2x')
    const number = (await f.record(id)).number
    const sees = async (openid: string) => {
      const r = await f.hh<{ total: number }>(openid, 'list', { search: number })
      return r.ok ? (r.data.total === 1 ? 'sees' : 'does not see') : r.error.code
    }
    const seen: Record<string, string> = {}
    for (const [key, who] of Object.entries(ACTORS)) seen[key] = await sees(who.openid)
    expect(seen).toEqual({
      worker: 'FORBIDDEN',
      'caseworker, own unit': 'sees',
      'caseworker, other unit': 'does not see',
      'reviewer, own unit': 'sees',
      'reviewer, other unit': 'does not see',
      'admin only, own unit': 'sees',
      'admin only, other unit': 'does not see',
    })
  })

  it('the page offers each role exactly the actions the matrix allows it', async () => {
    const { id } = await f.file()
    await f.ok('o-city-admin', 'assignCadre', { householdId: id, ...(await version(f, id)), cadreOpenid: 'o-caseworker-2' })
    await f.ok('o-caseworker-2', 'addMeasure', { householdId: id, kind: 'living', description: '生活救助' })
    await approvedPayment(f, id, 1000)
    await f.ok('o-caseworker-2', 'proposeDeregistration', { householdId: id, ...(await version(f, id)), reason: 'stable-employment', text: '', evidenceIds: [await f.evidence('o-caseworker-2', id)] })
    for (const key of ['caseworker, own unit', 'reviewer, own unit', 'admin only, own unit'] as const) {
      const who = ACTORS[key]
      const offered = (await f.ok(who.openid, 'get', { householdId: id })).actions
      const allowedHere = ROWS.filter((r) => !['get', 'staffChoices', 'decideLedgerEntry', 'prepareEvidenceUpload', 'viewEvidence'].includes(r.action) && expected(r, who) === 'allowed').map((r) => r.action)
      // A proposal is open, so none may propose another.
      expect([...offered].sort()).toEqual(allowedHere.filter((a) => a !== 'proposeDeregistration').sort())
    }
  })
})
