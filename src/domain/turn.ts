import { STATUS_LABELS, type ApplicationStatus } from './application-status'
import { financeCheckedSinceVisit, noticeState, type ReviewEntryView } from './review'
import type { Role } from './roles'
import { chineseDate, shanghaiDateOf } from './calendar'

/**
 * Whose turn it is on a case: the stage, who acts next and what they do, and what someone else
 * looking at the case can do meanwhile. One rule for the case page, the queue and every place a
 * case's stage is shown, so no page says "nothing to do" without saying who does.
 */

/** Who acts next: a role, the applicant, the notice's timer, or no one (the case is closed). */
export type TurnActor = 'caseworker' | 'reviewer' | 'worker' | 'timer' | null

export const TURN_ACTOR_LABELS: Record<Exclude<TurnActor, null>, string> = {
  caseworker: '基层工会经办人员',
  reviewer: '帮扶中心审核人员',
  worker: '申请人',
  timer: '公示期',
}

/** The stage and the next step, without names. */
export interface Turn {
  status: ApplicationStatus
  /** `民政核对`. */
  stage: string
  actor: TurnActor
  /** What the actor does next, `录入民政核对结果`; empty when the case is closed. */
  task: string
}

/** The turn as the case page shows it: with the names of those who may act, where known. */
export interface TurnView extends Turn {
  names: string[]
  /** What the viewer can do now: their task, or what meanwhile (meanwhileText). */
  meanwhile: string
}

/** Whose turn it is on a case in `status`, from its review so far. */
export function turnOf(status: ApplicationStatus, entries: readonly ReviewEntryView[], now: Date): Turn {
  const at = (actor: TurnActor, task: string): Turn => ({ status, stage: STATUS_LABELS[status], actor, task })
  switch (status) {
    case 'draft':
      return at('worker', '填写完整后提交申请')
    case 'submitted':
      return at('caseworker', '开始初审')
    case 'screening':
      return at('caseworker', '完成初审：通过、退回修改或不予通过')
    case 'visiting':
      return at('caseworker', '上门走访，登记走访结果')
    case 'verifying':
      return financeCheckedSinceVisit(entries) ? at('reviewer', '开始公示') : at('reviewer', '录入民政核对结果')
    case 'publicizing': {
      const notice = noticeState(entries, now)
      if (notice.running && notice.endsAt) return at('timer', `公示至 ${chineseDate(shanghaiDateOf(Date.parse(notice.endsAt)))}，期满无异议后由审核人员审批建档`)
      return at('reviewer', '审批建档')
    }
    case 'returned':
      return at('worker', '按退回意见修改后重新提交')
    case 'filed':
      return at(null, '已建档，帮扶在户档案中继续')
    case 'rejected':
    case 'withdrawn':
      return at(null, '')
  }
}

/** `帮扶中心审核人员（王芳、赵敏）`: the actor with the names where known. */
export function actorText(turn: Pick<TurnView, 'actor' | 'names'>): string {
  if (!turn.actor) return ''
  const label = TURN_ACTOR_LABELS[turn.actor]
  return turn.names.length ? `${label}（${turn.names.join('、')}）` : label
}

/** What the viewer can do while it is someone else's turn; what to do when it is theirs. */
export function meanwhileText(turn: Turn, viewer: readonly Role[], mayAct: boolean): string {
  if (mayAct) return `请您办理：${turn.task}`
  if (!turn.actor) return '本案已办结，可查看材料和办理记录'
  const calls = viewer.includes('caseworker') ? '，需要时电话联系申请人' : ''
  if (turn.actor === 'worker') return `您现在可以：等待申请人修改后重新提交${calls}；提交后本页会更新`
  if (turn.actor === 'timer') return '您现在可以：查看公示情况；有异议时由审核人员登记'
  if (viewer.includes(turn.actor)) return '您现在可以：查看材料和办理记录'
  return `您现在可以：查看材料和办理记录${calls}；${TURN_ACTOR_LABELS[turn.actor]}办理后本页会更新`
}

/** The short line a list shows beside a case's stage: `待帮扶中心审核人员办理`. */
export function waitingText(turn: Turn): string {
  if (!turn.actor) return ''
  if (turn.actor === 'timer') return '公示中，期满后审批'
  return `待${TURN_ACTOR_LABELS[turn.actor]}办理`
}
