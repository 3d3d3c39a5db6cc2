import Taro from '@tarojs/taro'
import type { FormStep } from '@/domain/api/applicant'
import { emptyFormValues, type FormValues } from '@/domain/form-values'
import type { Relation } from '@/domain/assisted'
import { NO_CONSENT, type ConsentChoices } from './form-model'

export { NO_CONSENT }

/** The form in progress as this phone keeps it, saved on every change (before the server has it). */
export interface LocalDraft {
  /** The server's id for it, once saved there. */
  id?: string
  values: FormValues
  step: FormStep
  consent: ConsentChoices
  /** ISO-8601 UTC of the last change on this phone. */
  changedAt: string
  /** ISO-8601 UTC of the last change the server has. */
  syncedAt?: string
  /** A relative typing it for the worker; null: the worker themselves. */
  relative?: { relation: Relation; name: string } | null
}

const BASE_KEY = 'lantian.applyDraft.v1'
/** A caseworker's assisted applications each keep their own copy, apart from their own. */
let KEY = BASE_KEY
export const selectLocalDraft = (assisted: string | undefined) => void (KEY = assisted ? `${BASE_KEY}.assisted.${assisted}` : BASE_KEY)
const CARRY_KEY = 'lantian.selfCheckCarry.v1'
const BASELINE_KEY = 'lantian.fixBaseline.v1'

/** A returned application as it came back to the worker: what the fields to fix were before any edit. */
export interface FixBaseline {
  /** The application and the return it belongs to (a second return starts a new baseline). */
  key: string
  values: FormValues
  documentIds: string[]
}

/**
 * The baseline of a returned application: the one this phone kept since it first opened this
 * return, else the values as they open now (kept for next time).
 */
export function fixBaselineFor(d: { id: string; fieldsToFix: string[]; returnNote?: string; documents: { id: string }[] }, values: FormValues): FixBaseline {
  const key = `${d.id}|${d.fieldsToFix.join(',')}|${d.returnNote ?? ''}`
  try {
    const kept = Taro.getStorageSync(BASELINE_KEY) as FixBaseline | ''
    if (kept && typeof kept === 'object' && kept.key === key) return kept
  } catch {
    // Unreadable: start from now.
  }
  const baseline = { key, values, documentIds: d.documents.map((x) => x.id) }
  try {
    Taro.setStorageSync(BASELINE_KEY, baseline)
  } catch {
    // Not kept: the fields edited in an earlier visit show as not done yet.
  }
  return baseline
}


export function readLocalDraft(): LocalDraft | null {
  try {
    const d = Taro.getStorageSync(KEY) as LocalDraft | ''
    if (!d || typeof d !== 'object' || !d.values) return null
    return { ...d, values: { ...emptyFormValues(), ...d.values }, consent: { ...NO_CONSENT, ...d.consent } }
  } catch {
    return null
  }
}

export function writeLocalDraft(d: LocalDraft): void {
  try {
    Taro.setStorageSync(KEY, d)
  } catch {
    // Storage full: the server copy still saves when online.
  }
}

export function clearLocalDraft(): void {
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // Nothing to clear.
  }
}

/** Figures the self-check hands over to the form's income step. */
export interface SelfCheckCarry {
  unitId: string
  finances: Partial<FormValues['finances']>
}

export function writeSelfCheckCarry(c: SelfCheckCarry): void {
  try {
    Taro.setStorageSync(CARRY_KEY, c)
  } catch {
    // Not carried over: the worker types the figures again.
  }
}

/** The figures, once: reading them clears them. */
export function takeSelfCheckCarry(): SelfCheckCarry | null {
  try {
    const c = Taro.getStorageSync(CARRY_KEY) as SelfCheckCarry | ''
    Taro.removeStorageSync(CARRY_KEY)
    return c && typeof c === 'object' ? c : null
  } catch {
    return null
  }
}
