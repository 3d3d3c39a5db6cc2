import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '@/api'
import { confirmAction } from '@/components/confirm'

/** Full values the staff member chose to see on this visit of the page, by field. */
export interface Revealer {
  values: Record<string, string>
  /** Asks for confirmation (every reveal is recorded), then fetches the value. */
  show: (field: string, label: string) => Promise<void>
}

export function useReveal(applicationId: string): Revealer {
  const [values, setValues] = useState<Record<string, string>>({})
  const show = async (field: string, label: string) => {
    const confirmed = await confirmAction({ title: `查看${label}`, content: '查看完整信息将被记录，仅在核实身份或办理需要时查看。', confirmText: '查看' })
    if (!confirmed) return
    const reply = await api.review.reveal({ id: applicationId, field })
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    setValues((prev) => ({ ...prev, [field]: reply.data.value }))
  }
  return { values, show }
}
