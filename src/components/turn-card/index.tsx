import { Text, View } from '@tarojs/components'
import { actorText, type TurnView } from '@/domain/turn'
import './index.css'

/** Props of the whose-turn card. */
export interface TurnCardProps {
  turn: TurnView
  /** The viewer has an action on the case now (the card is marked as theirs). */
  mayAct: boolean
}

/** Whose turn it is on a case: the stage, who acts next and what, and what the viewer can do now. */
export default function TurnCard({ turn, mayAct }: TurnCardProps) {
  const who = actorText(turn)
  return (
    <View className={mayAct ? 'card turn-card turn-card--mine' : 'card turn-card'} data-turn={turn.actor ?? 'none'} data-section='turn'>
      <Text className='turn-card__line'>
        <Text className='turn-card__label'>当前环节：</Text>
        {turn.stage}
      </Text>
      {who && (
        <Text className='turn-card__line' data-turn-names={turn.names.join('、')}>
          <Text className='turn-card__label'>下一步：</Text>
          {turn.actor === 'timer' ? turn.task : `${who}${turn.task}`}
        </Text>
      )}
      <Text className='turn-card__now'>{turn.meanwhile}</Text>
    </View>
  )
}
