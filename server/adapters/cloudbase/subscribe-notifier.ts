import { STATUS_LABELS, type ApplicationStatus } from '../../../src/domain'
import type { DeliveryOutcome, Notifier, OutboxEntry } from '../../ports'

/**
 * `cloud.openapi.subscribeMessage.send` of wx-server-sdk, as far as we use it. It throws an error
 * carrying WeChat's `errCode` when WeChat refuses. Behind this interface because its wire
 * (multipart + protobuf through CloudBase) cannot be reached offline: tests pass a fake here.
 */
export interface SubscribeMessageApi {
  send(request: {
    touser: string
    templateId: string
    page: string
    data: Record<string, { value: string }>
    miniprogramState?: 'developer' | 'trial' | 'formal'
    lang?: 'zh_CN'
  }): Promise<unknown>
}

/** Where the message opens the mini-program: the worker's own application, or the staff member's queue. */
function page(entry: OutboxEntry): string {
  if (entry.kind === 'cases-waiting') return 'review/queue/index'
  return entry.payload.applicationId ? `pages/application/index?id=${encodeURIComponent(entry.payload.applicationId)}` : 'pages/my-applications/index'
}

/** WeChat errors that retrying cannot fix. 43101: the user has not subscribed (or used up the one-time subscription). */
const NOT_SUBSCRIBED = new Set([43101])
const PERMANENT = new Set([40003, 40037, 47003, 41030])

/** `2026年3月2日 10:00` in Asia/Shanghai, as time keywords require. */
function shanghaiTime(iso: string, withTime: boolean): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000)
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
  return withTime ? `${date} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : date
}

const cut = (s: string, n: number) => ([...s].length <= n ? s : [...s].slice(0, n - 1).join('') + '…')

/** A value shaped to its keyword's type (the prefix of the keyword name), within WeChat's limits for it. */
export function keywordValue(keyword: string, value: string): string {
  const type = keyword.replace(/\d+$/, '')
  switch (type) {
    case 'thing':
      return cut(value, 20)
    case 'phrase':
      return [...value.replace(/[^\u4e00-\u9fa5]/g, '')].slice(0, 5).join('')
    case 'character_string':
      return value.replace(/[^\w-]/g, '').slice(0, 32)
    case 'number':
      return value.replace(/[^\d.]/g, '').slice(0, 32)
    case 'name':
      return cut(value, 10)
    case 'time':
      return shanghaiTime(value, true)
    case 'date':
      return shanghaiTime(value, false)
    default:
      return cut(value, 20)
  }
}

/** The template's data from an entry: its payload plus `status` (the label) and `time` (when it happened). */
export function templateData(entry: OutboxEntry, fields: Record<string, string>): Record<string, { value: string }> {
  const status = entry.payload.status as ApplicationStatus | undefined
  const values: Record<string, string> = {
    ...entry.payload,
    status: status && STATUS_LABELS[status] ? STATUS_LABELS[status] : (entry.payload.status ?? ''),
    time: entry.createdAt,
  }
  return Object.fromEntries(Object.entries(fields).map(([keyword, from]) => [keyword, { value: keywordValue(keyword, values[from] ?? '') }]))
}

function errCodeOf(err: unknown): number | null {
  const code = (err as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : null
}

/**
 * WeChat subscribe messages for outbox entries, with the template the delivery run chose after
 * taking one of the recipient's acceptances. WeChat's 43101 (no acceptance held, whatever we
 * counted) is 'skipped' with `noneLeft`. Errors WeChat will repeat are 'failed'; anything else is
 * thrown, so the delivery run retries it later.
 */
export function subscribeMessageNotifier(api: SubscribeMessageApi): Notifier {
  return {
    async send(entry, { templateId, fields }): Promise<DeliveryOutcome> {
      try {
        await api.send({
          touser: entry.recipientOpenid,
          templateId,
          page: page(entry),
          data: templateData(entry, fields),
          miniprogramState: 'formal',
          lang: 'zh_CN',
        })
        return { status: 'sent' }
      } catch (err) {
        const code = errCodeOf(err)
        if (code !== null && NOT_SUBSCRIBED.has(code)) return { status: 'skipped', reason: 'WeChat: no acceptance held (43101)', noneLeft: true }
        if (code !== null && PERMANENT.has(code)) return { status: 'failed', error: `WeChat refused the message (${code})` }
        throw err
      }
    },
  }
}
