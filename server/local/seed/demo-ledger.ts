import { addDays, daysBetween, type CalendarDate } from '../../../src/domain/calendar'
import type { Campaign, CheckOutcome, CheckRecord } from '../../../src/domain/campaign'
import { demoCampaignRecord, keptOutcome } from './demo-campaign'
import { demoContacts } from './demo-contacts'
import { atShanghai } from './demo-time'
import { GIVEN, MEASURE_TEXT, MISTAKE_REASON, SURNAMES } from './demo-ledger-texts'
import type { ContactEntry, FiledCategory, Household, HouseholdEvent, HouseholdEventBody, Measure } from '../../../src/domain/household'
import { FUND_SOURCE_CODES, type DeregistrationReason, type FundSource, type MeasureKind } from '../../../src/domain/household-codes'
import { decideEntry, makePayment, makeReversal, type DisbursementEntry, type LedgerActor, type PaymentEntry } from '../../../src/domain/ledger'
import { maskBankAccount } from '../../../src/domain/mask'
import { apportion, pick, prng, randomInt, shuffled } from '../prng'
import { DEMO_CAMPAIGN_2020, DEMO_FUNDS_BY_SOURCE_FEN, DEMO_PAYMENTS_BY_SOURCE, DEMO_PERIOD, MILE_FIGURES } from './seed-figures'

/**
 * The demo ledger: Mile's filed households over the six years of the seed report, generated from a
 * seed so it is the same every time, and matching `MILE_FIGURES` exactly:
 * - 514 households filed 2007-2014 (before the period), all on file when 2015 began;
 * - 459 deregistered from 2015 to March 2020, fewer each year;
 * - the 2020 campaign checks the remaining 55: 26 proposed for deregistration and deregistered
 *   before it ends, 29 kept with their difficulties and tasks;
 * - every household aided at least once; 5,486 payments that stand plus three mistaken ones, each
 *   reversed and recorded again with the right amount; funds per source as `DEMO_FUNDS_BY_SOURCE_FEN`,
 *   in multiples of 50 yuan;
 * - one measure per household, and the paired cadre's contacts every 40-85 days while on file,
 *   except `DEMO_OVERDUE_CONTACTS` kept households whose contacts stop after 20 April 2020.
 */

/** A unit households are spread over: its id and its path from the root (an OrgUnit's `path`). */
export interface DemoUnit {
  id: string
  path: readonly string[]
}

/** Who records and approves in the demo. */
export interface DemoStaff {
  caseworker: LedgerActor
  reviewer: LedgerActor
}

/** A demo household with its unit path (for scope and jurisdiction). */
/** A demo household as generated: its unit's path, and the account its payments went to (its filing form's). */
export type DemoHousehold = Household & { unitPath: string[]; payeeAccount: string }

/** Every record the demo ledger holds, ready for the store. */
export interface DemoLedger {
  households: DemoHousehold[]
  measures: Measure[]
  /** In the order they were written (`createdAt`). */
  disbursements: DisbursementEntry[]
  campaign: Campaign
  checkRecords: CheckRecord[]
  contacts: ContactEntry[]
}

/** Kept households not contacted after 20 April 2020: overdue at the period's end (90 days). */
export const DEMO_OVERDUE_CONTACTS = 3
/** Payments recorded with a wrong amount, reversed and recorded again. */
export const DEMO_MISTAKES = 3

const DEFAULT_STAFF: DemoStaff = { caseworker: { openid: 'demo-caseworker', name: '李娟' }, reviewer: { openid: 'demo-admin', name: '赵强' } }
/** Deregistrations before the campaign, per year 2015-2020 (the last three months of it only). */
const EARLY_BY_YEAR: readonly [number, number][] = [[2015, 120], [2016, 110], [2017, 95], [2018, 80], [2019, 40], [2020, 14]]
const UNIT_FEN = 5000

type Fate = 'early' | 'campaign' | 'kept'

interface Plan {
  household: DemoHousehold
  fate: Fate
  /** The day it leaves the file, null when kept. */
  deregOn: CalendarDate | null
  /** The campaign's conclusion day, for the 55 checked. */
  checkOn: CalendarDate | null
  reason: DeregistrationReason
  reasonText: string
  measure: Measure
  account: string
}

const randomDate = (random: () => number, from: CalendarDate, to: CalendarDate) => addDays(from, randomInt(random, 0, daysBetween(from, to)))

function earlyDates(random: () => number): CalendarDate[] {
  return EARLY_BY_YEAR.flatMap(([year, n]) =>
    Array.from({ length: n }, () => randomDate(random, year === 2015 ? '2015-01-05' : `${year}-01-01`, year === 2020 ? '2020-03-25' : `${year}-12-31`)),
  )
}

/** The id of the application that filed demo household `householdId`. */
export const demoApplicationId = (householdId: string) => householdId.replace(/^demo-hh-/, 'demo-app-')

const event = (id: string, at: string, by: LedgerActor, body: HouseholdEventBody): HouseholdEvent => ({ id, at, by: by.openid, byName: by.name, ...body })

function measureKind(random: () => number, category: FiledCategory): MeasureKind {
  if (category === 'deep') return 'living'
  if (category === 'accident') return 'medical'
  return pick(random, ['living', 'medical', 'schooling', 'employment', 'policy-link'] as const)
}

function planHousehold(random: () => number, i: number, fate: Fate, deregOn: CalendarDate | null, units: readonly DemoUnit[], staff: DemoStaff): Plan {
  const id = `demo-hh-${String(i + 1).padStart(4, '0')}`
  const unit = pick(random, units)
  const filedOn = randomDate(random, '2007-01-01', '2014-12-20')
  const r = random()
  const category: FiledCategory = r < 0.4 ? 'deep' : r < 0.9 ? 'relative' : 'accident'
  const rr = random()
  const reason: DeregistrationReason = rr < 0.6 ? 'income-above-line' : rr < 0.95 ? 'stable-employment' : 'other'
  const checkOn = fate === 'early' ? null : randomDate(random, '2020-04-08', '2020-06-30')
  const leaves = fate === 'campaign' ? addDays(checkOn!, randomInt(random, 3, 14)) : deregOn
  const history: HouseholdEvent[] = [
    event(`${id}-e1`, atShanghai(filedOn, 10), staff.reviewer, { kind: 'filed', applicationId: demoApplicationId(id), category }),
    event(`${id}-e2`, atShanghai(filedOn, 15), staff.reviewer, { kind: 'cadre-assigned', cadre: staff.caseworker }),
  ]
  const text = reason === 'other' ? '子女毕业后就业，家庭收入稳定增长' : ''
  if (leaves) {
    const proposedAt = fate === 'campaign' ? atShanghai(checkOn!, 17) : atShanghai(addDays(leaves, -randomInt(random, 3, 10)), 9, 30)
    const campaignId = fate === 'campaign' ? DEMO_CAMPAIGN_2020.id : null
    history.push(event(`${id}-e3`, proposedAt, staff.caseworker, { kind: 'deregistration-proposed', reason, text, evidenceIds: [], campaignId }))
    history.push(event(`${id}-e4`, atShanghai(leaves, 16), staff.reviewer, { kind: 'deregistered', reason, text, note: '同意注销' }))
  }
  const kind = measureKind(random, category)
  const measure: Measure = {
    id: `${id}-m1`,
    householdId: id,
    kind,
    description: MEASURE_TEXT[kind],
    status: leaves ? 'done' : 'in-progress',
    outcome: leaves ? '家庭生活改善，实现脱困' : '',
    createdAt: atShanghai(addDays(filedOn, 2), 10),
    createdBy: staff.caseworker.openid,
    createdByName: staff.caseworker.name,
    updatedAt: atShanghai(leaves ?? addDays(filedOn, 2), 10),
    version: leaves ? 2 : 1,
  }
  const household: Omit<DemoHousehold, 'payeeAccount'> = {
    id,
    number: `MLS-H-${filedOn.slice(0, 4)}-${String(i + 1).padStart(6, '0')}`,
    unitId: unit.id,
    unitPath: [...unit.path],
    category,
    status: leaves ? 'deregistered' : 'filed',
    headName: pick(random, SURNAMES) + pick(random, GIVEN),
    memberCount: randomInt(random, 1, 5),
    // Filed before the app: the application behind it holds the form migrated from the national system (seed-households).
    applicationIds: [demoApplicationId(id)],
    cadres: [staff.caseworker],
    history,
    version: history.length,
    filedAt: history[0].at,
    updatedAt: history[history.length - 1].at,
  }
  const account = `62${String(randomInt(random, 10, 99))}${String(randomInt(random, 0, 999_999_999)).padStart(9, '0')}${String(randomInt(random, 0, 9999)).padStart(4, '0')}`
  return { household: { ...household, payeeAccount: account }, fate, deregOn: leaves, checkOn, reason, reasonText: text, measure, account }
}

/** Payment days for each household: at least one, the rest in proportion to its days on file, spread evenly. */
function paymentDays(random: () => number, plans: readonly Plan[]): CalendarDate[][] {
  const windows = plans.map((p) => ({ from: DEMO_PERIOD.from, to: p.deregOn ? addDays(p.deregOn, -1) : DEMO_PERIOD.to }))
  const counts = apportion(MILE_FIGURES.personTimes, windows.map((w) => daysBetween(w.from, w.to) + 1), 1)
  return windows.map((w, i) => {
    const span = daysBetween(w.from, w.to) + 1
    return Array.from({ length: counts[i] }, (_, k) => addDays(w.from, Math.floor(((k + random()) * span) / counts[i])))
  })
}

/** The entry as the reviewer approved it, half an hour after it was recorded (the demo's history is approved). */
function approved<E extends DisbursementEntry>(entry: E, reviewer: LedgerActor): E {
  const at = new Date(Date.parse(entry.createdAt) + 30 * 60_000).toISOString()
  const decided = decideEntry(entry, { status: 'approved', by: reviewer, at, note: '' })
  if (!decided.ok) throw new Error(decided.message)
  return decided.value as E
}

function payments(random: () => number, plans: readonly Plan[], staff: DemoStaff): PaymentEntry[] {
  const days = paymentDays(random, plans)
  const sources = shuffled(random, FUND_SOURCE_CODES.flatMap((s) => Array<FundSource>(DEMO_PAYMENTS_BY_SOURCE[s]).fill(s)))
  const slots = plans.flatMap((p, i) => days[i].map((paidOn) => ({ plan: p, paidOn })))
  const fen = new Array<number>(slots.length).fill(0)
  for (const source of FUND_SOURCE_CODES) {
    const idx = sources.flatMap((s, i) => (s === source ? [i] : []))
    if (idx.length === 0) continue
    const units = apportion(DEMO_FUNDS_BY_SOURCE_FEN[source] / UNIT_FEN, idx.map(() => 0.5 + random()), 2)
    idx.forEach((slot, k) => (fen[slot] = units[k] * UNIT_FEN))
  }
  return slots.map(({ plan, paidOn }, i) =>
    approved(makePayment(
      {
        householdId: plan.household.id,
        unitId: plan.household.unitId,
        amountFen: fen[i],
        fundSource: sources[i],
        measureId: plan.measure.id,
        paidOn,
        payeeAccountMasked: maskBankAccount(plan.account),
        note: paidOn.slice(5, 7) <= '02' ? '春节送温暖' : '',
      },
      { id: `demo-pay-${String(i + 1).padStart(5, '0')}`, by: staff.caseworker, at: atShanghai(paidOn, 17), budgetId: null },
    ), staff.reviewer),
  )
}

/** Three payments first entered with an extra digit, reversed, then entered right. */
function withMistakes(random: () => number, entries: PaymentEntry[], staff: DemoStaff): DisbursementEntry[] {
  const out: DisbursementEntry[] = [...entries]
  const candidates = entries.filter((e) => e.paidOn <= '2020-06-30')
  const chosen = shuffled(random, candidates).slice(0, DEMO_MISTAKES)
  chosen.forEach((right, k) => {
    const typed: PaymentEntry = { ...right, id: `demo-pay-err-${k + 1}`, amountFen: right.amountFen * 10, createdAt: atShanghai(right.paidOn, 16), status: 'pending', decision: null }
    const wrong = approved(typed, staff.reviewer)
    const reversal = makeReversal(wrong, out, {
      id: `demo-rev-${k + 1}`,
      householdId: right.householdId,
      reason: MISTAKE_REASON,
      by: staff.caseworker,
      at: atShanghai(right.paidOn, 16, 30),
    })
    if (!reversal.ok) throw new Error(reversal.message)
    out.push(wrong, approved(reversal.value, staff.reviewer))
  })
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/** The demo ledger for `seed`, with households spread over `units`; the campaign covers all of them. */
export function generateDemoLedger(seed: number, units: readonly DemoUnit[], staff: DemoStaff = DEFAULT_STAFF): DemoLedger {
  if (units.length === 0) throw new Error('generateDemoLedger: no units')
  const random = prng(seed)
  const { householdsAtStart, householdsNow, campaign2020 } = MILE_FIGURES
  const early = householdsAtStart - campaign2020.checked
  const fates = shuffled(random, [
    ...Array<Fate>(early).fill('early'),
    ...Array<Fate>(campaign2020.deregistered).fill('campaign'),
    ...Array<Fate>(householdsNow).fill('kept'),
  ])
  const dates = shuffled(random, earlyDates(random))
  let nextEarly = 0
  const plans = fates.map((fate, i) => planHousehold(random, i, fate, fate === 'early' ? dates[nextEarly++] : null, units, staff))
  const overdue = new Set(shuffled(random, plans.filter((p) => p.fate === 'kept')).slice(0, DEMO_OVERDUE_CONTACTS).map((p) => p.household.id))
  const campaign: Campaign = {
    ...DEMO_CAMPAIGN_2020,
    unitIds: units.map((u) => u.id),
    status: 'closed',
    createdAt: atShanghai('2020-03-25', 10),
    createdBy: staff.reviewer.openid,
    createdByName: staff.reviewer.name,
    version: 2,
  }
  const checkRecords = plans
    .filter((p) => p.checkOn)
    .map((p) => demoCampaignRecord(random, p.household, p.checkOn!, outcomeOf(random, p), staff.caseworker))
  return {
    households: plans.map((p) => p.household),
    measures: plans.map((p) => p.measure),
    disbursements: withMistakes(random, payments(random, plans, staff), staff),
    campaign,
    checkRecords,
    contacts: plans.flatMap((p) => demoContacts(random, p.household, p.deregOn, overdue.has(p.household.id) ? '2020-04-20' : DEMO_PERIOD.to, staff.caseworker)),
  }
}

function outcomeOf(random: () => number, p: Plan): CheckOutcome {
  if (p.fate !== 'campaign') return keptOutcome(random)
  return { kind: 'propose-deregistration', reason: p.reason, text: p.reasonText, evidenceIds: [] }
}
