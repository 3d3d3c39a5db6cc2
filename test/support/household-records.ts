/** Stored records of issue 6 (households, measures, ledger, contacts, campaigns, checks), overridable. */
import type { Campaign, CheckRecord } from '../../src/domain/campaign'
import type { DisbursementEntry } from '../../src/domain/ledger'
import type { ContactRecord, HouseholdRecord, MeasureRecord } from '../../server/ports'

const AT = '2026-03-02T02:00:00.000Z'

/** A filed household of unit `u1`, its number from the id. */
export const householdRecord = (id: string, over: Partial<HouseholdRecord> = {}): HouseholdRecord => ({
  id,
  number: `MLS-H-2026-${id}`,
  unitId: 'u1',
  category: 'deep',
  status: 'filed',
  headName: '张小明',
  idNumberEnc: 'v1.x',
  idNumberHash: `hash-${id}`,
  memberCount: 3,
  applicationIds: [`app-${id}`],
  cadres: [{ openid: 'o-cadre', name: '周敏' }],
  history: [
    { id: `${id}-e1`, at: AT, by: 'o-reviewer', byName: '李审', kind: 'filed', applicationId: `app-${id}`, category: 'deep' },
    { id: `${id}-e2`, at: AT, by: 'o-reviewer', byName: '李审', kind: 'cadre-assigned', cadre: { openid: 'o-cadre', name: '周敏' } },
  ],
  lastContactOn: null,
  version: 1,
  filedAt: AT,
  updatedAt: AT,
  ...over,
})

export const measureRecord = (id: string, over: Partial<MeasureRecord> = {}): MeasureRecord => ({
  id,
  householdId: 'h1',
  unitId: 'u1',
  kind: 'medical',
  description: '协助申请大病医疗救助',
  status: 'planned',
  outcome: '',
  createdAt: AT,
  createdBy: 'o-cadre',
  createdByName: '周敏',
  updatedAt: AT,
  version: 1,
  ...over,
})

/** A payment of 500 yuan to `h1` of `u1`, approved. */
export const paymentEntry = (id: string, over: Partial<Extract<DisbursementEntry, { kind: 'payment' }>> = {}): DisbursementEntry => ({
  id,
  kind: 'payment',
  householdId: 'h1',
  unitId: 'u1',
  amountFen: 50000,
  fundSource: 'union',
  measureId: null,
  paidOn: '2026-03-01',
  payeeAccountMasked: '6222 **** 0123',
  reversesId: null,
  reason: '',
  recordedBy: 'o-cadre',
  recordedByName: '周敏',
  note: '',
  createdAt: AT,
  budgetId: null,
  status: 'approved',
  decision: { status: 'approved', by: 'o-reviewer', byName: '李审', at: AT, note: '' },
  ...over,
})

export const contactRecord = (id: string, over: Partial<ContactRecord> = {}): ContactRecord => ({
  id,
  householdId: 'h1',
  unitId: 'u1',
  kind: 'visit',
  on: '2026-03-01',
  notes: '入户走访，了解就医情况',
  nextStep: '下月电话回访',
  by: 'o-cadre',
  byName: '周敏',
  createdAt: AT,
  ...over,
})

export const campaignRecord = (id: string, over: Partial<Campaign> = {}): Campaign => ({
  id,
  name: '2026年户户清',
  startsOn: '2026-03-01',
  endsOn: '2026-06-30',
  unitIds: ['u1'],
  status: 'open',
  createdAt: AT,
  createdBy: 'o-admin',
  createdByName: '王管',
  version: 1,
  ...over,
})

/** The check of household `householdId` in campaign `campaignId`, nothing confirmed yet. */
export const checkRecord = (campaignId: string, householdId: string, over: Partial<CheckRecord> = {}): CheckRecord => ({
  id: `${campaignId}:${householdId}`,
  campaignId,
  householdId,
  unitId: 'u1',
  items: {},
  outcome: null,
  outcomeAt: null,
  outcomeBy: null,
  updatedAt: AT,
  version: 1,
  ...over,
})
