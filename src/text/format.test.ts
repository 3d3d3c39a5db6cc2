import { formatDate, formatDateTime, formatMoney, formatMonthlyPerPerson } from './format'

describe('formatDateTime', () => {
  it('shows a UTC instant in Asia/Shanghai, in Chinese', () => {
    expect(formatDateTime('2026-03-01T01:30:00Z')).toBe('2026年3月1日 09:30')
    expect(formatDateTime('2026-12-31T16:00:00.000Z')).toBe('2027年1月1日 00:00')
  })

  it('gives the Shanghai calendar date of an instant, and a calendar date as it is', () => {
    expect(formatDate('2026-03-01T17:00:00Z')).toBe('2026年3月2日')
    expect(formatDate('1972-03-15')).toBe('1972年3月15日')
  })

  it('returns an empty string for a value that is not a date', () => {
    expect(formatDateTime('not a date')).toBe('')
    expect(formatDate('not a date')).toBe('')
  })
})

describe('formatMoney', () => {
  it('separates thousands and shows cents only when there are any', () => {
    expect(formatMoney(3_600_000)).toBe('36,000 元')
    expect(formatMoney(123_450)).toBe('1,234.50 元')
    expect(formatMonthlyPerPerson(78_000)).toBe('780 元/人/月')
  })
})
