import { STATUS_LABELS, type ApplicationStatus } from '../../../src/domain'
import type { DeliveryOutcome, Notifier, OutboxEntry, PolicyRecord, Repositories } from '../../ports'

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

/** The policy key of each outbox kind's template (PolicyRecord.subscribeTemplateIds). */
export const TEMPLATE_KEYS: Record<OutboxEntry['kind'], string> = { 'status-changed': 'statusChanged' }

/**
 * Which value fills which keyword of a template when the policy does not say
 * (`PolicyRecord.subscribeTemplateFields`): a typical "审核进度通知" template with
 * 申请编号 (character_string1), 审核状态 (phrase2), 备注 (thing3) and 更新时间 (time4).
 */
export const DEFAULT_TEMPLATE_FIELDS: Record<string, Record<string, string>> = {
  statusChanged: { character_string1: 'number', phrase2: 'status', thing3: 'body', time4: 'time' },
}

/** Where the message opens the mini-program: the worker's own application. */
const page = (entry: OutboxEntry) =>
  entry.payload.applicationId ? `pages/application/index?id=${encodeURIComponent(entry.payload.applicationId)}` : 'pages/my-applications/index'

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

/** The nearest policy up the unit's path that names a template for `key`. */
async function policyWithTemplate(repos: Repositories, unitId: string, key: string): Promise<PolicyRecord | null> {
  const unit = await repos.units.get(unitId)
  for (const id of [...(unit?.path ?? [unitId])].reverse()) {
    const policy = await repos.policies.get(id)
    if (policy?.subscribeTemplateIds[key]) return policy
  }
  return null
}

function errCodeOf(err: unknown): number | null {
  const code = (err as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : null
}

/**
 * WeChat subscribe messages for outbox entries. The template comes from the policy of the
 * application's unit or the nearest unit above it that sets one; without one there is nothing to
 * send ('skipped'). A worker who did not subscribe is 'skipped' too. Errors WeChat will repeat
 * are 'failed'; anything else is thrown, so the delivery run retries it later.
 */
export function subscribeMessageNotifier(repos: Repositories, api: SubscribeMessageApi, defaultUnitId: string): Notifier {
  return {
    async send(entry): Promise<DeliveryOutcome> {
      const key = TEMPLATE_KEYS[entry.kind]
      const application = entry.payload.applicationId ? await repos.applications.get(entry.payload.applicationId) : null
      const policy = await policyWithTemplate(repos, application?.unitId ?? defaultUnitId, key)
      if (!policy) return { status: 'skipped', reason: `no subscribe template is set for ${key}` }
      const fields = policy.subscribeTemplateFields?.[key] ?? DEFAULT_TEMPLATE_FIELDS[key]
      try {
        await api.send({
          touser: entry.recipientOpenid,
          templateId: policy.subscribeTemplateIds[key],
          page: page(entry),
          data: templateData(entry, fields),
          miniprogramState: 'formal',
          lang: 'zh_CN',
        })
        return { status: 'sent' }
      } catch (err) {
        const code = errCodeOf(err)
        if (code !== null && NOT_SUBSCRIBED.has(code)) return { status: 'skipped', reason: 'the worker has not subscribed (43101)' }
        if (code !== null && PERMANENT.has(code)) return { status: 'failed', error: `WeChat refused the message (${code})` }
        throw err
      }
    },
  }
}
