import { formatFen } from './money'
import * as v from 'valibot'
import { FINANCE_FIELDS } from './form-fields'
import type { HardshipCategory } from './hardship-categories'

export { documentsToPrepare } from './documents'

/**
 * 困难自测: an estimate of the gradient category (梯度帮扶) from a few household figures, against
 * the thresholds of the worker's union. The rules are domain.md's; the numbers are policy.
 */

export { HARDSHIP_CATEGORIES, hardshipCategoryLabel, type HardshipCategory } from './hardship-categories'

/** A union's thresholds, from its policy parameters. */
export interface HardshipThresholds {
  /** 深度困难 below this per-capita monthly income (the local 低保 line), fen. */
  deepLineFen: number
  /** 相对困难 below this (2 × the 低保 line by domain.md's rule, unless the union sets its own), fen. */
  relativeLineFen: number
  /** 意外致困 when the year's hardship costs exceed this share of the household's annual income. */
  accidentCostPercent: number
}

/** The policy fields the thresholds come from (PolicyRecord's, without the server's types). */
export interface ThresholdPolicy {
  dibaoLineFen: number
  relativeLineFen?: number
  accidentCostPercent?: number
}

/** domain.md: relative hardship is below twice the 低保 line; accident when costs exceed 80% of income. */
const RELATIVE_LINE_FACTOR = 2
const ACCIDENT_COST_PERCENT = 80

/** A unit's thresholds: its own where it set them, domain.md's rules on its 低保 line otherwise. */
export function thresholdsOf(policy: ThresholdPolicy): HardshipThresholds {
  return {
    deepLineFen: policy.dibaoLineFen,
    relativeLineFen: policy.relativeLineFen ?? policy.dibaoLineFen * RELATIVE_LINE_FACTOR,
    accidentCostPercent: policy.accidentCostPercent ?? ACCIDENT_COST_PERCENT,
  }
}

const { householdSize, annualIncome, medicalExpenses, schoolingExpenses, otherRigidExpenses, accidentOrDisaster, hardshipCosts } = FINANCE_FIELDS

/** The self-check's figures as typed: the form's income fields, with their rules and messages. */
export const SelfCheckSchema = v.strictObject({
  /** The worker's union, whose thresholds apply; absent: the default unit. */
  unitId: v.optional(v.pipe(v.string('所在工会不正确'), v.maxLength(64, '所在工会不正确'))),
  householdSize: householdSize.schema,
  annualIncome: annualIncome.schema,
  medicalExpenses: medicalExpenses.schema,
  schoolingExpenses: schoolingExpenses.schema,
  otherRigidExpenses: otherRigidExpenses.schema,
  accidentOrDisaster: accidentOrDisaster.schema,
  hardshipCosts: hardshipCosts.schema,
})

export type SelfCheckInput = v.InferInput<typeof SelfCheckSchema>
export type SelfCheckFigures = Omit<v.InferOutput<typeof SelfCheckSchema>, 'unitId'>

/** The estimate, stored with the application too. */
export interface HardshipAssessment {
  category: HardshipCategory
  /** (annual income − rigid expenses) ÷ 12 ÷ household size, fen, rounded down (negative when expenses exceed income). */
  perCapitaMonthlyFen: number
  rigidExpensesFen: number
  thresholds: HardshipThresholds
  /** Why, in plain words, one line each. */
  reasons: string[]
}

/** A monthly amount per person, in the one money format: `780 元/人/月`. */
const yuan = (fen: number) => `${formatFen(fen)}/人/月`

/** The gradient category by domain.md's rules: 深度 before 相对 before 意外致困. */
export function assessHardship(f: SelfCheckFigures, t: HardshipThresholds): HardshipAssessment {
  const rigid = f.medicalExpenses + f.schoolingExpenses + f.otherRigidExpenses
  const net = f.annualIncome - rigid
  const months = 12 * f.householdSize
  // Compared in whole fen without dividing: net / months < line  <=>  net < line * months.
  const perCapitaMonthlyFen = Math.floor(net / months)
  const belowDeep = net < t.deepLineFen * months
  const belowRelative = net < t.relativeLineFen * months
  const costsHeavy = f.hardshipCosts * 100 > t.accidentCostPercent * f.annualIncome
  const accident = f.accidentOrDisaster || (f.hardshipCosts > 0 && costsHeavy)
  const perCapita = `扣除刚性支出后家庭人均月收入约 ${yuan(Math.max(0, perCapitaMonthlyFen))}`
  const reasons: string[] = []
  let category: HardshipCategory
  if (belowDeep) {
    category = 'deep'
    reasons.push(`${perCapita}，低于当地低保标准 ${yuan(t.deepLineFen)}`)
  } else if (belowRelative) {
    category = 'relative'
    reasons.push(`${perCapita}，低于 ${yuan(t.relativeLineFen)}（相对困难标准）`)
  } else if (accident) {
    category = 'accident'
    reasons.push(`${perCapita}，高于相对困难标准 ${yuan(t.relativeLineFen)}`)
  } else {
    category = 'not-eligible'
    reasons.push(`${perCapita}，高于相对困难标准 ${yuan(t.relativeLineFen)}`)
  }
  if (f.accidentOrDisaster) reasons.push('近一年遭遇重大事故或灾害，可按意外致困申请')
  else if (f.hardshipCosts > 0 && costsHeavy) reasons.push(`今年因病因灾等费用超过家庭年收入的${t.accidentCostPercent}%`)
  return { category, perCapitaMonthlyFen, rigidExpensesFen: rigid, thresholds: t, reasons }
}
