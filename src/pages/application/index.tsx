import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import InfoRow from '@/components/info-row'
import LoadError from '@/components/load-error'
import StatusTag from '@/components/status-tag'
import Timeline from '@/components/timeline'
import type { ApplicationView } from '@/domain/application'
import { STATUS_NEXT_STEP } from '@/domain/application-status'
import type { ApiReply } from '@/domain/contract'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import { getMine } from '@/services/applicant'
import { formatDateTime } from '@/services/format'
import { readParam } from '@/services/routes'
import { useLoader } from '@/services/use-loader'
import './index.css'

const MISSING_ID: ApiReply<never> = { ok: false, error: { code: 'NOT_FOUND', message: '没有找到这份申请' } }

/** One application: where it stands, what happens next, what was submitted and its history. */
export default function ApplicationPage() {
  const id = readParam(useRouter().params.id)
  const [state, reload] = useLoader(() => (id ? getMine(id) : Promise.resolve(MISSING_ID)))

  useDidShow(() => void reload())

  if (state.kind === 'ready') return <ApplicationDetail app={state.data} />
  return (
    <View className='page'>
      {state.kind === 'loading' ? (
        <Text className='state-text'>正在加载…</Text>
      ) : (
        <LoadError message={state.message} onRetry={() => void reload()} />
      )}
    </View>
  )
}

function ApplicationDetail({ app }: { app: ApplicationView }) {
  return (
    <View className='page application'>
      <View className='card'>
        <Text className='application__caption'>申请编号</Text>
        <View className='application__head'>
          <Text className='app-number'>{app.number}</Text>
          <StatusTag status={app.status} className='app-status' />
        </View>
        <Text className='app-next-step'>{STATUS_NEXT_STEP[app.status]}</Text>
      </View>
      <View className='card'>
        <Text className='card__title'>申请信息</Text>
        <InfoRow label='申请人' value={app.name} valueClassName='app-name' />
        <InfoRow label='身份证号' value={app.idNumberMasked} valueClassName='app-id-number' />
        <InfoRow label='手机号码' value={app.phoneMasked} valueClassName='app-phone' />
        <InfoRow label='工作单位' value={app.employer} valueClassName='app-employer' />
        <InfoRow label='主要致困原因' value={hardshipCauseLabel(app.mainCause)} valueClassName='app-cause' />
        <InfoRow label='提交时间' value={formatDateTime(app.createdAt)} valueClassName='app-created-at' />
      </View>
      <View className='card'>
        <Text className='card__title'>办理进度</Text>
        <Timeline entries={app.timeline} />
      </View>
    </View>
  )
}
