import { AppError, type Actor } from '../../../src/domain'
import { addDays, daysBetween, isCalendarDate, shanghaiDateOf } from '../../../src/domain/calendar'
import type { PersonRequestKind, PersonRequestView } from '../../../src/domain/api/admin'
import type { CursorPage } from '../../../src/domain/api/applicant'
import type { Deps, PersonRequestRecord } from '../../ports'
import { householdRoot, requireStaff } from '../households/access'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { appendAudit } from '../shared/audit'
import { unitInJurisdiction } from '../shared/jurisdiction'

/**
 * Days to answer a person's request. PIPL (art. 45-47, 50) says "promptly" (及时) and sets no
 * number; the national standard GB/T 35273-2020 (§8.7) asks for an answer within 30 days, which
 * this counts in calendar days (Asia/Shanghai) from the day the request was received.
 */
export const PERSON_REQUEST_DAYS = 30

/** Who may take and close a person's request: the aid centre and admins. */
const REQUEST_ROLES = ['reviewer', 'admin'] as const
const KINDS: readonly PersonRequestKind[] = ['copy', 'correct', 'delete', 'restrict']


const view = (rec: PersonRequestRecord, today: string, applicationNumber: string | undefined): PersonRequestView => {
  const daysLeft = daysBetween(today, rec.dueOn)
  return { ...rec, ...(applicationNumber ? { applicationNumber } : {}), daysLeft, overdue: rec.status === 'open' && daysLeft < 0 }
}

/**
 * Records a person's request about the data of an application in the actor's jurisdiction, its
 * deadline counted from today; the record and its audit event in one transaction.
 */
/** Takes the application by its number or its id. */
export async function openPersonRequest(deps: Deps, actor: Actor, input: { applicationId: string; kind: PersonRequestKind; note: string; receivedOn?: string }): Promise<PersonRequestView> {
  requireStaff(actor, REQUEST_ROLES)
  if (!KINDS.includes(input.kind)) throw new AppError('VALIDATION', '请选择请求类型：查阅复制、更正、删除或限制处理', 'kind')
  const note = input.note.trim()
  if (note.length < 2 || note.length > 500) throw new AppError('VALIDATION', '请用2到500个字写明本人的请求', 'note')
  const now = deps.clock.now()
  const today = shanghaiDateOf(now)
  const receivedOn = input.receivedOn ?? today
  // A request received by letter or in person is entered later; its deadline still runs from receipt.
  if (!isCalendarDate(receivedOn) || receivedOn > today || receivedOn < addDays(today, -PERSON_REQUEST_DAYS)) throw new AppError('VALIDATION', `收到日期应在今天和${PERSON_REQUEST_DAYS}天前之间`, 'receivedOn')
  // Staff know the application by its number (MLS-2026-000001); its id is taken too.
  const numbered = await deps.store.repos.applications.byNumber(input.applicationId.trim())
  return deps.store.transaction(async (repos) => {
    const app = await repos.applications.get(numbered?.id ?? input.applicationId)
    if (!app || !(await unitInJurisdiction(repos, actor, app.unitId))) throw new AppError('NOT_FOUND', '没有找到这份申请', 'applicationId')
    const rec: PersonRequestRecord = {
      id: deps.ids.newId(), kind: input.kind, applicationId: app.id, unitId: app.unitId, note, receivedOn,
      dueOn: addDays(receivedOn, PERSON_REQUEST_DAYS), status: 'open', openedBy: actor.openid, version: 1,
    }
    await repos.personRequests.put(rec, 0)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'person-request.open', subject: `application:${app.id}`, detail: { requestId: rec.id, kind: rec.kind, dueOn: rec.dueOn } })
    return view(rec, today, app.number)
  })
}

/** Closes a request as done or refused, with what was done or why not; audited. */
export async function closePersonRequest(deps: Deps, actor: Actor, input: { id: string; version: number; status: 'done' | 'refused'; outcome: string }): Promise<PersonRequestView> {
  requireStaff(actor, REQUEST_ROLES)
  const outcome = input.outcome.trim()
  if (outcome.length < 2 || outcome.length > 500) throw new AppError('VALIDATION', input.status === 'refused' ? '拒绝请求须写明理由（2到500个字）' : '请写明处理结果（2到500个字）', 'outcome')
  const now = deps.clock.now()
  return deps.store.transaction(async (repos) => {
    const rec = await repos.personRequests.get(input.id)
    if (!rec || !(await unitInJurisdiction(repos, actor, rec.unitId))) throw new AppError('NOT_FOUND', '没有找到这条请求', 'id')
    if (rec.status !== 'open' || rec.version !== input.version) throw new AppError('CONFLICT', '这条请求已被处理或已更新，请刷新后再试')
    const next: PersonRequestRecord = { ...rec, status: input.status, outcome, closedBy: actor.openid, closedAt: now.toISOString(), version: rec.version + 1 }
    if (!(await repos.personRequests.put(next, rec.version))) throw new AppError('CONFLICT', '这条请求已被处理或已更新，请刷新后再试')
    const today = shanghaiDateOf(now)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'person-request.close', subject: `application:${rec.applicationId}`, detail: { requestId: rec.id, status: input.status, dueOn: rec.dueOn, late: today > rec.dueOn } })
    return view(next, today, (await repos.applications.get(rec.applicationId))?.number)
  })
}

/** Where the next page of open requests starts: after the request due on `d` with id `i`. */
const isRequestPosition = (v: unknown): v is { d: string; i: string } => hasStrings(v, ['d', 'i'])

/**
 * The open requests of the actor's jurisdiction (however many units), the soonest due first, each
 * with its days left, a page at a time by cursor, with how many are open.
 */
export async function listPersonRequests(deps: Deps, actor: Actor, input: { cursor?: string; pageSize: number }): Promise<CursorPage<PersonRequestView>> {
  requireStaff(actor, REQUEST_ROLES)
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor)
  const at = decodeCursor(input.cursor, isRequestPosition)
  const today = shanghaiDateOf(deps.clock.now())
  const [found, total] = await Promise.all([repos.personRequests.openUnder(root.id, at && { dueOn: at.d, id: at.i }, input.pageSize + 1), repos.personRequests.countOpenUnder(root.id)])
  const shown = found.slice(0, input.pageSize)
  const numbers = new Map((await repos.applications.getMany([...new Set(shown.map((r) => r.applicationId))])).map((a) => [a.id, a.number]))
  const last = shown[shown.length - 1]
  return {
    items: shown.map((r) => view(r, today, numbers.get(r.applicationId))),
    total,
    pageSize: input.pageSize,
    nextCursor: found.length > input.pageSize ? encodeCursor({ d: last.dueOn, i: last.id }) : null,
  }
}
