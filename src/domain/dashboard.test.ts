import type { Campaign, CheckRecord, ItemCheck } from './campaign'
import { computeDashboard, type DashboardData, type DashboardHousehold } from './dashboard'
import type { HouseholdEvent, HouseholdEventBody } from './household'
import { decideEntry, makePayment, makeReversal, type DisbursementEntry } from './ledger'
import type { FundSource } from './household-codes'
import { SIX_ITEM_CODES } from './review'

/** A small jurisdiction whose every figure is worked out by hand below. Times are UTC; Shanghai is +8. */

let n = 0
const ev = (at: string, body: HouseholdEventBody): HouseholdEvent => ({ id: `e${++n}`, at, by: 'r1', byName: '赵强', ...body })
const filed = (at: string) => ev(at, { kind: 'filed', applicationId: null, category: 'deep' })
const dereg = (at: string) => ev(at, { kind: 'deregistered', reason: 'stable-employment', text: '', note: '' })
const hh = (id: string, unit: string, history: HouseholdEvent[]): DashboardHousehold => ({ id, unitId: unit, unitPath: ['root', unit], history })

const households = [
  hh('A', 'u1', [filed('2019-06-01T02:00:00Z')]),
  hh('B', 'u1', [filed('2019-06-01T02:00:00Z'), dereg('2020-02-10T08:00:00Z')]),
  hh('C', 'u2', [filed('2020-02-20T01:00:00Z')]),
  hh('D', 'u2', [filed('2018-01-01T02:00:00Z'), dereg('2019-05-01T02:00:00Z'), ev('2020-03-01T02:00:00Z', { kind: 'refiled', applicationId: 'a9', category: 'relative' })]),
  hh('E', 'u1', [filed('2019-01-01T02:00:00Z')]),
  // 2020-01-31T16:30Z is 00:30 on 1 February in Shanghai: on file at the end of January.
  hh('F', 'u1', [filed('2019-01-01T02:00:00Z'), dereg('2020-01-31T16:30:00Z')]),
]

const who = { openid: 'c1', name: '李娟' }
const boss = { openid: 'r1', name: '赵强' }
/** The entry as a second person decided it. */
const decided = <E extends DisbursementEntry>(e: E, status: 'approved' | 'rejected' = 'approved'): E => {
  const d = decideEntry(e, { status, by: boss, at: e.createdAt, note: status === 'rejected' ? '金额有误' : '' })
  if (!d.ok) throw new Error(d.message)
  return d.value as E
}
const recorded = (id: string, householdId: string, fundSource: FundSource, amountFen: number, paidOn: string) =>
  makePayment(
    { householdId, unitId: 'u1', amountFen, fundSource, measureId: null, paidOn, payeeAccountMasked: '', note: '' },
    { id, by: who, at: `${paidOn}T02:00:00Z`, budgetId: null },
  )
const pay = (...args: Parameters<typeof recorded>) => decided(recorded(...args))
const p4 = pay('p4', 'E', 'provincial', 20_000, '2020-02-01')
const r4 = makeReversal(p4, [p4], { id: 'r4', householdId: 'E', reason: '重复录入', by: who, at: '2020-03-20T02:00:00Z' })
if (!r4.ok) throw new Error(r4.message)
const disbursements: DisbursementEntry[] = [
  pay('p1', 'A', 'central', 100_000, '2020-01-05'),
  pay('p2', 'B', 'county', 50_000, '2019-12-31'),
  pay('p3', 'E', 'provincial', 30_000, '2020-03-15'),
  p4,
  pay('p5', 'C', 'union', 10_000, '2020-03-16'),
  pay('p6', 'A', 'donation', 5_000, '2020-01-01'),
  decided(r4.value),
  // Waiting for approval and rejected: money not paid, in no figure below.
  recorded('p7', 'C', 'central', 700_000, '2020-03-10'),
  decided(recorded('p8', 'A', 'union', 800_000, '2020-02-10'), 'rejected'),
]

const campaign = (id: string, startsOn: string, endsOn: string): Campaign => ({
  id,
  name: id,
  startsOn,
  endsOn,
  unitIds: ['u1', 'u2'],
  status: 'open',
  createdAt: '2019-01-01T00:00:00Z',
  createdBy: 'r1',
  createdByName: '赵强',
  version: 1,
})
const item: ItemCheck = { confirmed: true, note: '', evidenceIds: [], at: '2020-03-01T00:00:00Z', by: 'c1', byName: '李娟' }
const record = (campaignId: string, householdId: string, items: number, outcome: CheckRecord['outcome']): CheckRecord => ({
  id: `${campaignId}-${householdId}`,
  campaignId,
  householdId,
  unitId: 'u1',
  items: Object.fromEntries(SIX_ITEM_CODES.slice(0, items).map((c) => [c, item])),
  outcome,
  outcomeAt: null,
  outcomeBy: null,
  updatedAt: item.at,
  version: 1,
})
const keep: CheckRecord['outcome'] = { kind: 'keep', difficulties: [{ group: 'medical', task: '协助申请医疗救助' }] }

const data: DashboardData = {
  households,
  disbursements,
  applications: (['draft', 'submitted', 'submitted', 'filed', 'rejected'] as const).map((status) => ({ status })),
  stations: [
    { kind: 'aid', status: 'open' },
    { kind: 'aid', status: 'open' },
    { kind: 'aid', status: 'closed' },
    { kind: 'rest-post', status: 'suspended' },
    { kind: 'expert-team', status: 'open' },
  ],
  campaigns: [campaign('c2020', '2020-02-15', '2020-04-30'), campaign('c2019', '2019-04-01', '2019-07-31')],
  checkRecords: [
    record('c2020', 'A', 6, keep),
    record('c2020', 'E', 5, null),
    // C was filed after the campaign began: out of scope, not counted.
    record('c2020', 'C', 6, { kind: 'propose-deregistration', reason: 'other', text: '已退休', evidenceIds: [] }),
    record('c2019', 'A', 6, keep),
  ],
  contacts: [
    { householdId: 'A', on: '2020-03-01' },
    { householdId: 'D', on: '2019-04-01' },
    { householdId: 'E', on: '2019-12-01' },
    { householdId: 'E', on: '2020-01-10' },
    { householdId: 'E', on: '2020-04-01' },
  ],
  contactOverdueDays: 20,
}

describe('computeDashboard on a hand-checked jurisdiction', () => {
  const d = computeDashboard(data, { from: '2020-01-01', to: '2020-03-15' })

  it('counts households on file at the start, at each month end and at the end, in Shanghai days', () => {
    expect(d.onFileAtStart).toBe(4) // A B E F
    expect(d.onFileSeries).toEqual([
      { date: '2020-01-31', count: 4 }, // A B E F
      { date: '2020-02-29', count: 3 }, // A C E
      { date: '2020-03-15', count: 4 }, // A C D E
    ])
    expect(d.onFileNow).toBe(4)
    expect(d.filedInPeriod).toBe(2) // C filed, D refiled
    expect(d.deregisteredInPeriod).toBe(2) // B, F
  })

  it('sums funds paid in the range net of reversals, and counts person-times and households aided', () => {
    expect(d.fundsBySource).toEqual({ central: 100_000, provincial: 30_000, prefecture: 0, county: 0, union: 0, donation: 5_000 })
    expect(d.fundsTotalFen).toBe(135_000)
    expect(d.personTimes).toBe(3) // p1 p3 p6; p4 reversed
    expect(d.householdsAided).toBe(2) // A, E
  })

  it('counts applications by status and stations not closed by kind', () => {
    expect(d.applicationsByStatus).toEqual({ draft: 1, submitted: 2, screening: 0, visiting: 0, verifying: 0, publicizing: 0, filed: 1, returned: 0, rejected: 1, withdrawn: 0 })
    expect(d.stationsByKind).toEqual({ aid: 2, 'rest-post': 1, 'expert-team': 1 })
  })

  it('shows the latest campaign overlapping the range, over households on file when it began', () => {
    expect(d.campaign?.campaign.id).toBe('c2020')
    expect(d.campaign?.progress).toEqual({
      byUnit: { u1: { inScope: 2, checked: 1, kept: 1, proposedDeregistration: 0 }, u2: { inScope: 0, checked: 0, kept: 0, proposedDeregistration: 0 } },
      total: { inScope: 2, checked: 1, kept: 1, proposedDeregistration: 0 },
    })
    expect(computeDashboard(data, { from: '2019-08-01', to: '2020-01-31' }).campaign).toBeNull()
  })

  it('lists households overdue for contact at the end of the range, counting from filing when none since', () => {
    expect(d.overdueContacts).toEqual([
      { householdId: 'E', unitId: 'u1', lastContactOn: '2020-01-10', daysSince: 65 },
      { householdId: 'C', unitId: 'u2', lastContactOn: null, daysSince: 24 },
    ])
  })

  it('a range ending before a reversal was recorded still shows the corrected figure', () => {
    const feb = computeDashboard(data, { from: '2020-02-01', to: '2020-02-29' })
    expect(feb.fundsTotalFen).toBe(0)
    expect(feb.personTimes).toBe(0)
    expect(feb.onFileAtStart).toBe(4) // A B E F: F left at 00:30 on 1 February, after the day began
    expect(feb.deregisteredInPeriod).toBe(2) // F (1 February in Shanghai), B
  })
})
