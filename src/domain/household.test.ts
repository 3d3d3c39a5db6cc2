import {
  contactDue,
  currentHouseholdStatus,
  householdEventProblem,
  householdStatusAt,
  lastFiledOn,
  pairedCadres,
  pendingDeregistration,
  type HouseholdEvent,
  type HouseholdEventBody,
} from './household'
import { ContactInputSchema, DecideDeregistrationSchema, MeasureUpdateSchema, ProposeDeregistrationSchema } from './household-schemas'
import { problemsByField, validate } from './validate'

let n = 0
const ev = (at: string, body: HouseholdEventBody): HouseholdEvent => ({ id: `e${++n}`, at, by: 'r1', byName: '赵强', ...body })
const cadre = { openid: 'c1', name: '李娟' }
const proposal = (at: string) => ev(at, { kind: 'deregistration-proposed', reason: 'income-above-line', text: '', evidenceIds: [], campaignId: null })

/** Appends each entry after checking it may follow, as a use case would. */
function build(bodies: [string, HouseholdEventBody][]): HouseholdEvent[] {
  const history: HouseholdEvent[] = []
  for (const [at, body] of bodies) {
    const e = ev(at, body)
    expect(householdEventProblem(history, e)).toBeNull()
    history.push(e)
  }
  return history
}

describe('household history', () => {
  const history = build([
    ['2018-01-01T02:00:00Z', { kind: 'filed', applicationId: 'a1', category: 'deep' }],
    ['2018-01-02T02:00:00Z', { kind: 'cadre-assigned', cadre }],
    ['2019-03-01T02:00:00Z', { kind: 'deregistration-proposed', reason: 'income-above-line', text: '', evidenceIds: [], campaignId: null }],
    ['2019-03-05T02:00:00Z', { kind: 'deregistration-declined', note: '收入证明不全' }],
    ['2019-06-01T02:00:00Z', { kind: 'deregistration-proposed', reason: 'stable-employment', text: '', evidenceIds: ['d1'], campaignId: null }],
    ['2019-06-03T02:00:00Z', { kind: 'deregistered', reason: 'stable-employment', text: '', note: '同意' }],
    ['2021-02-01T02:00:00Z', { kind: 'refiled', applicationId: 'a2', category: 'relative' }],
  ])

  it('replays the status at any instant: filed, deregistered, filed again', () => {
    expect(householdStatusAt(history, Date.parse('2017-12-31T00:00:00Z'))).toBeNull()
    expect(householdStatusAt(history, Date.parse('2018-01-01T02:00:00Z'))).toBeNull()
    expect(householdStatusAt(history, Date.parse('2018-01-01T02:00:00.001Z'))).toBe('filed')
    expect(householdStatusAt(history, Date.parse('2019-06-04T00:00:00Z'))).toBe('deregistered')
    expect(currentHouseholdStatus(history)).toBe('filed')
    expect(lastFiledOn(history)).toBe('2021-02-01')
    expect(pendingDeregistration(history)).toBeNull()
    expect(pairedCadres(history)).toEqual([cadre])
  })

  it('refuses entries that do not fit the state', () => {
    const filed = history.slice(0, 2)
    expect(householdEventProblem(filed, ev('2020-01-01T00:00:00Z', { kind: 'filed', applicationId: null, category: 'deep' }))).toBe('该家庭已建档')
    expect(householdEventProblem(filed, ev('2020-01-01T00:00:00Z', { kind: 'refiled', applicationId: null, category: 'deep' }))).toBe('只有已注销的家庭才能重新建档')
    expect(householdEventProblem(filed, ev('2020-01-01T00:00:00Z', { kind: 'deregistered', reason: 'other', text: 'x', note: '' }))).toBe('该家庭没有待审批的注销申请')
    expect(householdEventProblem(filed, ev('2020-01-01T00:00:00Z', { kind: 'cadre-assigned', cadre }))).toBe('该干部已与这户家庭结对')
    expect(householdEventProblem(filed, ev('2020-01-01T00:00:00Z', { kind: 'cadre-removed', cadreOpenid: 'c9', note: '' }))).toBe('该干部未与这户家庭结对')
    const pending = [...filed, proposal('2020-01-01T00:00:00Z')]
    expect(pendingDeregistration(pending)?.reason).toBe('income-above-line')
    expect(householdEventProblem(pending, proposal('2020-01-02T00:00:00Z'))).toBe('该家庭已有待审批的注销申请')
    expect(householdEventProblem(history.slice(0, 6), proposal('2020-01-02T00:00:00Z'))).toBe('该家庭不在档，不能提出注销')
  })

  it('removes a cadre from the pairing', () => {
    const h = build([
      ['2018-01-01T02:00:00Z', { kind: 'filed', applicationId: null, category: 'deep' }],
      ['2018-01-02T02:00:00Z', { kind: 'cadre-assigned', cadre }],
      ['2018-01-03T02:00:00Z', { kind: 'cadre-assigned', cadre: { openid: 'c2', name: '王芳' } }],
      ['2018-02-01T02:00:00Z', { kind: 'cadre-removed', cadreOpenid: 'c1', note: '调离' }],
    ])
    expect(pairedCadres(h)).toEqual([{ openid: 'c2', name: '王芳' }])
  })
})

describe('contact due', () => {
  it('counts from the last contact on or before today, else from filing; overdue only past the limit', () => {
    const contacts = [{ on: '2020-01-10' }, { on: '2020-02-01' }, { on: '2020-05-01' }]
    expect(contactDue(contacts, '2019-01-01', '2020-03-02', 30)).toEqual({ lastContactOn: '2020-02-01', daysSince: 30, overdue: false })
    expect(contactDue(contacts, '2019-01-01', '2020-03-03', 30)).toEqual({ lastContactOn: '2020-02-01', daysSince: 31, overdue: true })
    expect(contactDue(contacts, '2020-04-01', '2020-04-15', 30)).toEqual({ lastContactOn: null, daysSince: 14, overdue: false })
  })
})

describe('household schemas', () => {
  const fieldOf = (schema: Parameters<typeof validate>[0], input: unknown) => {
    const r = validate(schema, input)
    return r.ok ? null : problemsByField(r.problems)
  }

  it('a contact needs its kind, an existing date and notes', () => {
    const ok = { householdId: 'h1', kind: 'visit', on: '2020-03-01', notes: '入户走访' }
    expect(validate(ContactInputSchema, ok)).toEqual({ ok: true, value: { ...ok, nextStep: '' } })
    expect(fieldOf(ContactInputSchema, { ...ok, kind: 'email' })).toEqual({ kind: '请选择联系方式' })
    expect(fieldOf(ContactInputSchema, { ...ok, on: '2020-02-30' })).toEqual({ on: '联系日期格式应为 2020-04-01 这样的日期' })
    expect(fieldOf(ContactInputSchema, { ...ok, notes: '好' })).toEqual({ notes: '联系情况至少2个字' })
  })

  it('deregistration: other needs a text; declining needs a note', () => {
    const p = { householdId: 'h1', expectedVersion: 3, reason: 'other', text: '' }
    expect(fieldOf(ProposeDeregistrationSchema, p)).toEqual({ text: '选择“其他”时请填写注销说明' })
    expect(fieldOf(ProposeDeregistrationSchema, { ...p, reason: 'stable-employment' })).toEqual({ evidenceIds: '提出脱困注销请至少上传一张脱困证明材料的照片（如收入证明、劳动合同）' })
    expect(validate(ProposeDeregistrationSchema, { ...p, reason: 'stable-employment', evidenceIds: ['ev-1'] }).ok).toBe(true)
    expect(fieldOf(DecideDeregistrationSchema, { householdId: 'h1', expectedVersion: 3, approve: false })).toEqual({ note: '不批准注销时请填写审批意见' })
    expect(validate(DecideDeregistrationSchema, { householdId: 'h1', expectedVersion: 3, approve: true }).ok).toBe(true)
  })

  it('a measure marked done needs its outcome', () => {
    expect(fieldOf(MeasureUpdateSchema, { householdId: 'h1', measureId: 'm1', expectedVersion: 1, status: 'done' })).toEqual({ outcome: '措施完成时请填写实施成效' })
  })
})
