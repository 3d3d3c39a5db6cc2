/**
 * What each user of a city's peak hour does, as the mini-program would call the functions: workers
 * apply from the self-check to the submit (the draft saves the form's save schedule makes, two
 * documents uploaded), caseworkers screen the new cases, reviewers open cases and reveal an ID
 * number, admins look at the dashboard, export the households and import 1,000 stations, and the
 * timer runs every few seconds. Think times are compressed: an hour's work in a minute or two.
 */
import { TIMER_TRIGGER } from '../../server/cloud/functions.manifest'
import { formValues, submission } from '../../test/support/deps'
import { sessionSaves } from '../../test/support/form-session'
import { JPEG } from '../../test/support/review'
import { stationImportFile } from '../../test/support/stations'
import { callAs, type CallRecord, type Main } from './calls'
import { idNumberOf } from './city'
import { FUND_SOURCE_CODES } from '../../src/domain/household-codes'

export type FunctionName = 'applicant' | 'review' | 'households' | 'stations' | 'timers'
export const FUNCTION_NAMES: readonly FunctionName[] = ['applicant', 'review', 'households', 'stations', 'timers']

/** Who made a call: the role and the user (a worker's calls add up per application). */
export interface Who {
  role: 'worker' | 'caseworker' | 'reviewer' | 'admin' | 'timer'
  user: string
}

export interface LoadContext {
  fns: Record<FunctionName, Main>
  /** Puts a file in storage, as wx.cloud.uploadFile does. */
  putFile(cloudPath: string, bytes: Uint8Array): Promise<void>
  record(r: CallRecord, who: Who): void
  /** A pause of about `ms` (uniform from half to one and a half of it). */
  think(ms: number): Promise<void>
  /** False once every worker is done: the staff, the admins and the timer stop. */
  running(): boolean
  thinkMs: number
}

type Reply = CallRecord & { data?: unknown }

const STORAGE_PREFIX = 'cloud://test-env.7465-test-env-1250000000/'
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** The server saves one worker's application makes (the form's schedule over a typical 20-minute session). */
export const WORKER_SAVES = sessionSaves()

function caller(ctx: LoadContext, who: Who) {
  return async (fn: FunctionName, action: string, input: object, requestId?: string): Promise<Reply> => {
    const r = await callAs(ctx.fns[fn], fn, who.user, { action, input, ...(requestId ? { requestId } : {}) })
    ctx.record(r, who)
    return r
  }
}

/** A worker from the self-check to a submitted application, then a look at it. */
export async function workerSession(ctx: LoadContext, i: number, tag = 'w'): Promise<void> {
  const who: Who = { role: 'worker', user: `o-load-${tag}-${i}` }
  const call = caller(ctx, who)
  const over = { idNumber: idNumberOf(tag === 'w' ? 10 : 11, i), memberIds: [idNumberOf(tag === 'w' ? 40 : 41, i)] }
  const { form, consent } = submission(over)
  const values = formValues(over)
  const { householdSize, annualIncome, medicalExpenses, schoolingExpenses, otherRigidExpenses, accidentOrDisaster, hardshipCosts } = values.finances
  await call('applicant', 'selfCheck', { unitId: values.applicant.unitId, householdSize, annualIncome, medicalExpenses, schoolingExpenses, otherRigidExpenses, accidentOrDisaster, hardshipCosts })
  await ctx.think(ctx.thinkMs)
  await call('applicant', 'getDraft', {})
  let id: string | null = null
  let uploaded = false
  for (const save of WORKER_SAVES) {
    await ctx.think(ctx.thinkMs)
    const saved = await call('applicant', 'saveDraft', { values, step: save.step, consent })
    id ??= (saved.data as { id?: string } | undefined)?.id ?? null
    if (save.step === 'documents' && id && !uploaded) {
      uploaded = true
      for (const kind of ['id-card', 'medical-bills'] as const) {
        const prepared = await call('applicant', 'prepareUpload', { applicationId: id, kind, fileName: `${kind}.jpg` })
        const cloudPath = (prepared.data as { cloudPath?: string } | undefined)?.cloudPath
        if (!cloudPath) continue
        await ctx.putFile(cloudPath, JPEG)
        await call('applicant', 'registerDocument', { applicationId: id, kind, fileName: `${kind}.jpg`, fileId: STORAGE_PREFIX + cloudPath })
      }
    }
  }
  await ctx.think(ctx.thinkMs)
  const submitted = await call('applicant', 'submit', { form, consent }, `req-${who.user}-submit`)
  await ctx.think(ctx.thinkMs)
  await call('applicant', 'listMine', {})
  const appId = (submitted.data as { id?: string } | undefined)?.id
  if (appId) await call('applicant', 'getMine', { id: appId })
}

/** The first page of a stage's queue: the cases' ids. */
async function queueIds(call: ReturnType<typeof caller>, stage: string): Promise<string[]> {
  const q = await call('review', 'queue', { stage, pageSize: 20 })
  return ((q.data as { items?: { id: string }[] } | undefined)?.items ?? []).map((c) => c.id)
}

const versionOf = (r: Reply): number | null => (r.data as { application?: { version?: number }; version?: number } | undefined)?.application?.version ?? (r.data as { version?: number } | undefined)?.version ?? null

/** A caseworker takes new cases from the queue (the k-th of the page, so twenty do not all take the first) and screens them. */
export async function caseworkerSession(ctx: LoadContext, k: number, rounds = Infinity): Promise<void> {
  const call = caller(ctx, { role: 'caseworker', user: `o-load-cw-${k}` })
  for (let round = 0; round < rounds && ctx.running(); round++) {
    const ids = await queueIds(call, 'submitted')
    if (ids.length === 0) {
      await ctx.think(ctx.thinkMs * 2)
      continue
    }
    const id = ids[(k + round) % ids.length]
    const opened = await call('review', 'getCase', { id })
    const version = versionOf(opened)
    if (version === null) continue
    const started = await call('review', 'startScreening', { id, expectedVersion: version })
    const next = versionOf(started)
    await ctx.think(ctx.thinkMs)
    if (next !== null) await call('review', 'acceptScreening', { id, expectedVersion: next, note: '' })
    await ctx.think(ctx.thinkMs)
  }
}

/** Households reviewers pay (of the seeded h000000…: LOAD_HOUSEHOLDS must be at least this). */
const PAID_HOUSEHOLDS = 20

/**
 * A reviewer looks over cases being visited and reveals an applicant's ID number (an audited
 * read), records a payment to a filed household and approves one another reviewer recorded: ledger
 * writes, each leaving a mark for the dashboard's figures that the timer folds.
 */
export async function reviewerSession(ctx: LoadContext, k: number, rounds = Infinity): Promise<void> {
  const call = caller(ctx, { role: 'reviewer', user: `o-load-rv-${k}` })
  for (let round = 0; round < rounds && ctx.running(); round++) {
    const ids = await queueIds(call, round % 2 ? 'visiting' : 'screening')
    if (ids.length) {
      const id = ids[(k + round) % ids.length]
      await call('review', 'getCase', { id })
      await call('review', 'reveal', { id, field: 'applicant.idNumber' })
    }
    const householdId = `h${String((k * 7 + round) % PAID_HOUSEHOLDS).padStart(6, '0')}`
    // Each reviewer its own fund source, so its own budget document (six sources: more reviewers share one).
    const payment = { householdId, amountFen: 20_000, fundSource: FUND_SOURCE_CODES[k % FUND_SOURCE_CODES.length], paidOn: '2026-03-10', measureId: null, note: '' }
    await call('households', 'recordPayment', payment, `req-pay-${k}-${round}`)
    const pending = await call('households', 'pendingLedger', { pageSize: 20 })
    const others = ((pending.data as { items?: { entry: { id: string }; mayDecide: boolean }[] } | undefined)?.items ?? []).filter((p) => p.mayDecide)
    const pick = others[(k + round) % Math.max(1, others.length)]
    if (pick) await call('households', 'decideLedgerEntry', { entryId: pick.entry.id, decision: 'approved', note: '' })
    await ctx.think(ctx.thinkMs * 2)
  }
}

/** An admin: the first imports 1,000 stations (a dry run, then the import), the second exports the households; all look at the dashboard. */
export async function adminSession(ctx: LoadContext, k: number, rounds = Infinity, solo = false): Promise<void> {
  const call = caller(ctx, { role: 'admin', user: `o-load-admin-${k}` })
  if (k === 0) {
    const prepared = await call('stations', 'prepareImport', {})
    const cloudPath = (prepared.data as { cloudPath?: string } | undefined)?.cloudPath
    if (cloudPath) {
      // Alone, the same stations renamed: 1,000 updates instead of 1,000 creates.
      const file = new TextDecoder().decode(await stationImportFile(1000, 'csv')).replace(/测试驿站/g, solo ? '独自导入驿站' : '测试驿站')
      await ctx.putFile(cloudPath, Buffer.from(file))
      await call('stations', 'import', { format: 'csv', fileId: STORAGE_PREFIX + cloudPath, coordSystem: 'gcj02', dryRun: true })
      // The import deletes the file: put it back for the real run, as a second upload would.
      await ctx.putFile(cloudPath, Buffer.from(file))
      await call('stations', 'import', { format: 'csv', fileId: STORAGE_PREFIX + cloudPath, coordSystem: 'gcj02', dryRun: false }, `req-import-${solo ? 'solo' : 'load'}`)
    }
  }
  if (k === 1) await call('households', 'exportHouseholds', { format: 'xlsx' })
  for (let round = 0; round < rounds && ctx.running(); round++) {
    await call('households', 'dashboard', { from: '2026-01-01', to: '2026-12-31' })
    await ctx.think(ctx.thinkMs * 10)
  }
}

/** The timer trigger, every `everyMs`, while the others work. */
export async function timerSession(ctx: LoadContext, everyMs: number, rounds = Infinity): Promise<void> {
  for (let round = 0; round < rounds && ctx.running(); round++) {
    const r = await callAs(ctx.fns.timers, 'timers', null, { Type: 'Timer', TriggerName: TIMER_TRIGGER, Time: new Date().toISOString() })
    ctx.record({ ...r, action: 'timer' }, { role: 'timer', user: 'timer' })
    await sleep(everyMs)
  }
}
