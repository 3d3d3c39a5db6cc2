import { Text, View } from '@tarojs/components'
import { pressable } from '../pressable'
import './index.css'

/** Props of one home-page entry. */
export interface EntryTileProps {
  /** Stable key, also the `data-entry` attribute tests select by. */
  entry: string
  title: string
  description: string
  /** One character shown in the round badge. */
  glyph: string
  /** Not built yet: marked "即将上线" and muted. */
  comingSoon?: boolean
  /** A count on the badge, e.g. unread messages; nothing when 0. */
  badge?: number
  /** What the count counts, for screen readers (default 条未读). */
  badgeUnit?: string
  onTap: () => void
}

/**
 * A large, full-width tappable entry with a badge, a title and one line of explanation; the arrow
 * is drawn by its style. As few elements as it takes: the home page draws several in its first frame.
 */
export default function EntryTile({ entry, title, description, glyph, comingSoon, badge = 0, badgeUnit = '条未读', onTap }: EntryTileProps) {
  return (
    <View
      className={comingSoon ? 'card entry-tile entry-tile--soon' : 'card entry-tile'}
      hoverClass='card--pressed'
      onClick={onTap}
      data-entry={entry}
      {...pressable()}
    >
      <View className='entry-tile__glyph'>
        <Text aria-hidden>{glyph}</Text>
        {badge > 0 && (
          <Text className='entry-tile__badge' data-badge={badge} aria-label={`${badge}${badgeUnit}`}>
            {badge > 99 ? '99+' : badge}
          </Text>
        )}
      </View>
      <View className='entry-tile__body'>
        <Text className='entry-tile__title'>{title}</Text>
        {comingSoon && <Text className='entry-tile__soon'>即将上线</Text>}
        <Text className='entry-tile__desc'>{description}</Text>
      </View>
    </View>
  )
}
