import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import StatusTag from '@/components/status-tag'
import type { CaseView } from '@/domain/api/review'
import { formFieldLabel } from '@/domain/form-labels'
import { ROUTES } from '@/routes'
import { fieldName } from '../field-names'

/** Other applications with the same ID number: the caseworker opens them to compare. */
export default function DuplicatesSection({ view }: { view: CaseView }) {
  if (view.duplicateFlags.length === 0) return null
  return (
    <View className='card case-duplicates' data-section='duplicates'>
      <Text className='card__title'>疑似重复申请（{view.duplicateFlags.length}）</Text>
      {view.duplicateFlags.map((f) => (
        <View
          key={`${f.otherApplicationId}-${f.field}`}
          className='case-duplicate'
          hoverClass='card--pressed'
          data-duplicate={f.otherApplicationId}
          onClick={() => void Taro.navigateTo({ url: ROUTES.reviewCase(f.otherApplicationId) })}
        >
          <View className='case-duplicate__body'>
            <Text className='case-duplicate__what'>
              {f.as === 'applicant' ? '申请人' : '家庭成员'}的{formFieldLabel(f.field) ? fieldName(f.field) : '身份证号'}与另一份申请相同
            </Text>
            <View className='case-duplicate__other'>
              <Text className='case-duplicate__number'>{f.otherNumber}</Text>
              <StatusTag status={f.otherStatus} />
            </View>
          </View>
          <Text className='case-duplicate__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
