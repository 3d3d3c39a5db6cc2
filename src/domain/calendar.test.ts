import fc from 'fast-check'
import { addDays, addWorkingDays, daysBetween, isCalendarDate, monthEndsBetween, shanghaiDateOf, shanghaiDayEndMs, shanghaiDayStartMs } from './calendar'

describe('Shanghai calendar dates', () => {
  it('checks that a date exists', () => {
    expect(['2020-02-29', '2021-12-31'].map(isCalendarDate)).toEqual([true, true])
    expect(['2021-02-29', '2020-13-01', '2020-1-1', '20200101', ''].map(isCalendarDate)).toEqual([false, false, false, false, false])
  })

  it('reads instants as Shanghai days: 16:00 UTC is midnight', () => {
    expect(shanghaiDateOf('2020-01-31T15:59:59.999Z')).toBe('2020-01-31')
    expect(shanghaiDateOf('2020-01-31T16:00:00.000Z')).toBe('2020-02-01')
    expect(new Date(shanghaiDayStartMs('2020-02-01')).toISOString()).toBe('2020-01-31T16:00:00.000Z')
    expect(shanghaiDayEndMs('2020-01-31')).toBe(shanghaiDayStartMs('2020-02-01'))
  })

  it('adds and counts days across months and leap years', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29')
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29')
    expect(daysBetween('2020-01-10', '2020-03-15')).toBe(65)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -5000, max: 5000 }), (base, n) => {
        const d = addDays('1990-01-01', base)
        expect(isCalendarDate(d)).toBe(true)
        expect(daysBetween(d, addDays(d, n))).toBe(n)
      }),
    )
  })

  it('gives one point per month, the last being the range end', () => {
    expect(monthEndsBetween('2019-12-15', '2020-03-15')).toEqual(['2019-12-31', '2020-01-31', '2020-02-29', '2020-03-15'])
    expect(monthEndsBetween('2020-01-01', '2020-01-31')).toEqual(['2020-01-31'])
    expect(monthEndsBetween('2020-01-05', '2020-01-05')).toEqual(['2020-01-05'])
    expect(monthEndsBetween('2020-01-05', '2020-01-04')).toEqual([])
    expect(monthEndsBetween('2015-01-01', '2020-08-17')).toHaveLength(68)
  })
})

describe('addWorkingDays', () => {
  it('skips Saturdays and Sundays', () => {
    // 2026-03-06 is a Friday.
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09')
    expect(addWorkingDays('2026-03-02', 5)).toBe('2026-03-09')
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09')
  })
})
