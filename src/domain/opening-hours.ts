import * as v from 'valibot'
import { WEEKDAY_LABELS } from './weekdays'

/**
 * Opening hours as data. A range belongs to the day it starts on: `to` at or before `from` (say
 * 22:00-06:00) runs past midnight into the next day, and `24:00` ends at midnight. A closure date
 * (a station's own, or a public holiday when the station closes on holidays) cancels the ranges
 * starting that day; a night range begun the evening before still runs to its end.
 */
export interface TimeRange {
  /** `HH:MM`, 00:00-23:59. */
  from: string
  /** `HH:MM`, 00:00-24:00. */
  to: string
}

export interface OpeningHours {
  /** Monday first: `week[0]` is Monday, `week[6]` Sunday; an empty day is closed. */
  week: TimeRange[][]
  /** Closed on the public holidays the caller passes in. */
  closedOnHolidays: boolean
  /** The station's own closure dates, `YYYY-MM-DD` in Asia/Shanghai. */
  closedDates: string[]
}

export { WEEKDAY_LABELS } from './weekdays'

const DAY = 1440
const SHANGHAI_OFFSET_MIN = 8 * 60
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** Minutes since midnight of `HH:MM` (24:00 is 1440). */
export function minutesOf(time: string): number {
  if (time === '24:00') return DAY
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

const hhmm = (minutes: number) => {
  const m = ((minutes % DAY) + DAY) % DAY
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** End of a range in minutes after the midnight its day starts with (past 1440 for a night range). */
const endOf = (r: TimeRange) => {
  const from = minutesOf(r.from)
  const to = minutesOf(r.to)
  return to > from ? to : to + DAY
}

export const TimeRangeSchema = v.pipe(
  v.strictObject({
    from: v.pipe(v.string('开始时间应为文本'), v.regex(TIME, '开始时间应为 00:00 到 23:59'), v.check((t) => t !== '24:00', '开始时间应为 00:00 到 23:59')),
    to: v.pipe(v.string('结束时间应为文本'), v.regex(TIME, '结束时间应为 00:00 到 24:00')),
  }),
  v.check((r) => r.from !== r.to, '开放时间的开始和结束不能相同'),
)

const IsoDateSchema = v.pipe(
  v.string('日期应为文本'),
  v.regex(DATE, '日期格式应为 2026-10-01'),
  v.check((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期不存在'),
)

export const OpeningHoursSchema = v.pipe(
  v.strictObject({
    week: v.pipe(
      v.array(v.pipe(v.array(TimeRangeSchema, '每天的开放时间应为列表'), v.maxLength(4, '每天最多4个开放时段')), '开放时间应按周一到周日填写'),
      v.length(7, '开放时间应按周一到周日填写7天'),
    ),
    closedOnHolidays: v.optional(v.boolean('节假日是否闭馆应为是或否'), false),
    closedDates: v.optional(v.pipe(v.array(IsoDateSchema, '闭馆日期应为列表'), v.maxLength(60, '闭馆日期最多60个')), []),
  }),
  v.check((h) => h.week.every(noOverlap), '同一天的开放时段不能重叠'),
)

function noOverlap(ranges: TimeRange[]): boolean {
  const spans = ranges.map((r) => [minutesOf(r.from), endOf(r)] as const).sort((a, b) => a[0] - b[0])
  return spans.every((s, i) => i === 0 || s[0] >= spans[i - 1][1])
}

/** Open around the clock every day of the week (closure dates aside). */
export function isAroundTheClock(h: OpeningHours): boolean {
  return h.week.every((day) => day.length === 1 && day[0].from === '00:00' && day[0].to === '24:00')
}

/** Every day the same ranges. */
export const everyDay = (...ranges: TimeRange[]): OpeningHours => ({ week: Array.from({ length: 7 }, () => ranges.map((r) => ({ ...r }))), closedOnHolidays: false, closedDates: [] })

/** The calendar facts of an instant in Asia/Shanghai. */
function shanghai(at: Date): { date: string; weekday: number; minute: number; dayStartMs: number } {
  const shifted = new Date(at.getTime() + SHANGHAI_OFFSET_MIN * 60_000)
  const minute = shifted.getUTCHours() * 60 + shifted.getUTCMinutes()
  const dayStartMs = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate())
  return { date: shifted.toISOString().slice(0, 10), weekday: (shifted.getUTCDay() + 6) % 7, minute, dayStartMs }
}

/** What a worker needs to know now: open or not, until or from when, today's hours. */
export interface OpeningState {
  open: boolean
  /** Today's ranges (Asia/Shanghai); empty when closed all day. */
  today: TimeRange[]
  /** Set when today's ranges are cancelled by a closure date or a public holiday. */
  closedToday?: 'holiday' | 'closure'
  /** When open: `HH:MM` it closes, and how many days from today (0 today, 1 tomorrow); absent around the clock. */
  closesAt?: { time: string; inDays: number }
  /** When closed: when it next opens within a week. */
  opensAt?: { time: string; inDays: number; weekday: number }
  /** One short line: 营业中 · 18:00 关门, 休息中 · 明天 08:00 开门, 24小时开放 ... */
  label: string
}

/**
 * Whether a station with `hours` is open at `at`, in Asia/Shanghai, and what to tell the worker.
 * `holidays` are public-holiday dates (`YYYY-MM-DD`); they close only stations that close on holidays.
 */
export function openingState(hours: OpeningHours, at: Date, holidays: readonly string[] = []): OpeningState {
  const now = shanghai(at)
  const closedBy = (offsetDays: number): 'holiday' | 'closure' | null => {
    const date = new Date(now.dayStartMs + offsetDays * DAY * 60_000).toISOString().slice(0, 10)
    if (hours.closedDates.includes(date)) return 'closure'
    if (hours.closedOnHolidays && holidays.includes(date)) return 'holiday'
    return null
  }
  // Intervals in minutes from today's midnight, from yesterday (for night ranges) to a week ahead.
  const spans: [number, number][] = []
  for (let d = -1; d <= 7; d++) {
    if (closedBy(d)) continue
    for (const r of hours.week[(((now.weekday + d) % 7) + 7) % 7]) spans.push([d * DAY + minutesOf(r.from), d * DAY + endOf(r)])
  }
  const merged = mergeSpans(spans)
  const today = hours.week[now.weekday].map((r) => ({ ...r }))
  const closedToday = today.length > 0 ? closedBy(0) : null
  const base = { today: closedToday ? [] : today, ...(closedToday ? { closedToday } : {}) }
  const current = merged.find(([s, e]) => s <= now.minute && now.minute < e)
  if (current) {
    if (current[1] >= 7 * DAY) return { ...base, open: true, label: '24小时开放' }
    const inDays = Math.floor(current[1] / DAY)
    const closesAt = { time: hhmm(current[1]), inDays }
    return { ...base, open: true, closesAt, label: `营业中 · ${dayWord(inDays, (now.weekday + inDays) % 7)}${closesAt.time} 关门` }
  }
  const next = merged.find(([s]) => s > now.minute)
  if (!next || next[0] >= 7 * DAY) return { ...base, open: false, label: closedToday === 'holiday' ? '节假日闭馆' : '暂无开放时间' }
  const inDays = Math.floor(next[0] / DAY)
  const weekday = (now.weekday + inDays) % 7
  const opensAt = { time: hhmm(next[0]), inDays, weekday }
  const prefix = closedToday === 'holiday' ? '节假日闭馆' : closedToday === 'closure' ? '今日闭馆' : '休息中'
  return { ...base, open: false, opensAt, label: `${prefix} · ${dayWord(inDays, weekday)}${opensAt.time} 开门` }
}

function dayWord(inDays: number, weekday: number): string {
  if (inDays === 0) return ''
  if (inDays === 1) return '明天 '
  if (inDays === 2) return '后天 '
  return `${WEEKDAY_LABELS[weekday]} `
}

function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [s, e] of sorted) {
    const last = out[out.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

const DAY_NAMES: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, 七: 6 }

/**
 * Reads hours written as people write them, e.g. `周一至周五 08:30-12:00,14:30-18:00；周六 09:00-12:00`,
 * `每天 07:00-21:00`, `工作日 09:00-17:00`, `周末 休息` or `24小时`. Days not named are closed.
 * Returns the week, or a Chinese message saying what is wrong.
 */
export function parseWeekText(text: string): { ok: true; week: TimeRange[][] } | { ok: false; message: string } {
  const t = text.trim().replace(/：/g, ':').replace(/[～〜—–~]/g, '-').replace(/\s+/g, ' ')
  if (!t) return { ok: true, week: emptyWeek() }
  if (/^(24小时|全天|全天候)(开放|营业)?$/.test(t)) return { ok: true, week: everyDay({ from: '00:00', to: '24:00' }).week }
  const week = emptyWeek()
  for (const part of t.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\S+?)\s*((?:\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}[\s,，、]*)+|休息|闭馆|不开放|24小时)$/.exec(part)
    if (!m) return { ok: false, message: `看不懂“${part}”，请写成“周一至周五 08:30-12:00,14:30-18:00”` }
    const days = parseDays(m[1])
    if (!days) return { ok: false, message: `看不懂日期“${m[1]}”，请写周一至周日、每天、工作日或周末` }
    if (/^(休息|闭馆|不开放)$/.test(m[2])) {
      for (const d of days) week[d] = []
      continue
    }
    const ranges: TimeRange[] = []
    const spec = m[2] === '24小时' ? '00:00-24:00' : m[2]
    for (const r of spec.matchAll(/(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})/g)) {
      const range = { from: `${r[1].padStart(2, '0')}:${r[2]}`, to: `${r[3].padStart(2, '0')}:${r[4]}` }
      const checked = v.safeParse(TimeRangeSchema, range)
      if (!checked.success) return { ok: false, message: `“${r[0]}”：${checked.issues[0].message}` }
      ranges.push(range)
    }
    if (!noOverlap(ranges)) return { ok: false, message: `“${part}”的开放时段有重叠` }
    for (const d of days) week[d] = ranges.map((r) => ({ ...r }))
  }
  return { ok: true, week }
}

function parseDays(s: string): number[] | null {
  if (/^(每天|每日|全周|周一至周日|周一到周日)$/.test(s)) return [0, 1, 2, 3, 4, 5, 6]
  if (/^(工作日)$/.test(s)) return [0, 1, 2, 3, 4]
  if (/^(周末|双休日)$/.test(s)) return [5, 6]
  const days = new Set<number>()
  for (const piece of s.split(/[,，、和及]/)) {
    const range = /^(?:周|星期)([一二三四五六日天七])(?:(?:至|到|-)(?:周|星期)?([一二三四五六日天七]))?$/.exec(piece.trim())
    if (!range) return null
    const a = DAY_NAMES[range[1]]
    const b = range[2] === undefined ? a : DAY_NAMES[range[2]]
    if (b < a) return null
    for (let d = a; d <= b; d++) days.add(d)
  }
  return days.size ? [...days].sort((x, y) => x - y) : null
}

const emptyWeek = (): TimeRange[][] => Array.from({ length: 7 }, () => [])

/** The week as text `parseWeekText` reads back: consecutive days with the same hours grouped. */
export function formatWeekText(week: TimeRange[][]): string {
  if (isAroundTheClock({ week, closedOnHolidays: false, closedDates: [] })) return '24小时'
  const key = (day: TimeRange[]) => day.map((r) => `${r.from}-${r.to}`).join(',')
  if (week.every((d) => d.length > 0 && key(d) === key(week[0]))) return `每天 ${key(week[0])}`
  const parts: string[] = []
  for (let i = 0; i < 7; ) {
    let j = i
    while (j + 1 < 7 && key(week[j + 1]) === key(week[i])) j++
    if (week[i].length) {
      const days = i === j ? WEEKDAY_LABELS[i] : `${WEEKDAY_LABELS[i]}至${WEEKDAY_LABELS[j]}`
      parts.push(`${days} ${key(week[i])}`)
    }
    i = j + 1
  }
  return parts.join('；')
}
