import { campaignProgress, campaignScope, checkComplete, confirmItemProblem, outcomeProblem, withItem, type Campaign, type CheckRecord, type ItemCheck } from './campaign'
import { CheckOutcomeSchema, ConfirmItemSchema, OpenCampaignSchema } from './campaign-schemas'
import type { HouseholdEvent } from './household'
import { SIX_ITEM_CODES } from './review'
import { problemsByField, validate } from './validate'

const campaign: Campaign = {
  id: 'c1',
  name: '2020年户户清',
  startsOn: '2020-04-01',
  endsOn: '2020-07-31',
  unitIds: ['t1', 'g2'],
  status: 'open',
  createdAt: '2020-03-25T02:00:00Z',
  createdBy: 'r1',
  createdByName: '赵强',
  version: 1,
}
const check: ItemCheck = { confirmed: true, note: '', evidenceIds: [], at: '2020-04-02T02:00:00Z', by: 'c1', byName: '李娟' }
const empty = (householdId: string): CheckRecord => ({
  id: `c1-${householdId}`,
  campaignId: 'c1',
  householdId,
  unitId: 't1',
  items: {},
  outcome: null,
  outcomeAt: null,
  outcomeBy: null,
  updatedAt: '2020-04-01T00:00:00Z',
  version: 1,
})
const complete = (householdId: string, outcome: CheckRecord['outcome'] = null) => ({
  ...SIX_ITEM_CODES.reduce((r, c) => withItem(r, c, check), empty(householdId)),
  outcome,
})

describe('户户清 checks', () => {
  it('is complete when all six items are confirmed', () => {
    const five = SIX_ITEM_CODES.slice(0, 5).reduce((r, c) => withItem(r, c, check), empty('h1'))
    expect(checkComplete(five)).toBe(false)
    expect(checkComplete(withItem(five, 'pairing', { ...check, confirmed: false, note: '走访记录缺失' }))).toBe(false)
    expect(checkComplete(withItem(five, 'pairing', check))).toBe(true)
  })

  it('takes an outcome only once complete, and no changes after it or once closed', () => {
    expect(outcomeProblem(campaign, empty('h1'))).toBe('请先逐项确认六清后再确定核查结论')
    expect(outcomeProblem(campaign, complete('h1'))).toBeNull()
    const kept = complete('h1', { kind: 'keep', difficulties: [{ group: 'medical', task: '协助申请医疗救助' }] })
    expect(outcomeProblem(campaign, kept)).toBe('已确定核查结论')
    expect(confirmItemProblem(campaign, kept)).toBe('已确定核查结论，不能再修改六清核查')
    expect(confirmItemProblem({ ...campaign, status: 'closed' }, null)).toBe('该户户清活动已结束')
    expect(confirmItemProblem(campaign, null)).toBeNull()
  })

  it('scopes households on file when the campaign starts, under the deepest scope unit', () => {
    const filed = (at: string): HouseholdEvent => ({ id: 'f', at, by: 'r1', byName: '', kind: 'filed', applicationId: null, category: 'deep' })
    const households = [
      { id: 'h1', unitPath: ['root', 't1'], history: [filed('2019-01-01T00:00:00Z')] },
      { id: 'h2', unitPath: ['root', 't1', 'g2'], history: [filed('2019-01-01T00:00:00Z')] },
      { id: 'h3', unitPath: ['root', 't1', 'g3'], history: [filed('2020-03-31T15:59:00Z')] },
      { id: 'h4', unitPath: ['root', 't1'], history: [filed('2020-03-31T16:00:00Z')] }, // 00:00 on 1 April: after the start
      { id: 'h5', unitPath: ['root', 't9'], history: [filed('2019-01-01T00:00:00Z')] },
    ]
    const scope = campaignScope(campaign, households)
    expect(scope).toEqual({ t1: ['h1', 'h3'], g2: ['h2'] })
    const records = [complete('h1', { kind: 'keep', difficulties: [{ group: 'housing', task: '申请公租房' }] }), complete('h2', { kind: 'propose-deregistration', reason: 'stable-employment', text: '', evidenceIds: [] }), empty('h3'), complete('h5')]
    expect(campaignProgress(records, scope)).toEqual({
      byUnit: { t1: { inScope: 2, checked: 1, kept: 1, proposedDeregistration: 0 }, g2: { inScope: 1, checked: 1, kept: 0, proposedDeregistration: 1 } },
      total: { inScope: 3, checked: 2, kept: 1, proposedDeregistration: 1 },
    })
  })

  it('launched on its first day, leaves out a household deregistered earlier that day and takes one filed before the launch', () => {
    const at = (kind: 'filed' | 'deregistered', iso: string): HouseholdEvent =>
      kind === 'filed'
        ? { id: 'f', at: iso, by: 'r1', byName: '', kind, applicationId: null, category: 'deep' }
        : { id: 'd', at: iso, by: 'r1', byName: '', kind, reason: 'stable-employment', text: '', note: '' }
    const today = { ...campaign, startsOn: '2026-12-05', endsOn: '2026-12-31', createdAt: '2026-12-05T03:10:00Z' }
    const households = [
      { id: 'gone', unitPath: ['root', 't1'], history: [at('filed', '2019-01-01T00:00:00Z'), at('deregistered', '2026-12-05T03:05:00Z')] },
      { id: 'new', unitPath: ['root', 't1'], history: [at('filed', '2026-12-05T02:00:00Z')] },
      { id: 'after', unitPath: ['root', 't1'], history: [at('filed', '2026-12-05T04:00:00Z')] },
      { id: 'kept', unitPath: ['root', 't1'], history: [at('filed', '2019-01-01T00:00:00Z')] },
    ]
    expect(campaignScope(today, households)).toEqual({ t1: ['new', 'kept'], g2: [] })
    // Opened ahead of its first day: the scope is taken at the start of that day, as before.
    expect(campaignScope({ ...today, createdAt: '2026-12-01T03:10:00Z' }, households)).toEqual({ t1: ['gone', 'kept'], g2: [] })
  })
})

describe('campaign schemas', () => {
  const problems = (schema: Parameters<typeof validate>[0], input: unknown) => {
    const r = validate(schema, input)
    return r.ok ? null : problemsByField(r.problems)
  }

  it('opens a campaign over distinct units, ending on or after it starts', () => {
    const ok = { name: '2020年户户清', startsOn: '2020-04-01', endsOn: '2020-07-31', unitIds: ['t1'] }
    expect(validate(OpenCampaignSchema, ok)).toEqual({ ok: true, value: ok })
    expect(problems(OpenCampaignSchema, { ...ok, endsOn: '2020-03-31' })).toEqual({ endsOn: '结束日期不能早于开始日期' })
    expect(problems(OpenCampaignSchema, { ...ok, unitIds: [] })).toEqual({ unitIds: '请至少选择一个单位' })
    expect(problems(OpenCampaignSchema, { ...ok, unitIds: ['t1', 't1'] })).toEqual({ unitIds: '单位不能重复' })
  })

  it('an item not confirmed needs a note', () => {
    const ok = { campaignId: 'c1', householdId: 'h1', item: 'effect', confirmed: false, note: '' }
    expect(problems(ConfirmItemSchema, ok)).toEqual({ note: '未核实清楚时请填写核查情况' })
    expect(validate(ConfirmItemSchema, { ...ok, confirmed: true }).ok).toBe(true)
    expect(problems(ConfirmItemSchema, { ...ok, item: 'income' })).toEqual({ item: '请选择核查项目' })
  })

  it('keeping needs at least one difficulty with a task; proposing with other needs a text', () => {
    const base = { campaignId: 'c1', householdId: 'h1' }
    expect(problems(CheckOutcomeSchema, { ...base, outcome: { kind: 'keep', difficulties: [] } })).toEqual({ 'outcome.difficulties': '保留在档的家庭请至少列出一项仍存在的困难和帮扶任务' })
    expect(problems(CheckOutcomeSchema, { ...base, outcome: { kind: 'keep', difficulties: [{ group: 'medical', task: '' }] } })).toEqual({ 'outcome.difficulties.0.task': '帮扶任务至少2个字' })
    expect(validate(CheckOutcomeSchema, { ...base, outcome: { kind: 'keep', difficulties: [{ group: 'medical', task: '医疗救助' }] } }).ok).toBe(true)
    expect(problems(CheckOutcomeSchema, { ...base, outcome: { kind: 'propose-deregistration', reason: 'other' } })).toEqual({ 'outcome.text': '选择“其他”时请填写注销说明' })
    expect(problems(CheckOutcomeSchema, { ...base, outcome: { kind: 'close' } })).toEqual({ 'outcome.kind': '请选择核查结论' })
  })
})
