import fc from 'fast-check'
import { documentProblem, MAX_DOCUMENT_BYTES, sniffDocumentType } from './documents'
import { fenToYuanText, formatFen, parseYuan } from './money'
import { assessHardship, documentsToPrepare, SelfCheckSchema, thresholdsOf, type SelfCheckFigures } from './self-check'
import { validate } from './validate'

/** Mile's demo policy: 低保 780 yuan, 相对困难 below 1,560 yuan, 意外致困 above 80 %. */
const T = thresholdsOf({ dibaoLineFen: 78000 })
const figures = (over: Partial<SelfCheckFigures> = {}): SelfCheckFigures => ({
  householdSize: 3,
  annualIncome: 0,
  medicalExpenses: 0,
  schoolingExpenses: 0,
  otherRigidExpenses: 0,
  accidentOrDisaster: false,
  hardshipCosts: 0,
  ...over,
})
/** Annual income (fen) that puts a household of `size` at exactly `perCapitaFen` a month. */
const atPerCapita = (perCapitaFen: number, size = 3) => perCapitaFen * 12 * size

describe('self-check: the gradient category by domain.md', () => {
  it('derives thresholds from the policy: 2 × the 低保 line and 80 % unless the union set its own', () => {
    expect(T).toEqual({ deepLineFen: 78000, relativeLineFen: 156000, accidentCostPercent: 80 })
    expect(thresholdsOf({ dibaoLineFen: 62000, relativeLineFen: 124000, accidentCostPercent: 60 })).toEqual({ deepLineFen: 62000, relativeLineFen: 124000, accidentCostPercent: 60 })
  })

  it.each([
    ['one fen below the 低保 line', atPerCapita(78000) - 1, 'deep'],
    ['exactly on the 低保 line', atPerCapita(78000), 'relative'],
    ['one fen below twice the line', atPerCapita(156000) - 1, 'relative'],
    ['exactly twice the line', atPerCapita(156000), 'not-eligible'],
  ])('%s (%d fen a year) -> %s', (_case, annualIncome, category) => {
    expect(assessHardship(figures({ annualIncome }), T).category).toBe(category)
  })

  it('subtracts rigid expenses before dividing by 12 and by the household', () => {
    const a = assessHardship(figures({ annualIncome: 6_000_000, medicalExpenses: 1_200_000, schoolingExpenses: 600_000, otherRigidExpenses: 60_000, householdSize: 4 }), T)
    expect(a.rigidExpensesFen).toBe(1_860_000)
    expect(a.perCapitaMonthlyFen).toBe(Math.floor((6_000_000 - 1_860_000) / 12 / 4))
    expect(a.category).toBe('relative')
    expect(a.reasons[0]).toContain('低于 1,560 元/人/月（相对困难标准）')
  })

  it('意外致困: an accident or disaster, or hardship costs above 80 % of income, when income is above the lines', () => {
    const rich = atPerCapita(300000)
    expect(assessHardship(figures({ annualIncome: rich, accidentOrDisaster: true }), T).category).toBe('accident')
    expect(assessHardship(figures({ annualIncome: rich, hardshipCosts: Math.floor(rich * 0.8) }), T).category).toBe('not-eligible')
    expect(assessHardship(figures({ annualIncome: rich, hardshipCosts: Math.floor(rich * 0.8) + 1 }), T).category).toBe('accident')
    // Income below the line keeps the deeper category; the accident is still named as a reason.
    const both = assessHardship(figures({ annualIncome: 0, accidentOrDisaster: true }), T)
    expect(both.category).toBe('deep')
    expect(both.reasons).toContain('近一年遭遇重大事故或灾害，可按意外致困申请')
  })

  it('orders the categories consistently: more income never gives a deeper category', () => {
    const rank = { deep: 0, relative: 1, accident: 2, 'not-eligible': 3 } as const
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 12 }), (income, extra, size) => {
        const lower = assessHardship(figures({ annualIncome: income, householdSize: size }), T)
        const higher = assessHardship(figures({ annualIncome: income + extra, householdSize: size }), T)
        expect(rank[higher.category]).toBeGreaterThanOrEqual(rank[lower.category])
      }),
    )
  })

  it('lists the documents to prepare from the figures', () => {
    expect(documentsToPrepare(figures()).map((d) => d.kind)).toEqual(['id-card', 'hukou', 'income-proof', 'bank-card'])
    expect(documentsToPrepare(figures({ medicalExpenses: 1, schoolingExpenses: 1, accidentOrDisaster: true })).map((d) => d.kind)).toEqual([
      'id-card', 'hukou', 'income-proof', 'medical-bills', 'school-fees', 'accident-proof', 'bank-card',
    ])
  })

  it('checks its inputs with the form’s messages', () => {
    const r = validate(SelfCheckSchema, { householdSize: '0', annualIncome: 'x', medicalExpenses: '0', schoolingExpenses: '0', otherRigidExpenses: '0', accidentOrDisaster: 'no', hardshipCosts: '0' })
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'householdSize', message: '家庭人口至少为1人' },
      { field: 'annualIncome', message: '家庭年收入应为金额，单位元，最多两位小数' },
    ])
  })
})

describe('money', () => {
  it.each([
    ['0', 0], ['12', 1200], ['12.5', 1250], ['12.05', 1205], [' 1,234.56 ', 123456], ['12.345', null], ['-1', null], ['', null], ['1e3', null],
  ])('parseYuan(%j) = %j', (text, fen) => expect(parseYuan(text as string)).toBe(fen))

  it('shows fen as yuan and round-trips through the form text', () => {
    expect(formatFen(123456)).toBe('1,234.56 元')
    expect(formatFen(3_600_000)).toBe('36,000 元')
    expect(formatFen(2_000_000)).toBe('20,000 元')
    expect(formatFen(-50)).toBe('-0.50 元')
    expect(fenToYuanText(123450)).toBe('1234.5')
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => expect(parseYuan(fenToYuanText(fen))).toBe(fen)))
  })
})

describe('documents: the type from the bytes, not the name', () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0])
  it('knows JPEG, PNG and PDF by their first bytes and nothing else', () => {
    expect(sniffDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg')
    expect(sniffDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png')
    expect(sniffDocumentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf')
    expect(sniffDocumentType(new TextEncoder().encode('<html><script>'))).toBeNull()
    expect(sniffDocumentType(bytes(0x47, 0x49, 0x46, 0x38))).toBeNull()
    expect(sniffDocumentType(new Uint8Array([0xff, 0xd8]))).toBeNull()
  })

  it('says why a file cannot be added', () => {
    const jpeg = bytes(0xff, 0xd8, 0xff)
    expect(documentProblem(jpeg, 0)).toBeNull()
    expect(documentProblem(jpeg, 20)).toBe('每份申请最多上传20个文件')
    expect(documentProblem(new Uint8Array(0), 0)).toBe('文件是空的，请重新选择')
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1)
    big.set([0xff, 0xd8, 0xff])
    expect(documentProblem(big, 0)).toBe('文件不能超过10 MB，请压缩后重试')
    expect(documentProblem(new TextEncoder().encode('MZ...'), 0)).toBe('只能上传 JPG、PNG 图片或 PDF 文件')
  })
})
