import { AppError, type Actor } from '../../../src/domain'
import type { CursorPage } from '../../../src/domain/api/applicant'
import type { ProblemReportView, ReportReceipt } from '../../../src/domain/api/stations'
import type { ProblemKind, ReportStatus } from '../../../src/domain/station'
import type { CallContext, Deps, ProblemReportRecord } from '../../ports'
import { appendAudit } from '../shared/audit'
import { once } from '../shared/idempotency'
import { getStationOrFail, managesStation, requireAdmin } from './station-access'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { RATE_RULES, takeRate } from '../shared/rate-limit'

/** One pending report per worker and station: a second tap or a repeat does not flood the review list. */
export const pendingReportOf = (stationId: string, openid: string) => `station-report:${stationId}:${openid}`

export function toReportView(r: ProblemReportRecord): ProblemReportView {
  return {
    id: r.id,
    stationId: r.stationId,
    stationName: r.stationName,
    problem: r.problem,
    note: r.note,
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
  }
}

/** Anyone signed in reports that a station is closed, moved, has wrong hours, or something else. */
export async function reportProblem(
  deps: Deps,
  actor: Actor,
  input: { stationId: string; problem: ProblemKind; note: string },
  ctx: CallContext,
): Promise<ReportReceipt> {
  await takeRate(deps, actor.openid, RATE_RULES.report)
  const station = await getStationOrFail(deps, input.stationId)
  const now = deps.clock.now()
  const scope = { actor: actor.openid, action: 'stations.reportProblem', target: station.id, requestId: ctx.requestId }
  return deps.store.transaction((repos) =>
    once(repos, scope, now, async () => {
      const id = deps.ids.newId()
      if (!(await repos.claims.create(pendingReportOf(station.id, actor.openid), id))) {
        throw new AppError('CONFLICT', '您已报告过这个站点的问题，管理员正在核实，感谢反馈')
      }
      const at = now.toISOString()
      await repos.problemReports.insert({
        id,
        stationId: station.id,
        stationName: station.name,
        unitId: station.unitId,
        problem: input.problem,
        note: input.note,
        reporterOpenid: actor.openid,
        status: 'pending',
        version: 1,
        createdAt: at,
        decidedAt: null,
        decidedBy: null,
        decisionNote: '',
      })
      return { id, status: 'pending' as const }
    }),
  )
}

/** Where the next page of reports starts: after the report created at `c` with id `i`. */
const isReportPosition = (v: unknown): v is { c: string; i: string } => hasStrings(v, ['c', 'i'])

/**
 * The admin's review list: reports of one status on the stations of their jurisdiction (however
 * many units), newest first, a page at a time by cursor, with how many there are.
 */
export async function listReports(deps: Deps, actor: Actor, input: { status: ReportStatus; cursor?: string; pageSize: number }): Promise<CursorPage<ProblemReportView>> {
  requireAdmin(actor)
  const repos = deps.store.repos
  const at = decodeCursor(input.cursor, isReportPosition)
  const [found, total] = await Promise.all([
    repos.problemReports.listUnder(input.status, actor.unitId, at && { createdAt: at.c, id: at.i }, input.pageSize + 1),
    repos.problemReports.countUnder(input.status, actor.unitId),
  ])
  const shown = found.slice(0, input.pageSize)
  const last = shown[shown.length - 1]
  return { items: shown.map(toReportView), total, pageSize: input.pageSize, nextCursor: found.length > input.pageSize ? encodeCursor({ c: last.createdAt, i: last.id }) : null }
}

/**
 * An admin of the station's jurisdiction closes a report as handled (resolved) or not acted on
 * (rejected); the reporter may report again. Elsewhere the report is NOT_FOUND.
 */
export async function resolveReport(
  deps: Deps,
  actor: Actor,
  input: { reportId: string; decision: 'resolved' | 'rejected'; note: string },
): Promise<ProblemReportView> {
  requireAdmin(actor)
  const now = deps.clock.now()
  const report = await deps.store.repos.problemReports.get(input.reportId)
  if (!report || !(await managesStation(deps.store.repos, actor, report))) throw new AppError('NOT_FOUND', '没有找到这份报告')
  if (report.status !== 'pending') throw new AppError('CONFLICT', '这份报告已经处理过了')
  const next: ProblemReportRecord = {
    ...report,
    status: input.decision,
    version: report.version + 1,
    decidedAt: now.toISOString(),
    decidedBy: actor.openid,
    decisionNote: input.note,
  }
  await deps.store.transaction(async (repos) => {
    if (!(await repos.problemReports.update(next, report.version))) throw new AppError('CONFLICT', '这份报告已被他人处理，请刷新')
    await repos.claims.release(pendingReportOf(report.stationId, report.reporterOpenid))
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'station-report.resolve',
      subject: report.id,
      detail: { stationId: report.stationId, decision: input.decision },
    })
  })
  return toReportView(next)
}
