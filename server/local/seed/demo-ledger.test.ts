import { shanghaiDayEndMs } from '../../../src/domain/calendar'
import { campaignScope, checkComplete } from '../../../src/domain/campaign'
import { computeDashboard, type DashboardData } from '../../../src/domain/dashboard'
import { DEMO_MISTAKES, DEMO_OVERDUE_CONTACTS, generateDemoLedger, type DemoLedger } from './demo-ledger'
import { currentHouseholdStatus, DEFAULT_CONTACT_OVERDUE_DAYS, householdEventProblem, householdStatusAt, pairedCadres } from '../../../src/domain/household'
import { appendEntry, netOfPayment, type DisbursementEntry } from '../../../src/domain/ledger'
import { LEDGER_MAX_PAYMENT_FEN } from '../../../src/domain/ledger-schemas'
import { DEMO_CAMPAIGN_2020, DEMO_FUNDS_BY_SOURCE_FEN, DEMO_PAYMENTS_BY_SOURCE, DEMO_PERIOD, MILE_FIGURES } from './seed-figures'

/** Mile's township units as the local seed names them (server/local/seed.ts: `unit-<code>` under the root). */
const units = ['532504001', '532504002', '532504003', '532504102', '532504105'].map((code) => ({ id: `unit-${code}`, path: ['unit-root', `unit-${code}`] }))

const asData = (d: DemoLedger): DashboardData => ({
  households: d.households,
  disbursements: d.disbursements,
  applications: [],
  stations: [],
  campaigns: [d.campaign],
  checkRecords: d.checkRecords,
  contacts: d.contacts,
  contactOverdueDays: DEFAULT_CONTACT_OVERDUE_DAYS,
})

describe.each([20200817, 7])('the demo ledger (seed %i) reproduces the seed report', (seed) => {
  const demo = generateDemoLedger(seed, units)
  const period = computeDashboard(asData(demo), DEMO_PERIOD)
  const campaign = computeDashboard(asData(demo), { from: DEMO_CAMPAIGN_2020.startsOn, to: DEMO_CAMPAIGN_2020.endsOn })

  it('514 households on file at the start, 29 now', () => {
    expect(period.onFileAtStart).toBe(MILE_FIGURES.householdsAtStart)
    expect(period.onFileNow).toBe(MILE_FIGURES.householdsNow)
    expect(period.deregisteredInPeriod).toBe(MILE_FIGURES.householdsAtStart - MILE_FIGURES.householdsNow)
    expect(period.onFileSeries).toHaveLength(68)
    expect(period.onFileSeries.at(-1)).toEqual({ date: DEMO_PERIOD.to, count: 29 })
    // The line only falls: nobody is filed during the period.
    period.onFileSeries.slice(1).forEach((p, i) => expect(p.count).toBeLessThanOrEqual(period.onFileSeries[i].count))
  })

  it('4,239,000 yuan: 4,005,000 from central, provincial and prefecture funds, 234,000 from the city', () => {
    const f = period.fundsBySource
    expect(period.fundsTotalFen).toBe(MILE_FIGURES.fundsTotalFen)
    expect(f.central + f.provincial + f.prefecture).toBe(MILE_FIGURES.fundsUpperLevelsFen)
    expect(f.county).toBe(MILE_FIGURES.fundsCityFen)
    expect(f).toEqual(DEMO_FUNDS_BY_SOURCE_FEN)
    expect(MILE_FIGURES.fundsUpperLevelsFen + MILE_FIGURES.fundsCityFen).toBe(MILE_FIGURES.fundsTotalFen)
  })

  it('5,486 person-times, every filed household aided', () => {
    expect(period.personTimes).toBe(MILE_FIGURES.personTimes)
    expect(period.householdsAided).toBe(MILE_FIGURES.householdsAtStart)
    const payments = demo.disbursements.filter((e) => e.kind === 'payment')
    expect(payments).toHaveLength(MILE_FIGURES.personTimes + DEMO_MISTAKES)
    const reversed = new Set(demo.disbursements.map((e) => e.reversesId))
    const standing = payments.filter((p) => !reversed.has(p.id))
    for (const s of Object.keys(DEMO_PAYMENTS_BY_SOURCE) as (keyof typeof DEMO_PAYMENTS_BY_SOURCE)[]) {
      expect(standing.filter((p) => p.fundSource === s)).toHaveLength(DEMO_PAYMENTS_BY_SOURCE[s])
    }
    for (const id of reversed) if (id) expect(netOfPayment(demo.disbursements, id)).toBe(0)
  })

  it('the 2020 campaign checked 55, deregistered 26 and kept 29', () => {
    const { total } = campaign.campaign!.progress
    expect(total).toEqual({ inScope: 55, checked: MILE_FIGURES.campaign2020.checked, kept: MILE_FIGURES.campaign2020.kept, proposedDeregistration: 26 })
    expect(campaign.onFileAtStart).toBe(MILE_FIGURES.campaign2020.checked)
    expect(campaign.deregisteredInPeriod).toBe(MILE_FIGURES.campaign2020.deregistered)
    expect(campaign.onFileNow).toBe(MILE_FIGURES.campaign2020.kept)
    const proposedIn2020 = demo.households.filter((h) => h.history.some((e) => e.kind === 'deregistration-proposed' && e.campaignId === DEMO_CAMPAIGN_2020.id))
    expect(proposedIn2020).toHaveLength(26)
    expect(demo.checkRecords.every(checkComplete)).toBe(true)
  })

  it('shows the overdue contacts it was built with', () => {
    expect(period.overdueContacts).toHaveLength(DEMO_OVERDUE_CONTACTS)
  })

  it('is consistent: valid histories, an append-only ledger, money only while on file, units from the parameter', () => {
    const unitIds = new Set(units.map((u) => u.id))
    for (const h of demo.households) {
      const problems = h.history.map((e, i) => householdEventProblem(h.history.slice(0, i), e)).filter((p) => p !== null)
      if (problems.length > 0 || !unitIds.has(h.unitId) || h.status !== currentHouseholdStatus(h.history)) throw new Error(`${h.id}: ${problems.join('；')} ${h.unitId}`)
    }
    // Appended one by one per household (a household's entries only refer to each other), ids unique overall.
    expect(new Set(demo.disbursements.map((e) => e.id)).size).toBe(demo.disbursements.length)
    const ledgers = new Map<string, readonly DisbursementEntry[]>()
    for (const e of demo.disbursements) {
      const r = appendEntry(ledgers.get(e.householdId) ?? [], e)
      if (!r.ok) throw new Error(`${e.id}: ${r.message}`)
      ledgers.set(e.householdId, r.value)
    }
    expect(demo.disbursements.filter((e) => e.amountFen > LEDGER_MAX_PAYMENT_FEN)).toEqual([])
    const byId = new Map(demo.households.map((h) => [h.id, h]))
    const offFile = demo.disbursements.filter((e) => householdStatusAt(byId.get(e.householdId)!.history, shanghaiDayEndMs(e.paidOn)) !== 'filed')
    expect(offFile).toEqual([])
    expect(demo.households.every((h) => JSON.stringify(h.cadres) === JSON.stringify(pairedCadres(h.history)))).toBe(true)
    expect(Object.values(campaignScope(demo.campaign, demo.households)).flat()).toHaveLength(55)
  })
})

it('the same seed gives the same ledger', () => {
  const one = JSON.stringify(generateDemoLedger(1, units))
  expect(JSON.stringify(generateDemoLedger(1, units))).toBe(one)
  expect(JSON.stringify(generateDemoLedger(2, units))).not.toBe(one)
})
