import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Chip from '@/components/chip'
import PageState, { LoadMore } from '@/components/page-state'
import TextAreaField from '@/components/text-area-field'
import type { ProblemReportView } from '@/domain/api/stations'
import { labelOf, PROBLEM_KINDS, REPORT_STATUSES, type ReportStatus } from '@/domain/station'
import { formatDateTime } from '@/text/format'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { ROUTES } from '@/routes'
import { api } from '@/api'
import { AdminPage } from '../components/admin-gate'
import '../admin.css'

const PAGE_SIZE = 20

/** 问题报告: what workers reported about stations, pending first; resolve or reject each. */
export default function ReportsPage() {
  return (
    <AdminPage className='admin'>
      <ReportList />
    </AdminPage>
  )
}

function ReportList() {
  const [status, setStatus] = useState<ReportStatus>('pending')
  const { list, load, more, reload } = usePages({
    ...cursorPages<ProblemReportView>(),
    fetch: (s: ReportStatus, cursor: string) => api.stations.listReports({ status: s, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  })
  useEffect(() => void load(status), [status, load])

  return (
    <View>
      <View className='chip-row reports__tabs'>
        {REPORT_STATUSES.map((s) => (
          <Chip key={s.code} role='radio' label={s.label} on={status === s.code} onTap={() => setStatus(s.code)} data={{ 'data-status': s.code }} />
        ))}
      </View>
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: status === 'pending' ? '没有待处理的问题报告' : '没有记录' }}>
        {(list) => (
          <View className='report-list' data-count={list.last.total}>
            <Text className='admin-note'>共 {list.last.total} 条</Text>
            {list.items.map((r) => (
              <ReportItem key={r.id} report={r} onDecided={() => void reload()} />
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

function ReportItem({ report, onDecided }: { report: ProblemReportView; onDecided: () => void }) {
  const [deciding, setDeciding] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState('')

  const decide = async (decision: 'resolved' | 'rejected') => {
    const reply = await api.stations.resolveReport({ reportId: report.id, decision, note })
    if (!reply.ok) return setError(reply.error.message)
    await Taro.showToast({ title: decision === 'resolved' ? '已处理' : '已标记为不予处理', icon: 'none' })
    onDecided()
  }

  return (
    <View className='card card--item admin-item' data-report-id={report.id}>
      <View className='admin-item__head'>
        <Text className='admin-item__name'>{labelOf(PROBLEM_KINDS, report.problem)}</Text>
        <Text className={`status-pill status-pill--${report.status}`}>{labelOf(REPORT_STATUSES, report.status)}</Text>
      </View>
      <Text className='admin-item__line'>站点：{report.stationName}</Text>
      <Text className='admin-item__line'>报告时间：{formatDateTime(report.createdAt)}</Text>
      {report.note && <Text className='admin-item__line reports__note'>说明：{report.note}</Text>}
      {report.decidedAt && (
        <Text className='admin-item__line'>
          处理：{formatDateTime(report.decidedAt)}
          {report.decisionNote ? ` · ${report.decisionNote}` : ''}
        </Text>
      )}
      <View className='admin-item__actions'>
        <Button className='btn btn--secondary btn--small' onClick={() => void Taro.navigateTo({ url: ROUTES.adminStationEdit(report.stationId) })} data-action='open-station'>
          查看站点
        </Button>
        {report.status === 'pending' && !deciding && (
          <Button className='btn btn--primary btn--small' onClick={() => setDeciding(true)} data-action='decide'>
            处理
          </Button>
        )}
      </View>
      {deciding && (
        <View className='reports__decide'>
          <TextAreaField field='note' placeholder='处理说明（选填），例如：已更正开放时间' value={note} maxlength={200} error={error} onInput={setNote} />
          <View className='admin-item__actions'>
            <Button className='btn btn--primary btn--small' onClick={() => void decide('resolved')} data-action='resolve'>
              已处理
            </Button>
            <Button className='btn btn--secondary btn--small' onClick={() => void decide('rejected')} data-action='reject'>
              不予处理
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
