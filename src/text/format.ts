import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

const ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** An ISO-8601 instant shown in Asia/Shanghai, e.g. `2026-03-01 09:30`; '' for an invalid value. */
export function formatDateTime(iso: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  const d = dayjs.utc(iso)
  if (!d.isValid()) return ''
  try {
    return d.tz(ZONE).format(pattern)
  } catch {
    // Some phone JS engines lack Intl time zones; Shanghai has had a fixed +08:00 offset since 1991.
    return d.utcOffset(SHANGHAI_OFFSET_MINUTES).format(pattern)
  }
}

/** The calendar date in Asia/Shanghai, e.g. `2026-03-01`. */
export function formatDate(iso: string): string {
  return formatDateTime(iso, 'YYYY-MM-DD')
}
