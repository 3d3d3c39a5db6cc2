/**
 * The subscribe-message notifier with a fake of `cloud.openapi.subscribeMessage.send`: the real
 * call travels as multipart + protobuf through CloudBase to WeChat and cannot be reached offline.
 * What is ours is real: the template lookup up the unit's path (against SQLite), the data, and the outcomes.
 */
import { unionTree, type TreeFixture } from '../../../test/support/union-tree'
import type { ApplicationRecord, OutboxEntry, PolicyRecord, TemplateChoice } from '../../ports'
import { DEFAULT_TEMPLATE_FIELDS, templateOfEntry } from '../../usecases/shared/subscriptions'
import { keywordValue, subscribeMessageNotifier, templateData, type SubscribeMessageApi } from './subscribe-notifier'

let t: TreeFixture
beforeEach(async () => (t = await unionTree()))
afterEach(() => t.close())

const entry: OutboxEntry = {
  key: 'status:app-1:3',
  kind: 'status-changed',
  recipientOpenid: 'o-worker',
  payload: { applicationId: 'app-1', number: 'MLS-2026-000001', status: 'visiting', title: '申请MLS-2026-000001：入户调查', body: '工作人员将与您联系，约定入户调查的时间' },
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-03-02T02:00:00.000Z',
  createdAt: '2026-03-02T02:00:00.000Z',
  sentAt: null,
  lastError: null,
}

const policy = (unitId: string, templates: Record<string, string>, over: Partial<PolicyRecord> = {}): PolicyRecord => ({
  unitId,
  dibaoLineFen: 78000,
  publicityDays: 7,
  stageDeadlineDays: {},
  subscribeTemplateIds: templates,
  ...over,
})

async function application(unitId: string) {
  await t.deps.store.repos.applications.insert({ id: 'app-1', number: 'MLS-2026-000001', applicantOpenid: 'o-worker', unitId, status: 'visiting', version: 3, createdAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T02:00:00.000Z' } as ApplicationRecord)
}

function fakeApi(fail?: unknown): SubscribeMessageApi & { calls: Parameters<SubscribeMessageApi['send']>[0][] } {
  const calls: Parameters<SubscribeMessageApi['send']>[0][] = []
  return {
    calls,
    async send(req) {
      calls.push(req)
      if (fail) throw fail
      return { errCode: 0 }
    },
  }
}

test('sends the chosen template with the data shaped to its keywords, opening the worker\'s application', async () => {
  const api = fakeApi()
  expect(await subscribeMessageNotifier(api).send(entry, { templateId: 'TPL-A', fields: DEFAULT_TEMPLATE_FIELDS.statusChanged })).toEqual({ status: 'sent' })
  expect(api.calls).toEqual([
    {
      touser: 'o-worker',
      templateId: 'TPL-A',
      page: 'pages/application/index?id=app-1',
      data: {
        character_string1: { value: 'MLS-2026-000001' },
        phrase2: { value: '入户调查' },
        thing3: { value: '工作人员将与您联系，约定入户调查的时间' },
        time4: { value: '2026年3月2日 10:00' },
      },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    },
  ])
})

test('the template a policy names, nearest up the unit path, with its own keyword mapping', async () => {
  await application('unit-a2x')
  await t.deps.store.repos.policies.put(policy('unit-root', { statusChanged: 'TPL-ROOT' }))
  await t.deps.store.repos.policies.put(policy('unit-a', { statusChanged: 'TPL-A' }, { subscribeTemplateFields: { statusChanged: { thing1: 'title', date2: 'time' } } }))
  await t.deps.store.repos.policies.put(policy('unit-a2', {}))
  const choice = await templateOfEntry(t.deps.store.repos, entry, 'unit-root')
  expect(choice).toEqual({ templateId: 'TPL-A', fields: { thing1: 'title', date2: 'time' } })
  const api = fakeApi()
  await subscribeMessageNotifier(api).send(entry, choice as TemplateChoice)
  // 20 characters at most for a thing: the title is cut.
  expect(api.calls[0].data).toEqual({ thing1: { value: '申请MLS-2026-000001：入…' }, date2: { value: '2026年3月2日' } })
})

test('no template anywhere up the path: none', async () => {
  await application('unit-a1')
  expect(await templateOfEntry(t.deps.store.repos, entry, 'unit-root')).toEqual({ none: 'no subscribe template is set for statusChanged' })
})

test("a staff reminder opens the queue and fills the reminder's keywords", async () => {
  const api = fakeApi()
  const reminder: OutboxEntry = { ...entry, key: 'reminder:o-staff:2026-03-02', kind: 'cases-waiting', recipientOpenid: 'o-staff', payload: { unitId: 'unit-a', title: '审核待办提醒', body: '3件申请待处理', count: '3', overdue: '0' } }
  await subscribeMessageNotifier(api).send(reminder, { templateId: 'TPL-STAFF', fields: DEFAULT_TEMPLATE_FIELDS.casesWaiting })
  expect(api.calls[0]).toMatchObject({ page: 'review/queue/index', data: { thing1: { value: '审核待办提醒' }, number2: { value: '3' }, thing3: { value: '3件申请待处理' } } })
})

test('WeChat outcomes: no acceptance held is skipped (none left), a rejected template is failed, anything else is thrown for a retry', async () => {
  const send = (err: unknown) => subscribeMessageNotifier(fakeApi(err)).send(entry, { templateId: 'TPL', fields: DEFAULT_TEMPLATE_FIELDS.statusChanged })
  expect(await send({ errCode: 43101, errMsg: 'user refuse to accept the msg' })).toEqual({ status: 'skipped', reason: 'WeChat: no acceptance held (43101)', noneLeft: true })
  expect(await send({ errCode: 47003, errMsg: 'argument invalid' })).toEqual({ status: 'failed', error: 'WeChat refused the message (47003)' })
  await expect(send({ errCode: -1, errMsg: 'system error' })).rejects.toMatchObject({ errCode: -1 })
  await expect(send(new Error('socket hang up'))).rejects.toThrow('socket hang up')
})

test('keyword values are cut to WeChat\'s limits for their type', () => {
  expect(keywordValue('thing7', '一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…')
  expect(keywordValue('phrase3', '已建档 (filed)')).toBe('已建档')
  expect(keywordValue('character_string2', 'MLS-2026-000123 ')).toBe('MLS-2026-000123')
  expect(keywordValue('time1', '2026-12-31T16:30:00.000Z')).toBe('2027年1月1日 00:30')
  expect(templateData({ ...entry, payload: { status: 'filed' } }, { phrase1: 'status', thing2: 'missing' })).toEqual({ phrase1: { value: '已建档' }, thing2: { value: '' } })
})
