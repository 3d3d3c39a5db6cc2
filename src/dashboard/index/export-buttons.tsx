import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import ExportReady from '@/components/export-ready'
import TextAreaField from '@/components/text-area-field'
import { downloadExport } from '@/platform/save-file'
import type { SavedExport } from '@/platform/file-types'
import type { ExportedFile, ExportJobView } from '@/domain/api/households'
import type { ApiReply } from '@/domain/contract'
import type { DateRange } from '@/domain/dashboard'
import { api } from '@/api'
import { formatCount } from '@/text/household-text'

/** Props of the export buttons. */
export interface ExportButtonsProps {
  range: DateRange
  unitId: string
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/** How often a running export is asked how far it got. */
const POLL_MS = 1500
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How far an export got: done, total and what is counted (户 for the roll, 条 for the ledger). */
interface Progress {
  done: number
  total: number
  unit: string
}

/** 已导出 N 户 / 共 M 户, with thousands separated. */
const progressText = (p: Progress) => `已导出 ${formatCount(p.done)} ${p.unit} / 共 ${formatCount(Math.max(p.total, p.done))} ${p.unit}`

/**
 * 导出: the household roll (national file form's columns) and the ledger of the range, as XLSX,
 * masked, downloaded through a link that ends within minutes; a masked one may be sent to a chat.
 * A reviewer may also export the roll in full: only with a reason (audited), its link once and
 * for 5 minutes, never to a chat.
 */
export default function ExportButtons({ range, unitId }: ExportButtonsProps) {
  const [busy, setBusy] = useState('')
  const [done, setDone] = useState<{ saved: SavedExport; masked: boolean; rows: number } | null>(null)
  const [reviewer, setReviewer] = useState(false)
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const [progress, setProgress] = useState<Progress | null>(null)
  const unit = unitId ? { unitId } : {}
  // The page was left: a running export stops being asked about (the job goes on on the server).
  const left = useRef(false)
  useEffect(() => () => void (left.current = true), [])

  /** An export job: started, then asked until its file is ready (or it failed). */
  const exportJob = async (start: () => Promise<ApiReply<ExportJobView>>, counted: string): Promise<ApiReply<ExportedFile>> => {
    let reply = await start()
    while (reply.ok && reply.data.state === 'running' && !left.current) {
      setProgress({ done: reply.data.done, total: reply.data.total, unit: counted })
      await wait(POLL_MS)
      reply = await api.households.exportStatus({ jobId: reply.data.jobId })
    }
    setProgress(null)
    if (!reply.ok) return reply
    if (reply.data.file) return { ok: true, data: reply.data.file }
    return { ok: false, error: { code: 'INTERNAL', message: reply.data.error ?? '导出失败，请重新导出' } }
  }

  useEffect(() => void api.account.me().then((r) => setReviewer(r.ok && r.data.roles.includes('reviewer'))), [])

  const run = async (key: string, request: () => Promise<ApiReply<ExportedFile>>) => {
    if (busy) return
    setBusy(key)
    setDone(null)
    const reply = await request()
    if (!reply.ok) {
      setBusy('')
      if (reply.error.field === 'reason') return setReasonError(reply.error.message)
      return toast(reply.error.message)
    }
    const f = reply.data
    setAsking(false)
    setReason('')
    setReasonError('')
    try {
      const saved = await downloadExport({ fileName: f.fileName, mimeType: f.contentType, url: f.url })
      // WeChat has the whole file (a path in the user folder): a full export's file is deleted at once.
      if (f.receipt && saved.path) void api.households.exportReceived({ receipt: f.receipt })
      setDone({ saved, masked: f.masked, rows: f.rows })
    } catch {
      toast('文件下载失败，请重新导出')
    }
    setBusy('')
  }
  const roll = (input: { full?: boolean; reason?: string }) => exportJob(() => api.households.startHouseholdExport({ format: 'xlsx', ...unit, ...input }), '户')
  const ledger = () => exportJob(() => api.households.startLedgerExport({ format: 'xlsx', ...unit, from: range.from, to: range.to }), '条')
  const full = () => run('full', () => roll({ full: true, reason }))

  return (
    <View className='card dash-exports' data-section='exports'>
      <Text className='card__title'>导出</Text>
      <Button className='btn btn--secondary' data-export='households' loading={busy === 'households'} onClick={() => void run('households', () => roll({}))}>
        导出建档家庭名册（Excel）
      </Button>
      <Button className='btn btn--secondary' data-export='ledger' loading={busy === 'ledger'} onClick={() => void run('ledger', ledger)}>
        导出帮扶资金台账（Excel）
      </Button>
      {reviewer && !asking && (
        <Button className='btn btn--secondary' data-export='households-full' onClick={() => setAsking(true)}>
          导出完整名册（含身份证号）
        </Button>
      )}
      {asking && (
        <View className='dash-exports__full' data-full-export>
          <TextAreaField field='reason' label='导出完整名册的理由' placeholder='例如：上报全国工会档案系统' hint='理由会记入审计日志；文件链接5分钟内有效，下载完成后文件立即删除' value={reason} maxlength={200} error={reasonError} onInput={setReason} />
          <Button className='btn btn--primary' data-action='confirm-full-export' loading={busy === 'full'} onClick={() => void full()}>
            确认导出完整名册
          </Button>
        </View>
      )}
      {progress && (
        <Text className='dash-note dash-exports__progress' data-export-progress aria-live='polite'>
          正在导出：{progressText(progress)}
        </Text>
      )}
      {done && <ExportReady saved={done.saved} shareable={done.masked} note={`共 ${done.rows} 行${done.masked ? '（敏感信息已隐去）' : '（含完整敏感信息）'}`} />}
    </View>
  )
}
