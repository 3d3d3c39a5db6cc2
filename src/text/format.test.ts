import { formatDate, formatDateTime } from './format'

describe('formatDateTime', () => {
  it('shows a UTC instant in Asia/Shanghai', () => {
    expect(formatDateTime('2026-03-01T01:30:00Z')).toBe('2026-03-01 09:30')
    expect(formatDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00')
  })

  it('gives the Shanghai calendar date', () => {
    expect(formatDate('2026-03-01T17:00:00Z')).toBe('2026-03-02')
  })

  it('returns an empty string for a value that is not a date', () => {
    expect(formatDateTime('not a date')).toBe('')
  })
})
