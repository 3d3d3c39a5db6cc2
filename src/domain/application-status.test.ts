import type { Role } from './roles'
import {
  APPLICATION_STATUSES,
  nextStatus,
  TRANSITIONS,
  transitionProblem,
  type ApplicationStatus,
  type TransitionName,
} from './application-status'

/** The whole table, written out by hand from DESIGN.md and domain.md, so a change to the rules shows here. */
const LEGAL: [TransitionName, ApplicationStatus, ApplicationStatus, Role][] = [
  ['submit', 'draft', 'submitted', 'worker'],
  ['withdraw', 'draft', 'withdrawn', 'worker'],
  ['withdraw', 'submitted', 'withdrawn', 'worker'],
  ['withdraw', 'screening', 'withdrawn', 'worker'],
  ['withdraw', 'returned', 'withdrawn', 'worker'],
  ['resubmit', 'returned', 'submitted', 'worker'],
  ['startScreening', 'submitted', 'screening', 'caseworker'],
  ['returnToWorker', 'screening', 'returned', 'caseworker'],
  ['acceptScreening', 'screening', 'visiting', 'caseworker'],
  ['recordVisit', 'visiting', 'verifying', 'caseworker'],
  ['recordFinanceCheck', 'verifying', 'verifying', 'reviewer'],
  ['startNotice', 'verifying', 'publicizing', 'reviewer'],
  ['recordObjection', 'publicizing', 'verifying', 'reviewer'],
  ['approveAndFile', 'publicizing', 'filed', 'reviewer'],
  ['rejectAtScreening', 'screening', 'rejected', 'caseworker'],
  ['rejectAtScreening', 'visiting', 'rejected', 'caseworker'],
  ['rejectAtReview', 'verifying', 'rejected', 'reviewer'],
  ['rejectAtReview', 'publicizing', 'rejected', 'reviewer'],
]
const ROLES: Role[] = ['worker', 'caseworker', 'reviewer', 'admin']
const names = Object.keys(TRANSITIONS) as TransitionName[]

describe('application status machine', () => {
  it.each(LEGAL)('%s: %s -> %s by %s', (name, from, to, role) => {
    expect(transitionProblem(name, from, { roles: [role], isOwner: true })).toBeNull()
    expect(nextStatus(name, from)).toBe(to)
  })

  it('allows nothing else: every other (transition, status) pair is a CONFLICT', () => {
    let checked = 0
    for (const name of names) {
      for (const status of APPLICATION_STATUSES) {
        if (LEGAL.some(([n, f]) => n === name && f === status)) continue
        const role = TRANSITIONS[name].roles[0]
        expect(transitionProblem(name, status, { roles: [role], isOwner: true })).toMatchObject({ code: 'CONFLICT' })
        expect(() => nextStatus(name, status)).toThrow()
        checked++
      }
    }
    expect(checked).toBe(names.length * APPLICATION_STATUSES.length - LEGAL.length)
  })

  it('refuses every role not named by a transition, whatever the status', () => {
    for (const [name, from, , allowed] of LEGAL) {
      for (const role of ROLES.filter((r) => r !== allowed)) {
        expect(transitionProblem(name, from, { roles: [role], isOwner: true })).toMatchObject({ code: 'FORBIDDEN' })
      }
    }
  })

  it('lets only the applicant take their own transitions', () => {
    for (const name of ['submit', 'withdraw', 'resubmit'] as const) {
      const from = TRANSITIONS[name].from[0]
      expect(transitionProblem(name, from, { roles: ['worker'], isOwner: false })).toMatchObject({ code: 'FORBIDDEN' })
    }
  })

  it('ends in filed, rejected and withdrawn: no transition leaves them', () => {
    for (const terminal of ['filed', 'rejected', 'withdrawn'] as const) {
      expect(names.filter((n) => (TRANSITIONS[n].from as readonly string[]).includes(terminal))).toEqual([])
    }
  })

  it('explains a conflict with the current status in Chinese', () => {
    expect(transitionProblem('withdraw', 'filed', { roles: ['worker'], isOwner: true })?.message).toBe('申请当前状态为“已建档”，不能进行此操作')
  })
})
