import fc from 'fast-check'
import * as v from 'valibot'
import { everyDay, formatWeekText, OpeningHoursSchema, openingState, parseWeekText, type OpeningHours, type TimeRange } from './opening-hours'
import { stationOpenState } from './station'
import { validate } from './validate'

/** An instant given as Asia/Shanghai wall-clock time. 2026-03-02 is a Monday. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)
const r = (from: string, to: string): TimeRange => ({ from, to })
const weekdays = (...ranges: TimeRange[]): OpeningHours => ({ week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? ranges : [])), closedOnHolidays: false, closedDates: [] })

describe('openingState in Asia/Shanghai', () => {
  const office = weekdays(r('08:30', '12:00'), r('14:30', '18:00'))

  it('split ranges: open in each, closed at lunch, ends are exclusive', () => {
    expect(openingState(office, sh('2026-03-02 09:00'))).toMatchObject({ open: true, closesAt: { time: '12:00', inDays: 0 }, label: '营业中 · 12:00 关门' })
    expect(openingState(office, sh('2026-03-02 08:30')).open).toBe(true)
    expect(openingState(office, sh('2026-03-02 12:00'))).toMatchObject({ open: false, opensAt: { time: '14:30', inDays: 0 }, label: '休息中 · 14:30 开门' })
    expect(openingState(office, sh('2026-03-02 17:59')).open).toBe(true)
    expect(openingState(office, sh('2026-03-02 18:00')).open).toBe(false)
    expect(openingState(office, sh('2026-03-02 07:00')).label).toBe('休息中 · 08:30 开门')
    expect(openingState(office, sh('2026-03-02 13:00')).today).toEqual([r('08:30', '12:00'), r('14:30', '18:00')])
  })

  it('weekday-only hours: closed at the weekend, next opening named', () => {
    expect(openingState(office, sh('2026-03-02 19:00')).label).toBe('休息中 · 明天 08:30 开门')
    expect(openingState(office, sh('2026-03-06 19:00'))).toMatchObject({ open: false, opensAt: { inDays: 3, weekday: 0 }, label: '休息中 · 周一 08:30 开门' })
    expect(openingState(office, sh('2026-03-07 10:00'))).toMatchObject({ open: false, today: [], label: '休息中 · 后天 08:30 开门' })
    expect(openingState(office, sh('2026-03-08 10:00')).label).toBe('休息中 · 明天 08:30 开门')
  })

  it('overnight ranges cross midnight and belong to the day they start', () => {
    const night = everyDay(r('22:00', '06:00'))
    expect(openingState(night, sh('2026-03-02 23:00'))).toMatchObject({ open: true, closesAt: { time: '06:00', inDays: 1 }, label: '营业中 · 明天 06:00 关门' })
    expect(openingState(night, sh('2026-03-03 05:59'))).toMatchObject({ open: true, closesAt: { time: '06:00', inDays: 0 } })
    expect(openingState(night, sh('2026-03-03 06:00'))).toMatchObject({ open: false, label: '休息中 · 22:00 开门' })
    // Only Monday's night range: Tuesday early morning is still Monday's night.
    const mondayNight: OpeningHours = { week: [[r('20:00', '02:00')], [], [], [], [], [], []], closedOnHolidays: false, closedDates: [] }
    expect(openingState(mondayNight, sh('2026-03-03 01:00')).open).toBe(true)
    expect(openingState(mondayNight, sh('2026-03-03 01:00')).today).toEqual([])
    expect(openingState(mondayNight, sh('2026-03-03 02:00')).label).toBe('休息中 · 周一 20:00 开门')
  })

  it('a range ending at 24:00 joins the next day’s range from 00:00', () => {
    const h: OpeningHours = { week: [[r('20:00', '24:00')], [r('00:00', '02:00')], [], [], [], [], []], closedOnHolidays: false, closedDates: [] }
    expect(openingState(h, sh('2026-03-02 23:30')).label).toBe('营业中 · 明天 02:00 关门')
  })

  it('24 hours: always open, closure dates aside', () => {
    const allDay = everyDay(r('00:00', '24:00'))
    expect(openingState(allDay, sh('2026-03-02 03:00'))).toMatchObject({ open: true, label: '24小时开放' })
    expect(openingState(allDay, sh('2026-03-02 03:00')).closesAt).toBeUndefined()
    const withClosure = { ...allDay, closedDates: ['2026-03-04'] }
    expect(openingState(withClosure, sh('2026-03-02 03:00'))).toMatchObject({ open: true, closesAt: { time: '00:00', inDays: 2 } })
    expect(openingState(withClosure, sh('2026-03-04 12:00'))).toMatchObject({ open: false, closedToday: 'closure', label: '今日闭馆 · 明天 00:00 开门' })
  })

  it('holidays close only stations that close on holidays; a station’s own closure dates always close it', () => {
    const holidays = ['2026-03-02']
    expect(openingState(office, sh('2026-03-02 09:00'), holidays).open).toBe(true)
    const closes = { ...office, closedOnHolidays: true }
    expect(openingState(closes, sh('2026-03-02 09:00'), holidays)).toMatchObject({ open: false, closedToday: 'holiday', today: [], label: '节假日闭馆 · 明天 08:30 开门' })
    expect(openingState(closes, sh('2026-03-03 09:00'), holidays).open).toBe(true)
    const closure = { ...office, closedDates: ['2026-03-03'] }
    expect(openingState(closure, sh('2026-03-02 19:00')).label).toBe('休息中 · 后天 08:30 开门')
    // A night range begun the evening before a closure day still runs to its end.
    const night = { ...everyDay(r('22:00', '06:00')), closedDates: ['2026-03-03'] }
    expect(openingState(night, sh('2026-03-03 03:00')).open).toBe(true)
    expect(openingState(night, sh('2026-03-03 23:00'))).toMatchObject({ open: false, closedToday: 'closure' })
  })

  it('uses Shanghai’s calendar day, not UTC’s', () => {
    // 2026-03-01T16:30Z is Monday 00:30 in Shanghai, still Sunday in UTC.
    const mondayOnly: OpeningHours = { week: [[r('00:00', '01:00')], [], [], [], [], [], []], closedOnHolidays: false, closedDates: [] }
    expect(openingState(mondayOnly, new Date('2026-03-01T16:30:00Z')).open).toBe(true)
    expect(openingState(mondayOnly, new Date('2026-03-01T15:30:00Z')).open).toBe(false)
  })

  it('no hours at all', () => {
    expect(openingState({ week: [[], [], [], [], [], [], []], closedOnHolidays: false, closedDates: [] }, sh('2026-03-02 09:00'))).toMatchObject({ open: false, label: '暂无开放时间' })
  })

  it('a temporarily closed or closed station is closed whatever its hours', () => {
    expect(stationOpenState({ status: 'suspended', hours: everyDay(r('00:00', '24:00')) }, sh('2026-03-02 09:00'))).toEqual({ open: false, today: [], label: '暂停开放' })
    expect(stationOpenState({ status: 'closed', hours: office }, sh('2026-03-02 09:00')).label).toBe('已关闭')
    expect(stationOpenState({ status: 'open', hours: office }, sh('2026-03-02 09:00')).open).toBe(true)
  })
})

describe('opening hours schema', () => {
  const hours = (over: Partial<OpeningHours>) => ({ ...weekdays(r('08:00', '12:00')), ...over })
  it.each([
    [{ week: [[]] }, '开放时间应按周一到周日填写7天'],
    [{ week: [[r('08:00', '08:00')], [], [], [], [], [], []] }, '开放时间的开始和结束不能相同'],
    [{ week: [[r('08:00', '12:00'), r('11:00', '13:00')], [], [], [], [], [], []] }, '同一天的开放时段不能重叠'],
    [{ week: [[r('24:00', '02:00')], [], [], [], [], [], []] }, '开始时间应为 00:00 到 23:59'],
    [{ week: [[r('8:00', '12:00')], [], [], [], [], [], []] }, '开始时间应为 00:00 到 23:59'],
    [{ week: [[r('08:00', '24:30')], [], [], [], [], [], []] }, '结束时间应为 00:00 到 24:00'],
    [{ closedDates: ['2026-02-30'] }, '日期不存在'],
    [{ closedDates: ['2026/10/01'] }, '日期格式应为 2026-10-01'],
  ])('%j -> %s', (over, message) => {
    const res = validate(OpeningHoursSchema, hours(over as Partial<OpeningHours>))
    expect(res.ok ? null : res.problems[0].message).toBe(message)
  })
  it('accepts night ranges and 24:00', () => {
    expect(v.safeParse(OpeningHoursSchema, everyDay(r('22:00', '06:00'), r('06:00', '08:00'))).success).toBe(true)
    expect(v.safeParse(OpeningHoursSchema, everyDay(r('00:00', '24:00'))).success).toBe(true)
  })
})

describe('hours as text (import and export)', () => {
  it.each([
    ['周一至周五 08:30-12:00,14:30-18:00；周六 09:00-12:00', weekdays(r('08:30', '12:00'), r('14:30', '18:00')).week.map((d, i) => (i === 5 ? [r('09:00', '12:00')] : d))],
    ['每天 07:00-21:00', everyDay(r('07:00', '21:00')).week],
    ['24小时', everyDay(r('00:00', '24:00')).week],
    ['工作日 9:00~17:00; 周末 休息', weekdays(r('09:00', '17:00')).week],
    ['周一、周三 10:00-22:00', [[r('10:00', '22:00')], [], [r('10:00', '22:00')], [], [], [], []]],
    ['每天 22:00-06:00', everyDay(r('22:00', '06:00')).week],
    ['', [[], [], [], [], [], [], []]],
  ])('%s', (text, week) => {
    expect(parseWeekText(text)).toEqual({ ok: true, week })
  })

  it.each([
    ['周八 09:00-10:00', '看不懂日期'],
    ['周一至周五', '看不懂'],
    ['周一 09:00-25:00', '结束时间应为'],
    ['周一 09:00-12:00,11:00-13:00', '有重叠'],
  ])('%s is refused', (text, message) => {
    const res = parseWeekText(text)
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.message).toContain(message)
  })

  it('formats grouped days and reads its own text back', () => {
    expect(formatWeekText(weekdays(r('08:30', '12:00'), r('14:30', '18:00')).week)).toBe('周一至周五 08:30-12:00,14:30-18:00')
    expect(formatWeekText(everyDay(r('00:00', '24:00')).week)).toBe('24小时')
    const time = fc.integer({ min: 0, max: 47 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`)
    const day = fc.uniqueArray(time, { minLength: 0, maxLength: 6 }).map((ts) => {
      const sorted = [...ts].sort()
      const out: TimeRange[] = []
      for (let i = 0; i + 1 < sorted.length; i += 2) out.push(r(sorted[i], sorted[i + 1]))
      return out
    })
    fc.assert(
      fc.property(fc.array(day, { minLength: 7, maxLength: 7 }), (week) => {
        expect(parseWeekText(formatWeekText(week))).toEqual({ ok: true, week })
      }),
      { numRuns: 500 },
    )
  })
})
