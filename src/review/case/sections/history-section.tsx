import { Text, View } from '@tarojs/components'
import type { CaseView, ReviewEntryView } from '@/domain/api/review'
import { STATUS_LABELS } from '@/domain/application-status'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { FINANCE_RESULTS, rejectionReasonLabel, SIX_ITEMS } from '@/domain/review'
import { formatDate, formatDateTime, formatMoney } from '@/text/format'
import { callOutcomeLabel } from '@/domain/assisted'
import { fieldName } from '../field-names'
import { changeLine } from '@/domain/form-changes'

const TITLES: Record<ReviewEntryView['kind'], string> = {
  'screening-started': '开始初审',
  resubmitted: '修改后重新提交',
  accepted: '初审通过',
  returned: '退回修改',
  rejected: '不予通过',
  visit: '入户调查',
  call: '电话联系',
  finance: '民政核对',
  'notice-started': '开始公示',
  objection: '公示异议',
  'notice-ended': '公示期满，无异议',
  filed: '审批建档',
}

/** The lines an entry shows under its title (a resubmission's changes from the view). */
function linesOf(e: ReviewEntryView, changes: CaseView['changes']): string[] {
  switch (e.kind) {
    case 'screening-started':
      return []
    case 'resubmitted': {
      const list = changes[e.id] ?? []
      return list.length ? list.map(changeLine) : ['未修改内容']
    }
    case 'accepted':
      return e.note ? [`初审意见：${e.note}`] : []
    case 'returned':
      return [`需修改：${e.fieldsToFix.map(fieldName).join('、')}`, `原因：${e.reason}`]
    case 'rejected':
      return [`环节：${STATUS_LABELS[e.stage]}`, `原因：${rejectionReasonLabel(e.reasonCode)}`, ...(e.text ? [`说明：${e.text}`] : [])]
    case 'visit':
      return [
        `走访日期：${formatDate(e.date)}`,
        `参与人员：${e.staffPresent.join('、')}`,
        `地点：${e.place}`,
        ...SIX_ITEMS.map((i) => `${i.label}：${e.findings[i.code]}`),
        `照片 ${e.photoIds.length} 张，已收取签字的家庭经济状况核对授权书`,
        ...(e.capturedAt ? [`现场填写于 ${formatDateTime(e.capturedAt)}（离线保存后上传）`] : []),
      ]
    case 'call':
      return [`结果：${callOutcomeLabel(e.outcome)}`, ...(e.note ? [`记录：${e.note}`] : [])]
    case 'finance': {
      const result = FINANCE_RESULTS.find((r) => r.code === e.result)?.label ?? e.result
      const v = e.verified
      return [
        `结果：${result}`,
        ...(v ? [`核实家庭人口 ${v.householdSize} 人，年收入 ${formatMoney(v.annualIncomeFen)}，刚性支出 ${formatMoney(v.rigidExpensesFen)}`] : []),
        ...(e.note ? [`说明：${e.note}`] : []),
      ]
    }
    case 'notice-started':
      return [`公示 ${e.days} 天，至 ${formatDateTime(e.endsAt)}`]
    case 'objection':
      return [`异议内容：${e.text}`]
    case 'notice-ended':
      return []
    case 'filed':
      return [`认定类别：${hardshipCategoryLabel(e.category)}`, ...(e.note ? [`审批意见：${e.note}`] : [])]
  }
}

/** Every review decision and record, newest first, with who took it and when. */
export default function HistorySection({ view }: { view: CaseView }) {
  const entries = [...view.review].reverse()
  return (
    <View className='card' data-section='history'>
      <Text className='card__title'>办理记录</Text>
      {entries.length === 0 && <Text className='muted'>{view.application.status === 'submitted' ? '尚未开始审核' : '暂无记录'}</Text>}
      {entries.map((e) => (
        <View key={e.id} className='case-entry' data-entry-kind={e.kind}>
          <View className='case-entry__head'>
            <Text className='case-entry__title'>{TITLES[e.kind]}</Text>
            <Text className='case-entry__by'>{e.byName}</Text>
          </View>
          <Text className='case-entry__time'>{formatDateTime(e.at)}</Text>
          {linesOf(e, view.changes).map((line, i) => (
            <Text key={i} className='case-entry__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
