import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useSubscribeOffer } from '@/hooks/use-subscribe'

/**
 * 接收提醒: staff accept WeChat's daily reminder of the cases waiting in their queue. Each tap asks
 * WeChat once (its subscriptions are one-time: one tap, one reminder), straight from the tap.
 * Nothing shows when the union set no reminder template, or outside WeChat.
 */
export default function RemindCard() {
  const offer = useSubscribeOffer()
  const template = offer.templates?.casesWaiting
  if (!template) return null
  const ask = () => {
    // First thing in the tap: WeChat opens its dialog only from one.
    void offer.ask(['casesWaiting']).then((after) => {
      const held = after?.casesWaiting?.held ?? template.held
      void Taro.showToast({ title: held > template.held ? '已设置，明天9点会提醒您' : '没有开启提醒', icon: 'none' })
    })
  }
  return (
    <View className='card remind-card' data-section='remind' data-held={template.held}>
      <Text className='card__title'>待办提醒</Text>
      <Text className='muted remind-card__note'>
        {template.held > 0 ? `每天9点在微信里提醒您待处理的申请，还可提醒 ${template.held} 次。` : '每天9点在微信里提醒您待处理的申请。微信每次只允许提醒一次，用完请再点一次。'}
      </Text>
      <Button className='btn btn--secondary btn--small' data-action='remind' onClick={ask}>
        接收提醒
      </Button>
    </View>
  )
}
