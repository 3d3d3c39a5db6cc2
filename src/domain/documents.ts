import type { FormValues } from './form-values'
import type { HardshipCauseCode } from './hardship-causes'
import { parseYuan } from './money'

/** Supporting documents (证明材料): their kinds, limits and the file types accepted, checked from the bytes; which to prepare. */

export const DOCUMENT_KINDS = [
  { code: 'id-card', label: '身份证（正反面）' },
  { code: 'hukou', label: '户口本' },
  { code: 'income-proof', label: '收入证明' },
  { code: 'medical-bills', label: '医疗费用票据或诊断证明' },
  { code: 'school-fees', label: '学费或在校证明' },
  { code: 'accident-proof', label: '事故或受灾证明' },
  { code: 'bank-card', label: '银行卡' },
  { code: 'authorisation', label: '职工签字的代办授权书' },
  { code: 'other', label: '其他材料' },
] as const

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['code']
export const DOCUMENT_KIND_CODES = DOCUMENT_KINDS.map((d) => d.code) as [DocumentKind, ...DocumentKind[]]

export const documentKindLabel = (code: string) => DOCUMENT_KINDS.find((d) => d.code === code)?.label ?? code

/** At most this many files per application. */
export const MAX_DOCUMENTS = 20
/** At most this many bytes per file (10 MB). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** The file extension stored for a type. */
export const EXTENSION_OF: Record<DocumentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)

/** The type of a file from its first bytes (JPEG, PNG or PDF), whatever its name says; null for anything else. */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  return null
}

/** Why a file cannot be added, or null when it can. */
export function documentProblem(bytes: Uint8Array, alreadyAttached: number): string | null {
  if (alreadyAttached >= MAX_DOCUMENTS) return `每份申请最多上传${MAX_DOCUMENTS}个文件`
  if (bytes.length === 0) return '文件是空的，请重新选择'
  if (bytes.length > MAX_DOCUMENT_BYTES) return '文件不能超过10 MB，请压缩后重试'
  if (!sniffDocumentType(bytes)) return '只能上传 JPG、PNG 图片或 PDF 文件'
  return null
}

/** A document attached to an application, as the applicant sees it. */
export interface DocumentView {
  id: string
  kind: DocumentKind
  /** The name the worker's file had, for recognising it. */
  fileName: string
  contentType: DocumentType
  size: number
  uploadedAt: string
}

/** What the documents to prepare depend on: the household's expenses and whether an accident or disaster struck. */
export interface DocumentFacts {
  medicalExpenses: number
  schoolingExpenses: number
  accidentOrDisaster: boolean
}

/** What to prepare, and why, from the figures (and the causes, once known): the self-check lists these, the form reminds of them. */
export function documentsToPrepare(f: DocumentFacts, causes: readonly string[] = []): { kind: DocumentKind; why: string }[] {
  const out: { kind: DocumentKind; why: string }[] = [
    { kind: 'id-card', why: '申请人和家庭成员的身份证' },
    { kind: 'hukou', why: '户口本首页和本人页' },
    { kind: 'income-proof', why: '家庭成员的工资或收入证明' },
  ]
  const cause = (c: HardshipCauseCode) => causes.includes(c)
  if (f.medicalExpenses > 0 || cause('illness') || cause('disability')) out.push({ kind: 'medical-bills', why: '医疗费用票据、诊断证明或残疾证' })
  if (f.schoolingExpenses > 0 || cause('schooling')) out.push({ kind: 'school-fees', why: '学费票据或在校证明' })
  if (f.accidentOrDisaster || cause('accident') || cause('disaster')) out.push({ kind: 'accident-proof', why: '事故认定书或受灾证明' })
  out.push({ kind: 'bank-card', why: '本人银行卡，用于发放帮扶资金' })
  return out
}

/** The documents worth a reminder from a form's answers so far (text not yet an amount counts as none). */
export function documentsForDraft(values: FormValues): DocumentKind[] {
  const f = values.finances
  const facts = { medicalExpenses: parseYuan(f.medicalExpenses) ?? 0, schoolingExpenses: parseYuan(f.schoolingExpenses) ?? 0, accidentOrDisaster: f.accidentOrDisaster === 'yes' }
  return documentsToPrepare(facts, [values.causes.mainCause, ...values.causes.secondaryCauses]).map((d) => d.kind)
}
