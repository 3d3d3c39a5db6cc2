import type { PersonRequestKind } from '@/domain/api/admin'

/** What each kind of request is called on the staff pages (PIPL art. 45-47). */
export const KIND_LABELS: Record<PersonRequestKind, string> = {
  copy: '查阅、复制本人信息',
  correct: '更正、补充本人信息',
  delete: '删除本人信息',
  restrict: '限制或拒绝处理本人信息',
}

/** The days left as a line: due today, n days left, or overdue by n days. */
export const daysLeftText = (daysLeft: number): string => (daysLeft < 0 ? `已逾期 ${-daysLeft} 天` : daysLeft === 0 ? '今天到期' : `剩余 ${daysLeft} 天`)
