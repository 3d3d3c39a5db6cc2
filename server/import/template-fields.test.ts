/** policy.csv `fields:<kind>` columns: which value fills which keyword of a subscribe-message template. */
import { templateData } from '../adapters/cloudbase/subscribe-notifier'
import { DEFAULT_TEMPLATE_FIELDS } from '../usecases/shared/subscriptions'
import type { OutboxEntry } from '../ports'
import { parseCsv } from '../usecases/shared/csv'
import { formatProblem } from './columns'
import { checkPolicies } from './policy'
import { TEMPLATE_VALUES, parseTemplateFields } from './template-fields'

const TEMPLATE = 'AbCdEfGhIjKlMnOp_123-xyz'
const HEADER = 'unitId,dibaoLineYuan,publicityDays,template:statusChanged,fields:statusChanged'

function check(text: string) {
  const result = checkPolicies(parseCsv(text), 'policy.csv', (id) => id.startsWith('unit-'))
  return 'problems' in result ? { problems: result.problems.map(formatProblem) } : result
}

describe('fields:<kind> in policy.csv', () => {
  test('a good cell becomes subscribeTemplateFields; an empty one leaves the default (no key at all)', () => {
    const csv = `${HEADER}\nunit-root,780,7,${TEMPLATE},character_string1=number;phrase2=status;thing3=body;time4=time\nunit-a,720,5,${TEMPLATE},\n`
    expect(check(csv)).toEqual({
      policies: [
        {
          unitId: 'unit-root',
          dibaoLineFen: 78000,
          publicityDays: 7,
          stageDeadlineDays: {},
          subscribeTemplateIds: { statusChanged: TEMPLATE },
          subscribeTemplateFields: { statusChanged: { character_string1: 'number', phrase2: 'status', thing3: 'body', time4: 'time' } },
        },
        { unitId: 'unit-a', dibaoLineFen: 72000, publicityDays: 5, stageDeadlineDays: {}, subscribeTemplateIds: { statusChanged: TEMPLATE } },
      ],
    })
  })

  test('spaces, a trailing semicolon and full-width ；＝ as Excel users type them are accepted', () => {
    expect(parseTemplateFields('statusChanged', ' thing1 = title ； date2＝time; ')).toEqual({ fields: { thing1: 'title', date2: 'time' } })
  })

  test('bad cells: each problem names the row and the column; nothing is returned', () => {
    const rows = [
      'number', // no "="
      'Thing1=number', // keyword not as WeChat names it
      'thing=number', // keyword without its position
      'thing1=applicationId', // an internal id is not offered
      'thing1=number;thing1=status', // keyword twice
      'time4=status', // a time keyword takes only the time
      ';;', // nothing in it
    ]
    const csv = `${HEADER}\n${rows.map((cell, i) => `unit-${i},780,7,${TEMPLATE},"${cell}"`).join('\n')}\nunit-x,780,7,,thing1=number\n`
    const col = '“fields:statusChanged”列：字段对应有误：'
    expect(check(csv)).toEqual({
      problems: [
        `policy.csv 第 2 行${col}“number”应写成“关键词=值”，多项用分号分隔，如 character_string1=number;phrase2=status;thing3=body;time4=time`,
        `policy.csv 第 3 行${col}关键词“Thing1”格式不正确：应为模板详情中的关键词名，如 thing3、character_string1`,
        `policy.csv 第 4 行${col}关键词“thing”格式不正确：应为模板详情中的关键词名，如 thing3、character_string1`,
        `policy.csv 第 5 行${col}关键词“thing1”的值“applicationId”不可用：可用 number（申请编号）、status（办理状态）、title（消息标题）、body（消息内容）、time（更新时间）`,
        `policy.csv 第 6 行${col}关键词“thing1”出现了两次`,
        `policy.csv 第 7 行${col}关键词“time4”是时间类，只能填 time（更新时间）`,
        `policy.csv 第 8 行${col}没有写任何关键词：应写成 character_string1=number;phrase2=status;thing3=body;time4=time，或留空使用默认对应`,
        'policy.csv 第 9 行“fields:statusChanged”列：填写了字段对应，但同一行没有“template:statusChanged”模板 ID：字段对应只随本行的模板生效',
      ],
    })
  })

  test('a kind without known values is refused in its cell; an unknown column name in the header', () => {
    expect(check(`unitId,dibaoLineYuan,publicityDays,template:other,fields:other\nunit-a,780,7,${TEMPLATE},thing1=number\n`)).toEqual({
      problems: ['policy.csv 第 2 行“fields:other”列：字段对应有误：没有“other”这种消息，字段对应只能用于 fields:statusChanged、fields:casesWaiting'],
    })
    expect(parseTemplateFields('constructor', 'thing1=number')).toHaveProperty('problem')
    expect(parseTemplateFields('statusChanged', 'thing1=toString')).toHaveProperty('problem')
    expect(check('unitId,dibaoLineYuan,publicityDays,fields:\nunit-a,780,7,x\n')).toEqual({ problems: ['policy.csv 第 1 行：第 4 列“fields:”不是可识别的列名'] })
  })

  test('the values offered are the ones the notifier fills, and its default uses only them', () => {
    const entry: OutboxEntry = {
      key: 'status:a1:3',
      kind: 'status-changed',
      recipientOpenid: 'o-w',
      payload: { applicationId: 'a1', number: 'MLS-2026-000001', status: 'screening', title: '申请已进入初审', body: '请耐心等待' },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-03-02T02:00:00.000Z',
      createdAt: '2026-03-02T02:00:00.000Z',
      sentAt: null,
      lastError: null,
    }
    const offered = Object.keys(TEMPLATE_VALUES.statusChanged)
    const data = templateData(entry, Object.fromEntries(offered.map((name, i) => [`thing${i + 1}`, name])))
    for (const { value } of Object.values(data)) expect(value).not.toBe('')
    for (const name of Object.values(DEFAULT_TEMPLATE_FIELDS.statusChanged)) expect(offered).toContain(name)
    expect(parseTemplateFields('statusChanged', Object.entries(DEFAULT_TEMPLATE_FIELDS.statusChanged).map(([k, v]) => `${k}=${v}`).join(';'))).toEqual({ fields: DEFAULT_TEMPLATE_FIELDS.statusChanged })
  })
})
