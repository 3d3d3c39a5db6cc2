import * as v from 'valibot'
import { ApplicationFormSchema } from '../application-form'
import type { ApplicationStatus } from '../application-status'
import type { ApplicationSummary, ApplicationView } from '../application'

/** A page of results. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export const PageInputSchema = v.strictObject({
  page: v.optional(v.pipe(v.number('页码应为数字'), v.integer('页码应为整数'), v.minValue(1, '页码从1开始')), 1),
  pageSize: v.optional(
    v.pipe(v.number('每页条数应为数字'), v.integer('每页条数应为整数'), v.minValue(1, '每页至少1条'), v.maxValue(50, '每页最多50条')),
    20,
  ),
})

export const IdInputSchema = v.strictObject({
  id: v.pipe(v.string('缺少申请编号'), v.nonEmpty('缺少申请编号'), v.maxLength(64, '申请编号不正确')),
})

/** The `applicant` function: what a worker does with their own applications. Input schemas per action. */
export const applicantActions = {
  submit: ApplicationFormSchema,
  listMine: PageInputSchema,
  getMine: IdInputSchema,
} as const

export interface SubmitResult {
  id: string
  number: string
  status: ApplicationStatus
}

/** What each action of `applicant` returns. */
export interface ApplicantOutputs {
  submit: SubmitResult
  listMine: Page<ApplicationSummary>
  getMine: ApplicationView
}
