import type { HouseholdItem } from '../../../src/domain/api/households'
import type { CursorPage } from '../../../src/domain/api/applicant'
import { householdFixture, type HouseholdFixture } from '../../../test/support/households'
import { DAY } from '../../../test/support/review'

describe('following a filed household (SQLite, through the event contract)', () => {
  let f: HouseholdFixture
  let id: string
  beforeEach(async () => {
    f = await householdFixture()
    id = (await f.file()).id
  })
  afterEach(() => f.close())

  const version = async (hid = id) => (await f.record(hid)).version
  const audits = async (action: string) => (await f.deps.store.repos.audit.list(null, 1000)).filter((e) => e.action === action)

  describe('the household page', () => {
    it('shows the file masked, with the actions each role may take now', async () => {
      const view = await f.ok('o-caseworker', 'get', { householdId: id })
      expect(view).toMatchObject({ id, number: 'MLS-H-2026-000001', headNameMasked: '张*明', unitName: '农机厂工会', status: 'filed', category: 'deep', cadres: [], lastContactOn: null, contactOverdue: false, deregistrationPending: false, measures: [], ledger: [], contacts: [], fundsTotalFen: 0 })
      expect(view.history.map((h) => h.kind)).toEqual(['filed'])
      // This fixture's applicants list no family members (the review test checks members on the file).
      expect(view.members).toEqual([])
      expect(view.actions).toEqual(['addMeasure', 'recordPayment', 'addContact', 'proposeDeregistration'])
      expect((await f.ok('o-reviewer', 'get', { householdId: id })).actions).toEqual(['addMeasure', 'recordPayment', 'addContact', 'assignCadre', 'proposeDeregistration'])
      expect((await f.ok('o-town-admin', 'get', { householdId: id })).actions).toEqual(['assignCadre'])
      expect(JSON.stringify(view)).not.toMatch(/张小明|6228480123456789012/)
    })

    it('is NOT_FOUND outside the jurisdiction and FORBIDDEN to workers', async () => {
      expect(await f.hh('o-b-staff', 'get', { householdId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'householdId' } })
      expect(await f.hh('o-b-admin', 'get', { householdId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await f.hh('o-caseworker', 'get', { householdId: 'no-such-household' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await f.hh('w-anyone', 'get', { householdId: id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('the list', () => {
    it('pages the jurisdiction by file number, filters by status and unit, and searches by file number or full name', async () => {
      const second = (await f.file('unit-a2x')).id
      const inB = (await f.file('unit-b1')).id
      const list = async (openid: string, input: Record<string, unknown> = {}) => f.ok<CursorPage<HouseholdItem>>(openid, 'list', input)
      const a = await list('o-caseworker')
      expect(a).toMatchObject({ total: 2, pageSize: 20, nextCursor: null })
      expect(a.items.map((i) => [i.id, i.number, i.unitName])).toEqual([
        [id, 'MLS-H-2026-000001', '农机厂工会'],
        [second, 'MLS-H-2026-000002', '髯翁社区第一小组'],
      ])
      expect(JSON.stringify(a)).not.toContain('张小明')
      const first = await list('o-caseworker', { pageSize: 1 })
      expect(first).toMatchObject({ total: 2, items: [{ id }], nextCursor: expect.any(String) })
      expect(await list('o-caseworker', { pageSize: 1, cursor: first.nextCursor })).toMatchObject({ total: 2, items: [{ id: second }], nextCursor: null })
      // A cursor holds its filter: another status's is refused.
      expect(await f.hh('o-caseworker', 'list', { status: 'deregistered', cursor: first.nextCursor })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cursor' } })
      expect((await list('o-caseworker', { unitId: 'unit-a2' })).items.map((i) => i.id)).toEqual([second])
      expect(await f.hh('o-caseworker', 'list', { unitId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })
      expect((await list('o-caseworker', { status: 'deregistered' })).total).toBe(0)
      expect((await list('o-caseworker', { search: 'MLS-H-2026-000002' })).items.map((i) => i.id)).toEqual([second])
      expect((await list('o-caseworker', { search: '张小明' })).total).toBe(2)
      expect((await list('o-caseworker', { search: 'MLS-H-2026-000003' })).total).toBe(0)
      // A cadre of unit-b sees unit-b's households only; the city sees all.
      expect((await list('o-b-staff')).items.map((i) => i.id)).toEqual([inB])
      expect(await f.hh('o-b-staff', 'get', { householdId: second })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect((await list('o-city-admin')).total).toBe(3)
      expect(await f.hh('w-anyone', 'list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('measures', () => {
    it('adds a measure and follows it to done with its outcome, at the version the caller saw', async () => {
      const added = await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'schooling', description: '子女助学金申请' })
      expect(added.measures).toEqual([expect.objectContaining({ kind: 'schooling', status: 'planned', outcome: '', createdBy: 'o-caseworker', createdByName: '李娟', version: 1 })])
      expect(added.measures[0]).not.toHaveProperty('unitId')
      expect(added.actions).toContain('updateMeasure')
      const measureId = added.measures[0].id
      const update = (over: Record<string, unknown>) => f.hh('o-reviewer', 'updateMeasure', { householdId: id, measureId, expectedVersion: 1, status: 'in-progress', outcome: '', ...over })
      expect(await update({ status: 'done' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'outcome' } })
      expect(await update({})).toMatchObject({ ok: true, data: { measures: [{ status: 'in-progress', version: 2 }] } })
      expect(await update({ status: 'done', outcome: '已发放助学金' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '帮扶措施已被他人更新，请刷新后再操作' } })
      expect(await update({ expectedVersion: 2, status: 'done', outcome: '已发放助学金' })).toMatchObject({ ok: true, data: { measures: [{ status: 'done', outcome: '已发放助学金' }] } })
      const other = (await f.file()).id
      expect(await f.hh('o-caseworker', 'updateMeasure', { householdId: other, measureId, expectedVersion: 3, status: 'done', outcome: '已发放助学金' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'measureId' } })
      expect((await audits('household.measure.update')).map((e) => e.detail)).toEqual([
        { measureId, from: 'planned', to: 'in-progress' },
        { measureId, from: 'in-progress', to: 'done' },
      ])
      expect(JSON.stringify(await audits('household.measure.add'))).not.toContain('助学金')
    })

    it('is for caseworkers and reviewers of the jurisdiction, on filed households', async () => {
      const input = { householdId: id, kind: 'legal', description: '劳动争议法律援助' }
      expect(await f.hh('o-town-admin', 'addMeasure', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await f.hh('o-b-staff', 'addMeasure', input)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await f.hh('o-caseworker', 'addMeasure', { ...input, kind: 'magic' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'kind' } })
    })
  })

  describe('the contact log', () => {
    const contact = (over: Record<string, unknown> = {}) => ({ householdId: id, kind: 'visit', on: '2026-03-07', notes: '入户走访，了解就医情况', nextStep: '下月电话回访', ...over })

    it('logs a contact, keeps the latest day on the file, and clears the overdue flag', async () => {
      f.clock.advance(91 * DAY) // 2026-06-06: 91 days since filing, over the default 90.
      const overdue = await f.ok<CursorPage<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true })
      expect(overdue.items.map((i) => [i.id, i.contactOverdue])).toEqual([[id, true]])
      expect((await f.ok('o-caseworker', 'get', { householdId: id })).contactOverdue).toBe(true)

      const before = await version()
      const logged = await f.ok('o-caseworker', 'addContact', contact({ on: '2026-06-05' }))
      expect(logged).toMatchObject({ lastContactOn: '2026-06-05', contactOverdue: false, contacts: [{ kind: 'visit', on: '2026-06-05', by: 'o-caseworker', byName: '李娟', notes: '入户走访，了解就医情况' }] })
      expect(logged.contacts[0]).not.toHaveProperty('unitId')
      expect(logged.version).toBe(before + 1)
      expect((await f.ok<CursorPage<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true })).total).toBe(0)

      // A contact logged late for an earlier day goes in the log but not on the file.
      const late = await f.ok('o-reviewer', 'addContact', contact({ on: '2026-04-01', kind: 'phone' }))
      expect(late).toMatchObject({ lastContactOn: '2026-06-05', version: before + 1 })
      expect(late.contacts.map((c) => c.on)).toEqual(['2026-06-05', '2026-04-01'])
      expect((await audits('household.contact.add')).map((e) => e.detail.kind)).toEqual(['visit', 'phone'])
      expect(JSON.stringify(await audits('household.contact.add'))).not.toContain('走访')

      f.clock.advance(91 * DAY)
      expect((await f.ok<CursorPage<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true, search: 'MLS-H-2026-000001' })).total).toBe(1)
    })

    it('uses the unit policy for overdue days', async () => {
      const policy = (await f.deps.store.repos.policies.get('unit-root'))!
      await f.deps.store.repos.policies.put({ ...policy, unitId: 'unit-a', contactOverdueDays: 30 })
      f.clock.advance(31 * DAY)
      expect((await f.ok('o-caseworker', 'get', { householdId: id })).contactOverdue).toBe(true)
      await f.ok('o-caseworker', 'addContact', contact({ on: '2026-04-07' }))
      expect((await f.ok('o-caseworker', 'get', { householdId: id })).contactOverdue).toBe(false)
    })

    it('refuses a day after today or before the filing, naming the field', async () => {
      expect(await f.hh('o-caseworker', 'addContact', contact({ on: '2026-03-08' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'on', message: '联系日期不能晚于今天' } })
      expect(await f.hh('o-caseworker', 'addContact', contact({ on: '2026-03-01' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'on', message: '联系日期不能早于建档日期（2026-03-07）' } })
      expect(await f.hh('o-caseworker', 'addContact', contact({ notes: '' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'notes' } })
      expect(await f.hh('o-town-admin', 'addContact', contact())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect((await f.record(id)).lastContactOn).toBeNull()
    })
  })

  describe('paired cadres', () => {
    it('pairs and unpairs staff covering the household, at the version the caller saw', async () => {
      const assign = async (openid: string, cadreOpenid: string, expectedVersion?: number) =>
        f.hh(openid, 'assignCadre', { householdId: id, expectedVersion: expectedVersion ?? (await version()), cadreOpenid })
      const paired = await assign('o-reviewer', 'o-caseworker')
      expect(paired).toMatchObject({ ok: true, data: { cadres: [{ openid: 'o-caseworker', name: '李娟' }], actions: expect.arrayContaining(['removeCadre']) } })
      expect(await assign('o-town-admin', 'o-caseworker')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该干部已与这户家庭结对' } })
      expect(await assign('o-town-admin', 'o-caseworker-2', 1)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '档案已被他人更新，请刷新后再操作' } })
      expect(await assign('o-town-admin', 'o-caseworker-2')).toMatchObject({ ok: true, data: { cadres: [{ openid: 'o-caseworker' }, { openid: 'o-caseworker-2', name: '刘洋' }] } })
      // Not covering the household (another town, a sibling unit), not a case role, not on staff.
      await f.deps.store.repos.staff.put({ openid: 'o-a2-cw', displayName: '社区干部', unitId: 'unit-a2', roles: ['caseworker'], active: true })
      for (const cadre of ['o-b-staff', 'o-a2-cw', 'o-town-admin', 'o-nobody']) {
        expect(await assign('o-reviewer', cadre)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cadreOpenid' } })
      }
      expect(await assign('o-caseworker', 'o-reviewer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await assign('o-b-admin', 'o-reviewer')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

      const removed = await f.ok('o-reviewer', 'removeCadre', { householdId: id, expectedVersion: await version(), cadreOpenid: 'o-caseworker', note: '工作调动' })
      expect(removed.cadres).toEqual([{ openid: 'o-caseworker-2', name: '刘洋' }])
      expect(removed.history.map((h) => h.kind)).toEqual(['filed', 'cadre-assigned', 'cadre-assigned', 'cadre-removed'])
      expect(await f.hh('o-reviewer', 'removeCadre', { householdId: id, expectedVersion: await version(), cadreOpenid: 'o-caseworker', note: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该干部未与这户家庭结对' } })
      expect((await f.record(id)).cadres).toEqual([{ openid: 'o-caseworker-2', name: '刘洋' }])
      expect((await audits('household.cadre.remove')).map((e) => e.detail)).toEqual([{ cadreOpenid: 'o-caseworker' }])
      expect(JSON.stringify(await audits('household.cadre.remove'))).not.toContain('工作调动')
    })

    it('offers the people the pickers may choose: of the jurisdiction, or covering the household', async () => {
      const choices = async (openid: string, input: Record<string, unknown>) => (await f.ok<{ items: { openid: string; unitName: string }[] }>(openid, 'staffChoices', input)).items.map((s) => s.openid).sort()
      expect(await choices('o-reviewer', { role: 'reviewer' })).toEqual(['o-reviewer'])
      expect(await choices('o-reviewer', {})).toEqual(['o-caseworker', 'o-caseworker-2', 'o-reviewer'])
      expect(await choices('o-caseworker', { role: 'reviewer', householdId: id })).toEqual(['o-city-admin', 'o-reviewer'])
      expect(await choices('o-town-admin', { role: 'caseworker', householdId: id })).toEqual(['o-caseworker', 'o-caseworker-2'])
      expect(await f.hh('o-b-staff', 'staffChoices', { householdId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await f.hh('w-anyone', 'staffChoices', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('deregistration', () => {
    const propose = async (openid: string, over: Record<string, unknown> = {}) =>
      f.hh(openid, 'proposeDeregistration', { householdId: id, expectedVersion: await version(), reason: 'income-above-line', text: '', evidenceIds: [await f.evidence(openid, id).catch(() => 'ev-none')], ...over })
    const decide = async (openid: string, over: Record<string, unknown> = {}) =>
      f.hh(openid, 'decideDeregistration', { householdId: id, expectedVersion: await version(), approve: true, note: '', ...over })

    it('is proposed, declined with a note, proposed again and approved by another reviewer; the worker may apply again', async () => {
      expect(await propose('o-caseworker', { reason: 'other' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } })
      expect(await propose('o-caseworker', { expectedVersion: 99 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      const proposed = await propose('o-caseworker')
      expect(proposed).toMatchObject({ ok: true, data: { deregistrationPending: true, status: 'filed' } })
      expect(proposed.ok && proposed.data.actions).not.toContain('proposeDeregistration')
      expect(proposed.ok && proposed.data.actions).not.toContain('decideDeregistration')
      expect((await f.ok('o-reviewer', 'get', { householdId: id })).actions).toContain('decideDeregistration')
      expect(await propose('o-reviewer')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该家庭已有待审批的注销申请' } })
      expect(await decide('o-caseworker')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await decide('o-reviewer', { approve: false })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'note' } })
      expect(await decide('o-reviewer', { approve: false, note: '收入尚不稳定，继续帮扶' })).toMatchObject({ ok: true, data: { status: 'filed', deregistrationPending: false } })
      expect(await decide('o-reviewer')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该家庭没有待审批的注销申请' } })

      // A reviewer may not decide their own proposal.
      await propose('o-reviewer', { reason: 'stable-employment' })
      expect(await decide('o-reviewer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能审批自己提出的注销申请，请由另一位审核人员审批' } })
      expect((await f.ok('o-reviewer', 'get', { householdId: id })).actions).not.toContain('decideDeregistration')
      const done = await decide('o-city-admin', { note: '同意注销' })
      expect(done).toMatchObject({ ok: true, data: { status: 'deregistered', deregistrationPending: false, contactOverdue: false, actions: [] } })
      const rec = await f.record(id)
      expect(rec.status).toBe('deregistered')
      expect(rec.history.map((h) => h.kind)).toEqual(['filed', 'deregistration-proposed', 'deregistration-declined', 'deregistration-proposed', 'deregistered'])
      expect(rec.history[4]).toMatchObject({ kind: 'deregistered', reason: 'stable-employment', by: 'o-city-admin', byName: '赵强', note: '同意注销' })
      expect((await audits('household.deregister')).map((e) => [e.actor, e.detail.reason, e.detail.status])).toEqual([['o-city-admin', 'stable-employment', 'deregistered']])
      expect((await audits('household.deregistration.decline'))).toHaveLength(1)
      expect(JSON.stringify(await f.deps.store.repos.audit.list(null, 1000))).not.toMatch(/同意注销|继续帮扶/)
      expect((await f.ok<CursorPage<HouseholdItem>>('o-caseworker', 'list', { status: 'deregistered' })).items.map((i) => i.id)).toEqual([id])
      // No more measures, contacts or proposals on a deregistered file.
      expect(await f.hh('o-caseworker', 'addMeasure', { householdId: id, kind: 'other', description: '回访' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await propose('o-caseworker')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })

    it('tells the approvers a proposal waits for them, and ends the running measures with the deregistration', async () => {
      const planned = await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'schooling', description: '子女助学金申请' })
      await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'legal', description: '劳动争议法律援助', status: 'in-progress' })
      const doneId = (await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'medical', description: '医疗救助', status: 'done', outcome: '已报销' })).measures.find((m) => m.kind === 'medical')!.id
      expect(planned.measures).toHaveLength(1)
      await propose('o-caseworker')
      const inbox = await f.deps.store.repos.messages.listFor('o-reviewer', { offset: 0, limit: 10 })
      expect(inbox.items).toEqual([expect.objectContaining({ title: '脱困注销待您审批', body: expect.stringMatching(/^李娟提出注销建档家庭 MLS-H-\d{4}-\d{6}（张\*明），请在该户档案中审批。$/), readAt: null })])
      expect((await f.deps.store.repos.messages.listFor('o-caseworker', { offset: 0, limit: 10 })).total).toBe(0)
      const done = await decide('o-reviewer')
      expect(done.ok && done.data.measures.map((m) => [m.kind, m.status]).sort()).toEqual([['legal', 'ended'], ['medical', 'done'], ['schooling', 'ended']])
      expect(done.ok && done.data.measures.find((m) => m.id === doneId)).toMatchObject({ version: 1, outcome: '已报销' })
      expect((await audits('household.deregister')).map((e) => e.detail.measuresEnded)).toEqual([2])
      // Staff never choose 已结束 themselves.
      const measureId = done.ok ? done.data.measures.find((m) => m.kind === 'legal')!.id : ''
      expect(await f.hh('o-caseworker', 'updateMeasure', { householdId: id, measureId, expectedVersion: 2, status: 'ended', outcome: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'status' } })
      // An ended measure takes no more progress.
      expect(await f.hh('o-caseworker', 'updateMeasure', { householdId: id, measureId, expectedVersion: 2, status: 'done', outcome: '已结案' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该措施已随家庭脱困注销结束，不能再更新' } })
    })

    it('lets the worker apply again after deregistration, and filing brings the same file back with its history', async () => {
      const { id: hid, worker, idNumber } = await f.file()
      id = hid
      await propose('o-caseworker')
      await decide('o-reviewer')
      const again = await f.submit(worker, 'unit-a1', { idNumber, memberIds: [] })
      const filed = await f.walkTo(again, 'filed')
      expect(filed.householdId).toBe(hid)
      const rec = await f.record(hid)
      expect(rec).toMatchObject({ status: 'filed', version: expect.any(Number) })
      expect(rec.history.map((h) => h.kind)).toEqual(['filed', 'deregistration-proposed', 'deregistered', 'refiled'])
      expect((await f.ok('o-caseworker', 'get', { householdId: hid })).actions).toContain('proposeDeregistration')
    })
  })
})
