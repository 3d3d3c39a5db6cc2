import type { ApplicationForm } from '../../../src/domain/application-form'
import type { CalendarDate } from '../../../src/domain/calendar'
import type { HouseholdEvent } from '../../../src/domain/household'
import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { ApplicationRecord, Cipher, ContactRecord, HouseholdRecord, MeasureRecord, OrgUnitRecord } from '../../ports'
import { sealForm } from '../../usecases/shared/sealed-form'
import type { HouseholdRow } from './household-rows'
import type { LedgerRow } from './ledger-rows'
import type { ContactRow, MeasureRow } from './part-rows'

/**
 * The records one imported household becomes: its file, the application that filed it (status
 * `filed`, holding the sealed form and encrypted values exactly as filing leaves them, so the ID
 * number's claims keep the worker from applying twice), the measures its payments served and its
 * ledger entries, marked as migrated. Ids are the import's time and the row's line, so records
 * list (and export again) in the order of the file; a rerun knows its households by their claims.
 */
export interface HouseholdPlan {
  row: HouseholdRow
  household: HouseholdRecord
  application: ApplicationRecord
  measures: MeasureRecord[]
  entries: DisbursementEntry[]
  contacts: ContactRecord[]
  /** Keyed hashes of the members' ID numbers, each claimed for the application when free. */
  memberIdHashes: string[]
  /** The head's ID number hashed under every data key held (current first): a claim made before a key rotation is found too. */
  idNumberHashes: string[]
}

/** The rows of the other files about one household. */
export interface HouseholdParts {
  ledger: readonly LedgerRow[]
  measures: readonly MeasureRow[]
  contacts: readonly ContactRow[]
}

/** Who an import writes as: the history and the ledger name the people of the file; `by` is this. */
export const IMPORT_ACTOR = 'import'

/** The moment a day of the file stands for: its start, Asia/Shanghai. */
const dayStart = (day: CalendarDate) => new Date(`${day}T00:00:00+08:00`).toISOString()

/** What the ids of one import share: its time in base 36. */
export const importStamp = (now: Date) => now.getTime().toString(36)

/** An import's ids: the record's kind (h household, a application, e history event, m measure, n a payment's measure, l ledger, c contact), the import's time (base 36, so later imports sort after) and the line of the row. */
export const importIds = (now: Date) => {
  const stamp = importStamp(now)
  return (kind: 'h' | 'a' | 'e' | 'm' | 'n' | 'l' | 'c', line: number, n?: number) => `imp-${kind}-${stamp}-${String(line).padStart(7, '0')}${n === undefined ? '' : `-${n}`}`
}
export type ImportIds = ReturnType<typeof importIds>

/** Whether a household was written by an import. */
export const isImported = (householdId: string) => householdId.startsWith('imp-h-')

function historyOf(ids: ImportIds, row: HouseholdRow, applicationId: string): HouseholdEvent[] {
  const at = dayStart(row.filedOn)
  const base = (n: number) => ({ id: ids('e', row.line, n), at, by: IMPORT_ACTOR })
  const events: HouseholdEvent[] = [{ ...base(0), byName: row.filedBy, kind: 'filed', applicationId, category: row.category }]
  // Cadres of the national system are not staff of this one (yet): named, with no WeChat identity.
  row.cadres.forEach((name, i) => events.push({ ...base(i + 1), byName: row.filedBy, kind: 'cadre-assigned', cadre: { openid: `${IMPORT_ACTOR}:${name}`, name } }))
  if (row.status === 'deregistered') {
    events.push({ ...base(row.cadres.length + 1), byName: row.filedBy, kind: 'deregistered', reason: 'other', text: '导入时在原系统中已注销', note: '' })
  }
  return events
}

/** The records of one household row and its ledger rows. */
export function planHousehold(cipher: Cipher, ids: ImportIds, row: HouseholdRow, unit: OrgUnitRecord, parts: HouseholdParts, now: Date): HouseholdPlan {
  const { ledger } = parts
  const at = now.toISOString()
  const householdId = ids('h', row.line)
  const applicationId = ids('a', row.line)
  const form: ApplicationForm = { ...row.form, applicant: { ...row.form.applicant, unitId: unit.id } }
  const idNumberHashes = cipher.keyedHashes(row.idNumber)
  const idNumberHash = idNumberHashes[0]
  const idNumberEnc = cipher.encrypt(row.idNumber)
  const history = historyOf(ids, row, applicationId)
  const memberIdHashes = form.members.filter((m) => m.idNumber).map((m) => cipher.keyedHash(m.idNumber))
  const contacts = parts.contacts.map((c): ContactRecord => ({
    id: ids('c', c.line), householdId: ids('h', row.line), unitId: unit.id, kind: c.kind, on: c.on, notes: c.notes, nextStep: c.nextStep, by: IMPORT_ACTOR, byName: c.byName, createdAt: at,
  }))
  const lastContactOn = [row.lastContactOn, ...contacts.map((c) => c.on)].reduce<CalendarDate | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null)
  const filedAt = history[0].at
  const application: ApplicationRecord = {
    id: applicationId,
    number: `IMP-${row.number}`,
    applicantOpenid: '',
    unitId: unit.id,
    status: 'filed',
    version: 1,
    name: row.headName,
    idNumberEnc,
    idNumberHash,
    phoneEnc: cipher.encrypt(row.phone),
    employer: form.applicant.employer,
    mainCause: form.causes.mainCause,
    timeline: [{ at: filedAt, status: 'filed', note: '由原系统档案迁移导入' }],
    createdAt: at,
    updatedAt: at,
    formSealed: sealForm(cipher, form),
    submissions: [{ at: filedAt, changedFields: [] }],
    memberIdHashes,
    stageEnteredAt: filedAt,
    dueAt: null,
    householdId,
  }
  const household: HouseholdRecord = {
    id: householdId,
    number: row.number,
    unitId: unit.id,
    category: row.category,
    status: row.status,
    headName: row.headName,
    memberCount: form.finances.householdSize,
    applicationIds: [applicationId],
    cadres: row.cadres.map((name) => ({ openid: `${IMPORT_ACTOR}:${name}`, name })),
    history,
    idNumberEnc,
    idNumberHash,
    lastContactOn,
    version: 1,
    filedAt,
    updatedAt: at,
  }
  const measures = new Map<string, MeasureRecord>()
  for (const m of parts.measures) {
    measures.set(`${m.kind}：${m.description}`, {
      id: ids('m', m.line), householdId, unitId: unit.id, kind: m.kind, description: m.description, status: m.status, outcome: m.outcome,
      createdAt: dayStart(m.on), createdBy: IMPORT_ACTOR, createdByName: m.byName, updatedAt: at, version: 1,
    })
  }
  const measureOf = (m: NonNullable<LedgerRow['measure']>, line: number): string => {
    const key = `${m.kind}：${m.description}`
    if (!measures.has(key)) {
      const id = ids('n', line)
      measures.set(key, { id, householdId, unitId: unit.id, kind: m.kind, description: m.description, status: 'done', outcome: '', createdAt: at, createdBy: IMPORT_ACTOR, createdByName: row.filedBy, updatedAt: at, version: 1 })
    }
    return measures.get(key)!.id
  }
  const entryId = (r: LedgerRow) => ids('l', r.line)
  // A reversal without its payment is a problem of the file, reported by readLedgerRows: nothing is written then.
  const entries = ledger.filter((r) => r.kind === 'payment' || r.reverses !== undefined).map((r): DisbursementEntry => {
    const common = {
      id: entryId(r), householdId, unitId: unit.id, fundSource: r.fundSource, measureId: r.measure ? measureOf(r.measure, r.line) : null, paidOn: r.paidOn,
      payeeAccountMasked: r.payeeAccountMasked, recordedBy: IMPORT_ACTOR, recordedByName: r.recordedByName, note: r.note, createdAt: at, budgetId: null,
      status: 'approved' as const, decision: { status: 'approved' as const, by: IMPORT_ACTOR, byName: r.approvedByName, at, note: '' }, migrated: true as const,
    }
    if (r.kind === 'payment') return { ...common, kind: 'payment', amountFen: r.amountFen, reversesId: null, reason: '' }
    const paid = ledger.find((p) => p.line === r.reverses)!
    return { ...common, kind: 'reversal', amountFen: r.amountFen, reversesId: entryId(paid), reason: r.reason }
  })
  return { row, household, application, measures: [...measures.values()], entries, contacts, memberIdHashes, idNumberHashes }
}

/**
 * Writes one plan makes (at most: a member's claim held elsewhere is not written): four for every
 * household, one for the dashboard figures' mark of the household on CloudBase (one per
 * transaction), and one per member claim, measure, entry and contact.
 */
// The kept overdue contacts add, at most: a clock write per contact, then the clock, a spell on file and an overdue spell per contact and one more (server/adapters/contact-clocks).
export const writesOf = (p: HouseholdPlan) => 5 + p.memberIdHashes.length + p.measures.length + p.entries.length + p.contacts.length + 3 + 2 * p.contacts.length
