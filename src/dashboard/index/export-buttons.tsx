import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import ExportReady from '@/components/export-ready'
import { keepExport } from '@/platform/save-file'
import type { SavedExport } from '@/platform/file-types'
import type { ExportedFile } from '@/domain/api/households'
import type { ApiReply } from '@/domain/contract'
import type { DateRange } from '@/domain/dashboard'
import { api } from '@/api'

/** Props of the export buttons. */
export interface ExportButtonsProps {
  range: DateRange
  unitId: string
}

/** 导出: the household roll (national file form's columns) and the ledger of the range, as XLSX; a masked one may be sent to a chat. */
export default function ExportButtons({ range, unitId }: ExportButtonsProps) {
  const [busy, setBusy] = useState('')
  const [done, setDone] = useState<{ saved: SavedExport; masked: boolean; rows: number } | null>(null)
  const unit = unitId ? { unitId } : {}

  const run = async (key: string, request: () => Promise<ApiReply<ExportedFile>>) => {
    if (busy) return
    setBusy(key)
    setDone(null)
    const reply = await request()
    if (!reply.ok) {
      setBusy('')
      return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    }
    const f = reply.data
    try {
      setDone({ saved: await keepExport({ fileName: f.fileName, mimeType: f.contentType, base64: f.dataBase64 }), masked: f.masked, rows: f.rows })
    } catch {
      void Taro.showToast({ title: '文件保存失败，请重试', icon: 'none', duration: 3000 })
    }
    setBusy('')
  }

  return (
    <View className='card dash-exports' data-section='exports'>
      <Text className='card__title'>导出</Text>
      <Button className='btn btn--secondary' data-export='households' loading={busy === 'households'} onClick={() => void run('households', () => api.households.exportHouseholds({ format: 'xlsx', ...unit }))}>
        导出建档家庭名册（Excel）
      </Button>
      <Button className='btn btn--secondary' data-export='ledger' loading={busy === 'ledger'} onClick={() => void run('ledger', () => api.households.exportLedger({ format: 'xlsx', ...unit, from: range.from, to: range.to }))}>
        导出帮扶资金台账（Excel）
      </Button>
      {done && <ExportReady saved={done.saved} shareable={done.masked} note={`共 ${done.rows} 行${done.masked ? '（敏感信息已隐去）' : '（含完整敏感信息）'}`} />}
    </View>
  )
}
