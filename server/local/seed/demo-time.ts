import { shanghaiDayStartMs, type CalendarDate } from '../../../src/domain/calendar'

/** `date` at `hh:mm` Asia/Shanghai, as ISO-8601 UTC: when a demo record was written. */
export const atShanghai = (date: CalendarDate, hh: number, mm = 0) => new Date(shanghaiDayStartMs(date) + (hh * 60 + mm) * 60_000).toISOString()
