import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { STATUS_LABELS, STATUS_NEXT_STEP, type ApplicationStatus } from '@/domain/application-status'
import { pageClass } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'

/** Props of the page shown instead of the form while an application is being handled. */
export interface InProgressProps {
  largeText: boolean
  app: { id: string; number: string; status: ApplicationStatus }
}

/** One open application at a time: says so, where it stands, and leads to it (no form to fill for nothing). */
export default function InProgress({ largeText, app }: InProgressProps) {
  return (
    <View className={pageClass(largeText, 'apply-form apply-form--in-progress')} data-in-progress={app.id}>
      <View className='card'>
        <Text className='card__title'>您已有一份正在办理的申请</Text>
        <Text className='apply-form__lead'>
          申请{app.number}目前{STATUS_LABELS[app.status]}：{STATUS_NEXT_STEP[app.status]}。办理结束前不能再提交新的申请。
        </Text>
        <Button className='btn btn--primary apply-form__open-current' onClick={() => void Taro.redirectTo({ url: ROUTES.application(app.id) })}>
          查看办理进度
        </Button>
      </View>
    </View>
  )
}
