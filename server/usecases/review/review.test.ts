import { findAuditBreak } from '../shared/audit-check'
import { endNotices } from './notices'
import { addVisitPhoto } from './visit'
import { resolveActor } from '../shared/actor'
import { DAY, JPEG, reviewFixture, visitInput, type ReviewFixture } from '../../../test/support/review'
import { submission } from '../../../test/support/forms'

describe('the review of a case, stage by stage (SQLite, through the event contract)', () => {
  let f: ReviewFixture
  beforeEach(async () => (f = await reviewFixture()))
  afterEach(() => f.close())

  const repos = () => f.deps.store.repos

  it('walks a case from submitted to filed: each stage its record, the deadline, the notice, the household', async () => {
    const id = await f.submit()
    const submitted = await f.view('o-caseworker', id)
    expect(submitted.actions).toEqual(['startScreening'])
    // Policy: 5 working days for 待初审: submitted on Monday 2 March, due by the end of Monday 9 March (Shanghai).
    expect(submitted.dueAt).toBe('2026-03-09T15:59:59.999Z')

    const screening = await f.walkTo(id, 'screening')
    expect(screening.actions).toEqual(['acceptScreening', 'returnToWorker', 'reject'])
    const visiting = await f.act('o-caseworker', 'acceptScreening', id, { note: '材料齐全' })
    expect(visiting).toMatchObject({ ok: true, data: { application: { status: 'visiting' }, actions: ['reject', 'recordVisit'] } })

    const photo = await addVisitPhoto(f.deps, await resolveActor(repos(), 'o-caseworker'), { id, fileName: '走访.jpg', bytes: JPEG })
    const visited = await f.act('o-caseworker', 'recordVisit', id, visitInput({ photoIds: [photo.id] }))
    expect(visited.ok && visited.data.application.status).toBe('verifying')
    // The caseworker cannot take the reviewer's steps; the reviewer can.
    expect((await f.view('o-caseworker', id)).actions).toEqual([])
    expect((await f.view('o-reviewer', id)).actions).toEqual(['reject', 'recordFinanceCheck'])

    const checked = await f.act('o-reviewer', 'recordFinanceCheck', id, { result: 'differs', verified: { householdSize: 3, annualIncomeFen: 1_800_000, rigidExpensesFen: 300_000 } })
    expect(checked.ok && checked.data).toMatchObject({ application: { status: 'verifying' }, actions: ['reject', 'recordFinanceCheck', 'startNotice'] })
    // (18,000 − 3,000) ÷ 12 ÷ 3 = 416.66 yuan, below the 780 yuan line.
    expect(checked.ok && checked.data.proposed).toMatchObject({ category: 'deep', perCapitaMonthlyFen: 41666 })

    const notice = await f.act('o-reviewer', 'startNotice', id)
    expect(notice.ok && notice.data).toMatchObject({ application: { status: 'publicizing' }, notice: { running: true, ended: false }, actions: ['reject', 'recordObjection'] })
    const early = await f.act('o-reviewer', 'approveAndFile', id, { category: 'deep' })
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!early.ok && early.error.message).toMatch(/公示期未满/)

    const board = await f.call('w9', 'review', 'notices', {})
    expect(board).toMatchObject({ ok: true, data: { total: 1, items: [{ nameMasked: '张*明', unitName: '农机厂工会', category: 'deep' }] } })
    expect(JSON.stringify(board)).not.toContain('张小明')

    f.clock.advance(5 * DAY + 1000)
    expect(await endNotices(f.deps)).toBe(1)
    expect(await endNotices(f.deps)).toBe(0)
    const over = await f.view('o-reviewer', id)
    expect(over.notice).toMatchObject({ ended: true, endRecorded: true })
    expect(over.actions).toEqual(['reject', 'approveAndFile'])

    const filed = await f.act('o-reviewer', 'approveAndFile', id, { category: 'deep', note: '同意建档' })
    expect(filed.ok).toBe(true)
    if (!filed.ok) return
    expect(filed.data.application.status).toBe('filed')
    expect(filed.data.review.map((e) => e.kind)).toEqual(['screening-started', 'accepted', 'visit', 'finance', 'notice-started', 'notice-ended', 'filed'])
    const household = await repos().households.get(filed.data.householdId!)
    expect(household).toMatchObject({ status: 'filed', category: 'deep', unitId: 'unit-a1', headName: '张小明', memberCount: 3, applicationIds: [id], number: 'MLS-H-2026-000001' })
    expect(household!.history.map((h) => h.kind)).toEqual(['filed'])
    // The file shows the family members of the filing form, masked.
    const file = await f.call('o-caseworker', 'households', 'get', { householdId: household!.id })
    expect(file).toMatchObject({ ok: true, data: { members: [{ nameMasked: '李*红', relation: 'spouse', idNumberMasked: '5325**********0022', health: 'healthy', occupation: '无业' }] } })
    expect(JSON.stringify(file)).not.toMatch(/李小红|532504198503150022|张小明/)

    const mine = await f.call('w1', 'applicant', 'getMine', { id })
    expect(mine).toMatchObject({ ok: true, data: { status: 'filed' } })
    const inbox = await f.call('w1', 'account', 'messages', {})
    expect(inbox.ok && (inbox.data as { items: { title: string }[] }).items[0].title).toMatch(/已建档/)
    expect(await findAuditBreak(repos(), f.deps.cipher)).toBeNull()
    const events = await repos().audit.list(null, 100)
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['application.recordVisit', 'application.noticeEnded', 'application.approveAndFile', 'household.file', 'application.visitPhoto.add']))
    // No free text and no sensitive value in the audit log.
    expect(JSON.stringify(events)).not.toMatch(/张小明|532504199001011238|同意建档|髯翁社区3栋/)
  })

  it('returns a case to the worker naming the fields and why; the worker sees them', async () => {
    const id = await f.submit()
    await f.walkTo(id, 'screening')
    const bad = await f.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['members.3.idNumber'], reason: '请补充' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fieldsToFix' } })
    const unknown = await f.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['nonsense.field'], reason: '请补充' })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fieldsToFix.0', message: '要修改的项目不正确' } })
    const r = await f.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['members.0.idNumber', 'documents'], reason: '配偶身份证号与户口本不一致，并补充收入证明' })
    expect(r).toMatchObject({ ok: true, data: { application: { status: 'returned' }, actions: [] } })
    const mine = await f.call('w1', 'applicant', 'getMine', { id })
    expect(mine).toMatchObject({ ok: true, data: { status: 'returned', fieldsToFix: ['members.0.idNumber', 'documents'] } })
    const draft = await f.call('w1', 'applicant', 'getDraft', {})
    expect(draft).toMatchObject({ ok: true, data: { draft: { returnNote: '配偶身份证号与户口本不一致，并补充收入证明' } } })
  })

  it('says whose turn it is at each stage: the stage, who acts next by role and name, and what the viewer can do meanwhile', async () => {
    const id = await f.submit()
    expect((await f.view('o-caseworker', id)).turn).toMatchObject({ stage: '已提交', actor: 'caseworker', task: '开始初审', names: ['您', '刘洋'], meanwhile: '请您办理：开始初审' })
    await f.walkTo(id, 'verifying')
    const seen = await f.view('o-caseworker', id)
    expect(seen.actions).toEqual([])
    expect(seen.turn).toMatchObject({ stage: '民政核对', actor: 'reviewer', task: '录入民政核对结果', names: ['赵强', '周敏'] })
    expect(seen.turn.meanwhile).toBe('您现在可以：查看材料和办理记录，需要时电话联系申请人；帮扶中心审核人员办理后本页会更新')
    expect((await f.view('o-reviewer', id)).turn).toMatchObject({ names: ['您', '赵强'], meanwhile: '请您办理：录入民政核对结果' })
    await f.act('o-reviewer', 'recordFinanceCheck', id, { result: 'confirmed' })
    expect((await f.view('o-caseworker', id)).turn).toMatchObject({ actor: 'reviewer', task: '开始公示' })
    await f.act('o-reviewer', 'startNotice', id)
    expect((await f.view('o-caseworker', id)).turn).toMatchObject({ stage: '公示中', actor: 'timer', task: expect.stringMatching(/^公示至 2026年3月\d+日，期满无异议后由审核人员审批建档$/) })
  })

  it('a resubmission leaves an entry in the record and shows what changed field by field, members by name; 开始初审 is recorded', async () => {
    const id = await f.submit()
    const started = await f.walkTo(id, 'screening')
    expect(started.review).toMatchObject([{ kind: 'screening-started', byName: '李娟' }])
    await f.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['members.0.idNumber', 'finances.annualIncome'], reason: '配偶身份证号与户口本不一致' })
    const fixed = submission({ memberIds: ['11010519491231002X', '532504200501010018'] })
    fixed.form.finances.annualIncome = '20000'
    fixed.form.applicant.unitId = 'unit-a1'
    const version = (await repos().applications.get(id))!.version
    expect(await f.call('w1', 'applicant', 'resubmit', { ...fixed, id, expectedVersion: version })).toMatchObject({ ok: true, data: { status: 'submitted' } })
    const c = await f.view('o-caseworker', id)
    const entry = c.review[c.review.length - 1]
    expect(entry).toMatchObject({ kind: 'resubmitted', byName: '申请人 张小明' })
    const changes = c.changes[entry.id]
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'finances.annualIncome', name: '家庭年收入', before: '24,000 元', after: '20,000 元' },
        { path: 'members.0.idNumber', name: '李小红 身份证号', before: '5325**********0022', after: '1101**********002X' },
        { path: 'members.1', name: '家庭成员 张小二', before: '', after: '新增' },
      ]),
    )
    expect(changes.some((ch) => /members\.\d\.|idNumber|annualIncome/.test(ch.name))).toBe(false)
    expect(JSON.stringify(c.changes)).not.toMatch(/532504198503150022|11010519491231002X/)
  })

  it('rejects with a reason code at screening (caseworker) and at review (reviewer only); the worker may apply again', async () => {
    const id = await f.submit()
    await f.walkTo(id, 'screening')
    expect(await f.act('o-caseworker', 'reject', id, { reasonCode: 'other', text: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } })
    const r = await f.act('o-caseworker', 'reject', id, { reasonCode: 'income-above-line', text: '' })
    expect(r).toMatchObject({ ok: true, data: { application: { status: 'rejected' }, review: [{ kind: 'screening-started' }, { kind: 'rejected', stage: 'screening', reasonCode: 'income-above-line' }] } })
    const again = await f.submit()
    await f.walkTo(again, 'verifying')
    expect(await f.act('o-caseworker', 'reject', again, { reasonCode: 'income-above-line', text: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.act('o-reviewer', 'reject', again, { reasonCode: 'false-information', text: '隐瞒经营收入' })).toMatchObject({ ok: true, data: { application: { status: 'rejected' } } })
  })

  it('checks a visit: two staff, six findings, the authorization, a date not in the future, photos of this case', async () => {
    const id = await f.submit()
    await f.walkTo(id, 'visiting')
    expect(await f.act('o-caseworker', 'recordVisit', id, visitInput({ staffPresent: ['李娟'] }))).toMatchObject({ ok: false, error: { field: 'staffPresent', message: '入户调查至少需要2名工作人员' } })
    expect(await f.act('o-caseworker', 'recordVisit', id, visitInput({ staffPresent: ['李娟', '李娟'] }))).toMatchObject({ ok: false, error: { field: 'staffPresent' } })
    expect(await f.act('o-caseworker', 'recordVisit', id, visitInput({ authorizationCollected: false }))).toMatchObject({ ok: false, error: { field: 'authorizationCollected' } })
    expect(await f.act('o-caseworker', 'recordVisit', id, visitInput({ findings: { household: '有' } }))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await f.act('o-caseworker', 'recordVisit', id, visitInput({ date: '2026-03-09' }))).toMatchObject({ ok: false, error: { field: 'date', message: '走访日期不能晚于今天' } })
    expect(await f.act('o-caseworker', 'recordVisit', id, visitInput({ photoIds: ['someone-elses'] }))).toMatchObject({ ok: false, error: { field: 'photoIds' } })
    const pdf = new TextEncoder().encode('%PDF-1.4 x')
    await expect(addVisitPhoto(f.deps, await resolveActor(repos(), 'o-caseworker'), { id, fileName: 'a.pdf', bytes: pdf })).rejects.toMatchObject({ code: 'VALIDATION' })
    expect((await repos().applications.get(id))!.status).toBe('visiting')
  })

  it('an objection stops the notice and sends the case back; the finance check is needed again before a new notice', async () => {
    const id = await f.submit()
    await f.walkTo(id, 'publicizing')
    const r = await f.act('o-reviewer', 'recordObjection', id, { text: '有群众反映申请人家中经营小卖部' })
    expect(r).toMatchObject({ ok: true, data: { application: { status: 'verifying' }, notice: { running: false }, actions: ['reject', 'recordFinanceCheck'] } })
    expect(await f.act('o-reviewer', 'startNotice', id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const mine = await f.call('w1', 'applicant', 'getMine', { id })
    expect(JSON.stringify(mine)).not.toContain('小卖部')
    f.clock.advance(6 * DAY)
    expect(await endNotices(f.deps)).toBe(0)
    expect(await f.act('o-reviewer', 'approveAndFile', id, { category: 'deep' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('files a deregistered household again under its old file, keeping its history; a filed one takes no new application', async () => {
    const first = await f.submit()
    const c = await f.walkTo(first, 'filed')
    const household = await repos().households.get(c.householdId!)
    await repos().households.update({ ...household!, status: 'deregistered', version: household!.version + 1 }, household!.version)
    const second = await f.submit()
    const again = await f.walkTo(second, 'filed')
    expect(again.householdId).toBe(c.householdId)
    const refiled = await repos().households.get(c.householdId!)
    expect(refiled).toMatchObject({ status: 'filed', applicationIds: [first, second] })
    expect(refiled!.history.map((h) => h.kind)).toEqual(['filed', 'refiled'])

    // On file again: a new application of the same person is refused at once.
    await expect(f.submit()).rejects.toThrow('CONFLICT 您的家庭已建档，工会正在为您提供帮扶，无需重复申请')
  })

  it('refuses a decision on a stale version and does not decide twice for one request id', async () => {
    const id = await f.submit()
    await f.walkTo(id, 'screening')
    expect(await f.act('o-caseworker', 'acceptScreening', id, { expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '案件已被他人处理，请刷新后再操作' } })
    const version = (await repos().applications.get(id))!.version
    const call = () => f.deps.store.repos && f.call('o-caseworker', 'review', 'acceptScreening', { id, expectedVersion: version })
    const req = { action: 'acceptScreening', input: { id, expectedVersion: version }, requestId: 'retry-0001-abcd' }
    const { handle } = await import('../../functions')
    const a = await handle('review', req, { openid: 'o-caseworker' }, f.deps)
    const b = await handle('review', req, { openid: 'o-caseworker' }, f.deps)
    expect(a).toMatchObject({ ok: true, data: { application: { status: 'visiting', version: version + 1 } } })
    expect(b).toMatchObject({ ok: true, data: { application: { status: 'visiting', version: version + 1 } } })
    expect(await call()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const audits = (await repos().audit.list(null, 100)).filter((e) => e.action === 'application.acceptScreening')
    expect(audits).toHaveLength(1)
  })

  it('reveals a full value only on request, and audits it; the case page masks it', async () => {
    const id = await f.submit()
    const c = await f.view('o-caseworker', id)
    expect(c.application.idNumberMasked).toBe('5325**********1238')
    expect(JSON.stringify(c)).not.toContain('532504199001011238')
    expect(JSON.stringify(c)).not.toContain('6228480123456789012')
    expect(await f.call('o-caseworker', 'review', 'reveal', { id, field: 'applicant.idNumber' })).toEqual({ ok: true, data: { field: 'applicant.idNumber', value: '532504199001011238' } })
    expect(await f.call('o-caseworker', 'review', 'reveal', { id, field: 'bank.accountNumber' })).toMatchObject({ ok: true, data: { value: '6228480123456789012' } })
    expect(await f.call('o-caseworker', 'review', 'reveal', { id, field: 'members.0.idNumber' })).toMatchObject({ ok: true, data: { value: '532504198503150022' } })
    expect(await f.call('o-caseworker', 'review', 'reveal', { id, field: 'members.5.idNumber' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await f.call('o-caseworker', 'review', 'reveal', { id, field: 'description' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'field' } })
    expect(await f.call('o-b-staff', 'review', 'reveal', { id, field: 'applicant.idNumber' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const reveals = (await repos().audit.list(null, 100)).filter((e) => e.action === 'application.reveal')
    expect(reveals.map((e) => [e.actor, e.detail.field])).toEqual([
      ['o-caseworker', 'applicant.idNumber'],
      ['o-caseworker', 'bank.accountNumber'],
      ['o-caseworker', 'members.0.idNumber'],
    ])
  })
})

describe('the queue', () => {
  let f: ReviewFixture
  beforeEach(async () => (f = await reviewFixture()))
  afterEach(() => f.close())

  it('shows a stage of the jurisdiction, overdue first, with counts; searches by number and full name', async () => {
    const a = await f.submit('w1', 'unit-a1')
    f.clock.advance(DAY)
    const b = await f.submit('w2', 'unit-a2x', { idNumber: '11010519491231002X', name: '王大力', memberIds: ['532504200501010018'] })
    await f.submit('w3', 'unit-b1', { idNumber: '532504197512120015', name: '赵四', memberIds: ['532504201003030029'] })
    await f.walkTo(b, 'screening')
    f.clock.advance(15 * DAY) // b (screening, 10 working days) and a (submitted, 5 working days) are overdue now

    const q = await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted' })
    expect(q).toMatchObject({
      ok: true,
      data: {
        total: 1,
        items: [{ id: a, nameMasked: '张*明', unitName: '农机厂工会', overdue: true }],
        counts: { submitted: { total: 1, overdue: 1 }, screening: { total: 1, overdue: 1 }, visiting: { total: 0, overdue: 0 } },
      },
    })
    const other = await f.call('o-b-staff', 'review', 'queue', { stage: 'submitted' })
    expect(other).toMatchObject({ ok: true, data: { total: 1, items: [{ nameMasked: '赵*' }] } })
    const city = await f.call('o-city-admin', 'review', 'queue', { stage: 'submitted' })
    expect(city).toMatchObject({ ok: true, data: { total: 2, counts: { submitted: { total: 2 } } } })

    const number = (await f.deps.store.repos.applications.get(b))!.number
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', search: number })).toMatchObject({ ok: true, data: { total: 1, items: [{ id: b, status: 'screening' }] } })
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', search: '王大力' })).toMatchObject({ ok: true, data: { total: 1, items: [{ id: b }] } })
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', search: '赵四' })).toMatchObject({ ok: true, data: { total: 0 } })
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', search: '王' })).toMatchObject({ ok: true, data: { total: 0 } })
  })

  it('orders earlier deadlines first and cases without one last, and pages', async () => {
    const ids: string[] = []
    const people = ['532504199001011238', '11010519491231002X', '532504197512120015'] as const
    for (const [i, idNumber] of people.entries()) {
      ids.push(await f.submit(`w${i}`, 'unit-a1', { idNumber, name: `张${'一二三'[i]}`, memberIds: [['532504200501010018', '532504201003030029', '532504201206060041'][i]] }))
      f.clock.advance(DAY)
    }
    const page1 = await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', pageSize: 2 })
    const cursor = page1.ok ? (page1.data as { nextCursor: string | null }).nextCursor : null
    expect(cursor).toEqual(expect.any(String))
    const page2 = await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', pageSize: 2, cursor })
    expect(page2).toMatchObject({ ok: true, data: { total: 3, nextCursor: null, counts: { submitted: { total: 3 } } } })
    const got = [page1, page2].flatMap((p) => (p.ok ? (p.data as { items: { id: string }[] }).items.map((i) => i.id) : []))
    expect(got).toEqual(ids)
    // A cursor is the server's: made up, or from another stage, it is refused with a plain message.
    const refused = { ok: false, error: { code: 'VALIDATION', field: 'cursor', message: expect.stringContaining('翻页位置') } }
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', cursor: 'bm90LWpzb24' })).toMatchObject(refused)
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'screening', cursor })).toMatchObject(refused)
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', cursor: 'a b' })).toMatchObject(refused)
    expect(await f.call('o-caseworker', 'review', 'queue', { stage: 'submitted', page: 2 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})
