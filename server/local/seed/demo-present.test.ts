import { daysBetween } from '../../../src/domain/calendar'
import { computeDashboard } from '../../../src/domain/dashboard'
import { contactDue, DEFAULT_CONTACT_OVERDUE_DAYS, lastFiledOn, pairedCadres } from '../../../src/domain/household'
import { DEMO_OVERDUE_CONTACTS, generateDemoLedger } from './demo-ledger'
import { demoToday, OVERDUE_SINCE_DAYS } from './demo-present'
import { DEMO_PERIOD, MILE_FIGURES } from './seed-figures'

const units = ['532504001', '532504002', '532504003'].map((code) => ({ id: `unit-${code}`, path: ['unit-root', `unit-${code}`] }))
const cadres = new Map([
  ['unit-532504001', { openid: 'demo-caseworker', name: '李娟' }],
  ['unit-532504002', { openid: 'demo-cadre-532504002', name: '王芳' }],
  ['unit-532504003', { openid: 'demo-cadre-532504003', name: '陈刚' }],
])
const TODAY = '2026-12-05'

describe('the demo brought to today', () => {
  const history = generateDemoLedger(20200817, units)
  const today = demoToday(history, TODAY, cadres, 20200817)
  const kept = today.households.filter((h) => h.status === 'filed')

  it('keeps the report: the same households, statuses, payments and campaign, so its figures still hold', () => {
    expect(today.disbursements).toBe(history.disbursements)
    expect(today.campaign).toBe(history.campaign)
    expect(today.households.map((h) => [h.id, h.status])).toEqual(history.households.map((h) => [h.id, h.status]))
    const period = computeDashboard(
      { households: today.households, disbursements: today.disbursements, applications: [], stations: [], campaigns: [today.campaign], checkRecords: today.checkRecords, contacts: today.contacts, contactOverdueDays: DEFAULT_CONTACT_OVERDUE_DAYS },
      DEMO_PERIOD,
    )
    expect([period.onFileAtStart, period.onFileNow, period.personTimes, period.fundsTotalFen]).toEqual([
      MILE_FIGURES.householdsAtStart,
      MILE_FIGURES.householdsNow,
      MILE_FIGURES.personTimes,
      MILE_FIGURES.fundsTotalFen,
    ])
  })

  it('pairs each household with its township cadre, not all with 李娟', () => {
    for (const h of today.households) expect(pairedCadres(h.history)).toEqual([cadres.get(h.unitId)])
    expect(new Set(kept.map((h) => h.cadres[0].name)).size).toBe(3)
  })

  it('has the kept households contacted lately: only the overdue few are overdue, by weeks and not years', () => {
    expect(kept).toHaveLength(MILE_FIGURES.householdsNow)
    const days = kept.map((h) => {
      const due = contactDue(today.contacts.filter((c) => c.householdId === h.id), lastFiledOn(h.history)!, TODAY, DEFAULT_CONTACT_OVERDUE_DAYS)
      return due.daysSince
    })
    const overdue = days.filter((d) => d > DEFAULT_CONTACT_OVERDUE_DAYS)
    expect(overdue).toHaveLength(DEMO_OVERDUE_CONTACTS)
    for (const d of overdue) {
      expect(d).toBeGreaterThanOrEqual(OVERDUE_SINCE_DAYS[0])
      expect(d).toBeLessThanOrEqual(OVERDUE_SINCE_DAYS[1])
    }
    for (const d of days.filter((d) => d <= DEFAULT_CONTACT_OVERDUE_DAYS)) expect(d).toBeLessThanOrEqual(30)
    const ids = new Set(today.contacts.map((c) => c.id))
    expect(ids.size).toBe(today.contacts.length)
    expect(daysBetween(DEMO_PERIOD.to, TODAY)).toBeGreaterThan(2000)
  })
})
