/**
 * The `fields:<kind>` cells of policy.csv: which value fills which keyword of the union's
 * subscribe-message template, e.g. `character_string1=number;phrase2=status;thing3=body;time4=time`
 * (PolicyRecord.subscribeTemplateFields; an empty cell keeps the notifier's default).
 */

/**
 * The values a message kind offers its template, with their names for the operator: for
 * `statusChanged` the outbox payload of server/usecases/shared/notify.ts plus `status` (as its label)
 * and `time`, as `templateData` of server/adapters/cloudbase/subscribe-notifier.ts fills them;
 * for `casesWaiting` the staff reminder's payload and `time`.
 * The application's internal id is left out on purpose: it means nothing to a worker.
 */
export const TEMPLATE_VALUES: Record<string, Record<string, string>> = {
  statusChanged: { number: '申请编号', status: '办理状态', title: '消息标题', body: '消息内容', time: '更新时间' },
  /** Staff's daily reminder (server/usecases/shared/staff-reminders.ts). */
  casesWaiting: { title: '提醒标题', body: '提醒内容', count: '待处理数量', overdue: '已超期数量', time: '提醒时间' },
}

/** A template keyword as WeChat names them: its type, then its position (`thing3`, `character_string1`). */
const KEYWORD = /^[a-z][a-z_]{0,31}\d{1,2}$/
/** Keyword types WeChat checks as a date or time: only `time` fits them. */
const TIME_TYPES = new Set(['time', 'date'])
const EXAMPLE = 'character_string1=number;phrase2=status;thing3=body;time4=time'

/** The keyword-to-value map of one cell, or the first thing wrong with it (in Chinese). */
export function parseTemplateFields(kind: string, text: string): { fields: Record<string, string> } | { problem: string } {
  const values = Object.hasOwn(TEMPLATE_VALUES, kind) ? TEMPLATE_VALUES[kind] : undefined
  if (!values) return { problem: `没有“${kind}”这种消息，字段对应只能用于 ${Object.keys(TEMPLATE_VALUES).map((k) => `fields:${k}`).join('、')}` }
  const offered = Object.entries(values).map(([name, label]) => `${name}（${label}）`).join('、')
  const fields: Record<string, string> = {}
  for (const raw of text.split(/[;；]/)) {
    const pair = raw.trim()
    if (!pair) continue
    const m = /^([^=＝]*)[=＝](.*)$/.exec(pair)
    if (!m) return { problem: `“${pair}”应写成“关键词=值”，多项用分号分隔，如 ${EXAMPLE}` }
    const keyword = m[1].trim()
    const value = m[2].trim()
    if (!KEYWORD.test(keyword)) return { problem: `关键词“${keyword}”格式不正确：应为模板详情中的关键词名，如 thing3、character_string1` }
    if (Object.hasOwn(fields, keyword)) return { problem: `关键词“${keyword}”出现了两次` }
    if (!Object.hasOwn(values, value)) return { problem: `关键词“${keyword}”的值“${value}”不可用：可用 ${offered}` }
    if (TIME_TYPES.has(keyword.replace(/\d+$/, '')) && value !== 'time') return { problem: `关键词“${keyword}”是时间类，只能填 time（更新时间）` }
    fields[keyword] = value
  }
  if (!Object.keys(fields).length) return { problem: `没有写任何关键词：应写成 ${EXAMPLE}，或留空使用默认对应` }
  return { fields }
}
