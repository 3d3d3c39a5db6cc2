/**
 * 户户清 through the `households` function, as staff would use it: an admin opens a campaign (only
 * for units of their jurisdiction), caseworkers confirm the six items and set the outcome (keep, or
 * propose deregistration, which opens the proposal on the file for a reviewer to decide), progress
 * per unit, the lists, and a closed campaign that takes no more writes. Every write audited.
 */
import { addDays } from '../../src/domain/calendar'
import { shanghaiDate } from '../../src/domain'
import type { CampaignItem, CampaignView, CheckView, HouseholdView } from '../../src/domain/api/households'
import type { CursorPage } from '../../src/domain/api/applicant'
import type { Campaign } from '../../src/domain/campaign'
import { pendingDeregistration } from '../../src/domain/household'
import { SIX_ITEM_CODES } from '../../src/domain/review'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { DAY, JPEG } from '../support/review'
import { handleUpload } from '../../server/functions/upload'

const KEEP = { kind: 'keep', difficulties: [{ group: 'medical', task: '协助申请大病医疗救助' }] }
const PROPOSE = { kind: 'propose-deregistration', reason: 'stable-employment', text: '', evidenceIds: [] }

describe('the 户户清 campaign flow', () => {
  let f: HouseholdFixture
  let h1: string
  let h2: string
  let hb: string
  let campaign: Campaign

  const confirmAll = async (openid: string, householdId: string) => {
    let view: CheckView | null = null
    for (const item of SIX_ITEM_CODES) view = await f.ok<CheckView>(openid, 'confirmItem', { campaignId: campaign.id, householdId, item, confirmed: true, note: '已入户核实' })
    return view!
  }
  const auditActions = async () => (await f.deps.store.repos.audit.list(null, 10_000)).map((e) => e.action)

  beforeAll(async () => {
    f = await householdFixture()
    h1 = (await f.file('unit-a1')).id
    h2 = (await f.file('unit-a2')).id
    hb = (await f.file('unit-b1')).id
  }, 120_000)
  afterAll(() => f.close())

  it('is opened by an admin for units of their jurisdiction only', async () => {
    const startsOn = addDays(shanghaiDate(f.clock.now()), 1)
    const input = { name: '2026年户户清专项行动', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-a', 'unit-b'] }
    expect(await f.hh('o-caseworker', 'openCampaign', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-town-admin', 'openCampaign', input)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitIds' } })
    expect(await f.hh('o-city-admin', 'openCampaign', { ...input, endsOn: addDays(startsOn, -1) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'endsOn' } })
    campaign = await f.ok<Campaign>('o-city-admin', 'openCampaign', input)
    expect(campaign).toMatchObject({ status: 'open', version: 1, unitIds: ['unit-a', 'unit-b'], createdByName: '赵强' })
    f.clock.advance(DAY)
    // A town admin opens one for their own town.
    await f.ok('o-town-admin', 'openCampaign', { ...input, name: '弥阳街道复核', unitIds: ['unit-a2'] })
  })

  it('lists it for everyone whose jurisdiction it concerns, with progress per unit', async () => {
    const city = await f.ok<CursorPage<CampaignItem>>('o-city-admin', 'campaigns', {})
    expect(city.items.map((c) => c.name).sort()).toEqual(['2026年户户清专项行动', '弥阳街道复核'])
    const b = await f.ok<CursorPage<CampaignItem>>('o-b-staff', 'campaigns', {})
    // Progress covers the whole scope, as on the campaign page.
    expect(b.items.map((c) => [c.name, c.progress.inScope])).toEqual([['2026年户户清专项行动', 3]])

    const view = await f.ok<CampaignView>('o-city-admin', 'campaign', { campaignId: campaign.id })
    expect(view.progress.byUnit).toEqual({
      'unit-a': { inScope: 2, checked: 0, kept: 0, proposedDeregistration: 0 },
      'unit-b': { inScope: 1, checked: 0, kept: 0, proposedDeregistration: 0 },
    })
    expect(view.unitNames).toEqual({ 'unit-a': '弥阳街道总工会', 'unit-b': '新哨镇总工会' })
    expect(view.households.total).toBe(3)
    // The caseworker's page holds only their jurisdiction's households, masked.
    const mine = await f.ok<CampaignView>('o-caseworker', 'campaign', { campaignId: campaign.id, pendingOnly: true })
    expect(mine.households.items.map((h) => h.householdId).sort()).toEqual([h1, h2].sort())
    expect(mine.households.items[0]).toMatchObject({ itemsConfirmed: 0, outcome: null, headNameMasked: expect.stringContaining('*') })
    expect(mine.progress.total.inScope).toBe(3)
  })

  it('records the six items, then keeps a household with its difficulties', async () => {
    const first = await f.ok<CheckView>('o-caseworker', 'check', { campaignId: campaign.id, householdId: h1 })
    expect(first).toMatchObject({ record: null, mayRecord: true })
    expect((await f.ok<CheckView>('o-town-admin', 'check', { campaignId: campaign.id, householdId: h1 })).mayRecord).toBe(false)
    expect(await f.hh('o-caseworker', 'setOutcome', { campaignId: campaign.id, householdId: h1, outcome: KEEP })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // Unclear needs a note; a retried request confirms once.
    const item = { campaignId: campaign.id, householdId: h1, item: 'household', confirmed: false, note: '' }
    expect(await f.hh('o-caseworker', 'confirmItem', item)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'note' } })
    const once = await f.hh<CheckView>('o-caseworker', 'confirmItem', { ...item, note: '收入证明未提供' }, 'req-item-1')
    const again = await f.hh<CheckView>('o-caseworker', 'confirmItem', { ...item, note: '收入证明未提供' }, 'req-item-1')
    expect(once.ok && again.ok && again.data.record?.version).toBe(1)
    const done = await confirmAll('o-caseworker', h1)
    expect(done.record?.version).toBe(7)
    expect(Object.values(done.record!.items).every((i) => i?.confirmed && i.byName === '李娟')).toBe(true)
    const kept = await f.ok<CheckView>('o-caseworker', 'setOutcome', { campaignId: campaign.id, householdId: h1, outcome: KEEP })
    expect(kept).toMatchObject({ record: { outcome: KEEP, outcomeBy: 'o-caseworker', version: 8 }, mayRecord: false })
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, confirmed: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('takes an item answered 有变化 only with a note and a photo of the household, which staff of the jurisdiction view through an audited link', async () => {
    const item = { campaignId: campaign.id, householdId: h2, item: 'difficulties', confirmed: true, changed: true, note: '' }
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, note: '孩子已上大学' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'evidenceIds', message: '“当前存在困难”有变化，请至少拍一张照片作为佐证' },
    })
    const photo = await f.evidence('o-caseworker', h2)
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, evidenceIds: [photo] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'note' } })
    // A photo of another household does not back this one.
    const elsewhere = await f.evidence('o-caseworker', h1)
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, note: '孩子已上大学', evidenceIds: [elsewhere] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'evidenceIds' } })
    // Staff of another jurisdiction can neither upload for it nor see it.
    expect(await handleUpload({ purpose: 'evidence', householdId: h2, fileName: 'x.jpg' }, JPEG, { openid: 'o-b-staff' }, f.deps)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await handleUpload({ purpose: 'evidence', householdId: h2, fileName: 'x.pdf' }, new TextEncoder().encode('%PDF-1.4'), { openid: 'o-caseworker' }, f.deps)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } })
    const done = await f.ok<CheckView>('o-caseworker', 'confirmItem', { ...item, note: '孩子已上大学', evidenceIds: [photo] })
    expect(done.record?.items.difficulties).toMatchObject({ confirmed: true, changed: true, evidenceIds: [photo] })
    expect(await f.hh('o-b-staff', 'viewEvidence', { householdId: h2, evidenceId: photo })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await f.hh('o-reviewer', 'viewEvidence', { householdId: h1, evidenceId: photo })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'evidenceId' } })
    const link = await f.ok<{ url: string; contentType: string }>('o-reviewer', 'viewEvidence', { householdId: h2, evidenceId: photo })
    expect(link.contentType).toBe('image/jpeg')
    const audit = await f.deps.store.repos.audit.list(null, 10_000)
    expect(audit.filter((e) => e.action === 'household.evidence.view' && e.subject === h2 && e.actor === 'o-reviewer')).toHaveLength(1)
    const items = audit.filter((e) => e.action === 'campaign.check.item' && (e.detail as { householdId?: string }).householdId === h2)
    expect(items.map((e) => e.detail)).toEqual([expect.objectContaining({ item: 'difficulties', changed: true, evidence: 1 })])
  })

  it('takes an item kept offline with the time it was captured; one recorded meanwhile by someone else is CONFLICT, not overwritten', async () => {
    const item = { campaignId: campaign.id, householdId: h2, item: 'household', confirmed: true, note: '离线登记' }
    const capturedAt = new Date(f.clock.now().getTime() - 3_600_000).toISOString()
    const first = await f.ok<CheckView>('o-caseworker', 'confirmItem', { ...item, capturedAt, seenAt: null })
    expect(first.record?.items.household).toMatchObject({ capturedAt, note: '离线登记' })
    // A second phone that saw the item unrecorded is refused; one that saw this record goes through.
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, note: '另一部手机', seenAt: null })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const seen = first.record!.items.household!.at
    expect((await f.ok<CheckView>('o-caseworker', 'confirmItem', { ...item, note: '复核', seenAt: seen })).record?.items.household?.note).toBe('复核')
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, capturedAt: '2099-01-01T00:00:00.000Z' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'capturedAt' } })
  })

  it('proposes deregistration on the file, which a reviewer then decides on the household page', async () => {
    await confirmAll('o-reviewer', h2)
    const before = await f.record(h2)
    // Without the proof of being out of hardship it is refused, naming the field.
    expect(await f.hh('o-caseworker', 'setOutcome', { campaignId: campaign.id, householdId: h2, outcome: PROPOSE })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'outcome.evidenceIds', message: expect.stringContaining('脱困证明') } })
    const proof = await f.evidence('o-caseworker', h2)
    await f.ok<CheckView>('o-caseworker', 'setOutcome', { campaignId: campaign.id, householdId: h2, outcome: { ...PROPOSE, evidenceIds: [proof] } })
    const after = await f.record(h2)
    expect(after.version).toBe(before.version + 1)
    expect(pendingDeregistration(after.history)).toMatchObject({ kind: 'deregistration-proposed', reason: 'stable-employment', campaignId: campaign.id, by: 'o-caseworker' })
    const page = await f.ok<HouseholdView>('o-reviewer', 'get', { householdId: h2 })
    expect(page.deregistrationPending).toBe(true)
    const decided = await f.ok<HouseholdView>('o-reviewer', 'decideDeregistration', { householdId: h2, expectedVersion: after.version, approve: true, note: '' })
    expect(decided.status).toBe('deregistered')
    // Progress counts it as proposed; the caseworker's pending list is empty now.
    const view = await f.ok<CampaignView>('o-caseworker', 'campaign', { campaignId: campaign.id })
    expect(view.progress.byUnit['unit-a']).toEqual({ inScope: 2, checked: 2, kept: 1, proposedDeregistration: 1 })
    expect(view.households.items.map((h) => [h.householdId, h.itemsConfirmed, h.outcome]).sort()).toEqual(
      [[h1, 6, 'keep'], [h2, 6, 'propose-deregistration']].sort(),
    )
    expect((await f.ok<CampaignView>('o-caseworker', 'campaign', { campaignId: campaign.id, pendingOnly: true })).households.total).toBe(0)
  })

  it('keeps each household to its own jurisdiction and the campaign to its scope', async () => {
    const item = { campaignId: campaign.id, item: 'household', confirmed: true, note: '' }
    expect(await f.hh('o-b-staff', 'confirmItem', { ...item, householdId: h1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'householdId' } })
    expect(await f.hh('o-town-admin', 'confirmItem', { ...item, householdId: h1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-b-staff', 'campaign', { campaignId: (await f.ok<CursorPage<CampaignItem>>('o-town-admin', 'campaigns', {})).items.find((c) => c.name === '弥阳街道复核')!.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    // Filed after the campaign began: not in its scope.
    const late = (await f.file('unit-a1')).id
    expect(await f.hh('o-caseworker', 'confirmItem', { ...item, householdId: late })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'householdId' } })
  }, 60_000)

  it('is closed by an admin holding its whole scope, at the version seen; then refuses writes', async () => {
    expect(await f.hh('o-town-admin', 'closeCampaign', { campaignId: campaign.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-city-admin', 'closeCampaign', { campaignId: campaign.id, expectedVersion: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const closed = await f.ok<Campaign>('o-city-admin', 'closeCampaign', { campaignId: campaign.id, expectedVersion: 1 })
    expect(closed).toMatchObject({ status: 'closed', version: 2 })
    const write = await f.hh('o-b-staff', 'confirmItem', { campaignId: campaign.id, householdId: hb, item: 'household', confirmed: true, note: '' })
    expect(write).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该户户清活动已结束' } })
    expect((await f.ok<CheckView>('o-b-staff', 'check', { campaignId: campaign.id, householdId: hb })).mayRecord).toBe(false)
    const listed = (await f.ok<CursorPage<CampaignItem>>('o-city-admin', 'campaigns', {})).items.find((c) => c.id === campaign.id)
    expect(listed).toMatchObject({ status: 'closed', progress: { inScope: 3, checked: 2, kept: 1, proposedDeregistration: 1 } })
  })

  it('audited every write, with no free text, in an intact chain', async () => {
    const actions = await auditActions()
    const count = (a: string) => actions.filter((x) => x === a).length
    expect(count('campaign.open')).toBe(2)
    // The 有变化 item once among them; each evidence photo registered once.
    expect(count('campaign.check.item')).toBe(1 + 6 + 1 + 6 + 2)
    expect(count('household.evidence.add')).toBe(3)
    expect(count('campaign.check.outcome')).toBe(2)
    expect(count('household.deregistration.propose')).toBe(1)
    expect(count('campaign.close')).toBe(1)
    const events = await f.deps.store.repos.audit.list(null, 10_000)
    const text = JSON.stringify(events.filter((e) => e.action.startsWith('campaign.')))
    expect(text).not.toContain('已入户核实')
    expect(text).not.toContain('协助申请大病医疗救助')
    expect(text).not.toContain('孩子已上大学')
    expect(await findAuditBreak(f.deps.store.repos, f.deps.cipher)).toBeNull()
  })
})
