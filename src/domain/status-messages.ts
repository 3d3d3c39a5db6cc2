import { STATUS_LABELS, STATUS_NEXT_STEP, type ApplicationStatus } from './application-status'

/** A note as one sentence: its own closing punctuation kept, a full stop added only when it has none (no “。。”). */
export function endSentence(note: string): string {
  const text = note.trim()
  return /[。！？.!?]$/.test(text) ? text : `${text}。`
}

/** What the applicant is told when their application reaches `status`: plain words, no sensitive values. */
export function statusMessage(status: ApplicationStatus, number: string, note?: string): { title: string; body: string } {
  const reason = note ? `说明：${endSentence(note)}` : ''
  return {
    title: `申请${number}：${STATUS_LABELS[status]}`,
    body: `${reason}${STATUS_NEXT_STEP[status]}`,
  }
}
