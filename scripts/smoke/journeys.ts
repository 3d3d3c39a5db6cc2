/**
 * One journey per role through the deployed functions, each step timed and printed: a worker
 * submits an application and sees it, a caseworker finds it in the queue and screens it, an admin
 * opens the dashboard. The worker is a test person (an ID number of no real region, born 1940).
 */
import { randomBytes } from 'node:crypto'
import type { ApiReply } from '../../src/domain'
import { CURRENT_CONSENT } from '../../src/domain/consent'
import type { FormValues } from '../../src/domain/form-values'
import { idCheckChar } from '../../src/domain/id-number'
import { shanghaiDate } from '../../src/domain/time'
import type { SmokeRole } from '../../server/cloud/smoke-pass'
import type { SmokeSession } from './session'

/** Calls a deployed function with an event, as the CloudBase API does. */
export type CallFunction = (name: string, event: object) => Promise<ApiReply<unknown>>

/** One step's outcome, as printed. */
export interface StepResult {
  role: SmokeRole
  step: string
  ok: boolean
  ms: number
  detail: string
}

/** A valid ID number that belongs to nobody: region 990000 does not exist. */
export function testIdNumber(): string {
  const first17 = `99000019400101${String(randomBytes(2).readUInt16BE(0) % 1000).padStart(3, '0')}`
  return first17 + idCheckChar(first17)
}

/** The worker's form: a complete national-file form, marked as a test in every free-text field. */
export function smokeForm(unitId: string, idNumber: string): FormValues {
  const note = '冒烟测试，自动删除'
  return {
    applicant: {
      name: '测试员', idNumber, phone: '13800000000', health: 'healthy', disability: 'none', modelWorker: 'none', workStatus: 'employed', employer: note,
      employerNature: 'collective', unitId, hukou: 'urban', housing: 'rented', housingArea: '40', medicalInsurance: 'employee', zeroEmploymentFamily: 'no',
      homeAddress: note, homePhone: '13800000000',
    },
    members: [],
    finances: {
      householdSize: '1', annualIncome: '12000', applicantMonthlyIncome: '1000', medicalExpenses: '0', schoolingExpenses: '0', otherRigidExpenses: '0',
      accidentOrDisaster: 'no', hardshipCosts: '0',
    },
    causes: { mainCause: 'illness', secondaryCauses: [] },
    bank: { bankName: note, accountName: '测试员', accountNumber: '6200000000000000000' },
    description: '部署后的自动冒烟测试：这份测试申请在检查结束时自动删除。',
  }
}

/** Runs the three journeys in order; stops at the first failed step (later ones need it). */
export async function runJourneys(call: CallFunction, s: SmokeSession, now: () => Date, print: (r: StepResult) => void): Promise<StepResult[]> {
  const results: StepResult[] = []
  const step = async <T>(role: SmokeRole, name: string, fn: string, action: string, input: object, describe: (data: T) => string, write = false): Promise<T> => {
    const requestId = write ? `smoke-${randomBytes(8).toString('hex')}` : undefined
    if (requestId) {
      s.requests.push({ as: role, requestId })
      await s.save()
    }
    const t0 = performance.now()
    let reply: ApiReply<unknown>
    try {
      reply = await call(fn, { action, input, ...(requestId ? { requestId } : {}), smoke: s.pass(role) })
    } catch (err) {
      reply = { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } }
    }
    const ms = Math.round(performance.now() - t0)
    const result: StepResult = reply.ok
      ? { role, step: name, ok: true, ms, detail: describe(reply.data as T) }
      : { role, step: name, ok: false, ms, detail: `${reply.error.code} ${reply.error.message}` }
    results.push(result)
    print(result)
    if (!reply.ok) throw new Error(`${role}: ${name} failed`)
    return reply.data as T
  }
  try {
    await step<{ roles: string[] }>('worker', 'signs in', 'account', 'me', {}, (d) => `roles ${d.roles.join(',')}`)
    const form = smokeForm(s.unitId, testIdNumber())
    const submitted = await step<{ id: string; number: string; status: string }>('worker', 'submits an application', 'applicant', 'submit', { form, consent: { ...CURRENT_CONSENT } }, (d) => `${d.number} ${d.status}`, true)
    s.applications.push(submitted.id)
    await s.save()
    await step<{ total: number }>('worker', 'sees it in 我的申请', 'applicant', 'listMine', {}, (d) => `${d.total} application(s)`)

    const queue = await step<{ items: { id: string; number: string }[] }>('caseworker', 'finds it in the queue', 'review', 'queue', { stage: 'submitted' }, (d) => `${d.items.length} case(s) waiting`)
    if (!queue.items.some((i) => i.id === submitted.id)) throw new Error('caseworker: the submitted application is not in the queue')
    type Case = { application: { version: number; status: string } }
    const started = await step<Case>('caseworker', 'starts screening', 'review', 'startScreening', { id: submitted.id, expectedVersion: 1 }, (d) => d.application.status, true)
    await step<Case>('caseworker', 'accepts the screening', 'review', 'acceptScreening', { id: submitted.id, expectedVersion: started.application.version, note: '冒烟测试' }, (d) => d.application.status, true)

    const day = shanghaiDate(now())
    await step<{ onFileNow: number }>('admin', 'opens the dashboard', 'households', 'dashboard', { from: `${day.slice(0, 4)}-01-01`, to: day }, (d) => `${d.onFileNow} household(s) on file in the test unit`)
  } catch (err) {
    if (!results.some((r) => !r.ok)) {
      const failed: StepResult = { role: results.at(-1)?.role ?? 'worker', step: 'checks the result', ok: false, ms: 0, detail: err instanceof Error ? err.message : String(err) }
      results.push(failed)
      print(failed)
    }
  }
  return results
}
