import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Fragment, useState } from 'react'
import InfoRow from '@/components/info-row'
import { LoadingPage } from '@/components/page-state'
import StageProgress from '@/components/stage-progress'
import StatusTag from '@/components/status-tag'
import Timeline from '@/components/timeline'
import type { ApplicationDetails, ApplicationView } from '@/domain/application'
import { STATUS_NEXT_STEP, TRANSITIONS } from '@/domain/application-status'
import { documentKindLabel } from '@/domain/documents'
import { shownRows, splitMember } from '@/domain/field-rows'
import { formFieldName } from '@/domain/form-labels'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { api } from '@/api'
import { formatDate, formatDateTime } from '@/text/format'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { readParam, ROUTES } from '@/routes'
import { missing, useLoader } from '@/hooks/use-loader'
import { useOnShow } from '@/hooks/use-on-show'
import './index.css'
import { confirmAction } from '@/components/confirm'

const WITHDRAWABLE: readonly string[] = TRANSITIONS.withdraw.from

/** The registry's summary fields of a submitted form, in the form's order (the members apart). */
const summaryRows = (d: ApplicationDetails) =>
  (['applicant', 'finances', 'causes', 'bank', 'description'] as const).flatMap((part) => shownRows(part, d[part], { view: 'summary', unitName: d.applicant.unitName }))

/** A field's value as tests find it: `applicant.idNumber` -> `app-id-number`. */
const valueClassOf = (path: string) => `app-${(path.split('.').pop() ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

/** One application: where it stands, what happens next, what was submitted and its history. */
export default function ApplicationPage() {
  const [largeText] = useLargeText()
  const id = readParam(useRouter().params.id)
  const [state, reload] = useLoader(() => (id ? api.applicant.getMine({ id }) : missing('没有找到这份申请')))

  useOnShow(() => void reload())

  if (state.kind === 'ready') return <ApplicationDetail app={state.data} largeText={largeText} onChanged={() => void reload()} />
  return <LoadingPage state={state} onRetry={() => void reload()} />
}

function ApplicationDetail({ app, largeText, onChanged }: { app: ApplicationView; largeText: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const d = app.details
  const returned = app.status === 'returned'
  const returnNote = [...app.timeline].reverse().find((e) => e.status === 'returned')?.note

  const onWithdraw = async () => {
    const confirmed = await confirmAction({ title: '撤回申请', content: '撤回后本次申请不再办理，您可以以后重新申请。确定撤回吗？', confirmText: '撤回', cancelText: '不撤回', danger: true })
    if (!confirmed) return
    setBusy(true)
    const reply = await api.applicant.withdraw({ id: app.id, expectedVersion: app.version })
    setBusy(false)
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    void Taro.showToast({ title: '已撤回', icon: 'success' })
    onChanged()
  }

  return (
    <View className={pageClass(largeText, 'application')}>
      <View className='card'>
        <Text className='application__caption'>申请编号</Text>
        <View className='application__head'>
          <Text className='app-number'>{app.number}</Text>
          <StatusTag status={app.status} className='app-status' />
        </View>
        <Text className='app-next-step'>{STATUS_NEXT_STEP[app.status]}</Text>
        {app.submissionCount > 1 && <Text className='application__resubmitted muted'>已第 {app.submissionCount} 次提交，历次提交的内容均已保存</Text>}
      </View>

      {returned && (
        <View className='card application__returned' data-returned>
          <Text className='card__title'>需要您修改</Text>
          {returnNote && <Text className='application__note'>工作人员说明：{returnNote}</Text>}
          {app.fieldsToFix.map((f) => (
            <Text key={f} className='application__fix' data-fix={f}>
              · {formFieldName(f, ' ', d?.members.map((m) => m.name))}
            </Text>
          ))}
          <Button className='btn btn--primary application__fix-button' onClick={() => void Taro.navigateTo({ url: ROUTES.applyForm })}>
            修改后重新提交
          </Button>
        </View>
      )}

      <View className='card'>
        <Text className='card__title'>办理进度</Text>
        <StageProgress status={app.status} timeline={app.timeline} />
      </View>

      {d && (
        <View className='card'>
          <Text className='card__title'>申请信息</Text>
          {summaryRows(d).map((r) => (
            <Fragment key={r.path}>
              <InfoRow label={r.label} value={r.text} stacked={r.stacked} valueClassName={valueClassOf(r.path)} />
              {r.path === 'applicant.idNumber' && <InfoRow label='出生日期' value={`${formatDate(d.applicant.birthDate)}（${d.applicant.gender === 'male' ? '男' : '女'}）`} />}
            </Fragment>
          ))}
          {app.assessment && <InfoRow label='自测类别' value={hardshipCategoryLabel(app.assessment.category)} valueClassName='app-category' />}
          <InfoRow label='提交时间' value={formatDateTime(app.createdAt)} valueClassName='app-created-at' />
        </View>
      )}
      {!d && (
        <View className='card'>
          <Text className='card__title'>申请信息</Text>
          <InfoRow label='申请人' value={app.name} valueClassName='app-name' />
          <InfoRow label='身份证号' value={app.idNumberMasked} valueClassName='app-id-number' />
          <InfoRow label='手机号码' value={app.phoneMasked} valueClassName='app-phone' />
          <InfoRow label='工作单位' value={app.employer} valueClassName='app-employer' />
          <InfoRow label='主要致困原因' value={hardshipCauseLabel(app.mainCause)} valueClassName='app-cause' />
          <InfoRow label='提交时间' value={formatDateTime(app.createdAt)} valueClassName='app-created-at' />
        </View>
      )}

      {d && d.members.length > 0 && (
        <View className='card'>
          <Text className='card__title'>家庭成员（{d.members.length}人）</Text>
          {d.members.map((m, i) => {
            const { name, relation, rest } = splitMember(shownRows('members', m, { view: 'summary', member: i }))
            return <InfoRow key={i} label={`${name}（${relation}）`} value={rest.map((r) => r.text).join(' ')} stacked />
          })}
        </View>
      )}

      <View className='card'>
        <Text className='card__title'>证明材料（{app.documents.length}个）</Text>
        {app.documents.length === 0 && <Text className='muted'>未上传材料，工作人员可能会联系您补充</Text>}
        {app.documents.map((doc) => (
          <InfoRow key={doc.id} label={documentKindLabel(doc.kind)} value={doc.fileName} stacked />
        ))}
      </View>

      <View className='card'>
        <Text className='card__title'>办理记录</Text>
        <Timeline entries={app.timeline} />
      </View>

      {WITHDRAWABLE.includes(app.status) && app.status !== 'draft' && (
        <Button className='btn btn--danger application__withdraw' disabled={busy} onClick={() => void onWithdraw()}>
          撤回申请
        </Button>
      )}
    </View>
  )
}
