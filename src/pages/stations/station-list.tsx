import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { memo, useEffect, useState } from 'react'
import StationCard from '@/components/station-card'
import type { NearbyStation } from '@/domain/api/stations'

/**
 * Cards a setData adds at most in WeChat (about 1.3 KB each, so about 13 KB): a page of 20 arrives
 * as two updates, and no update grows with the number of stations already listed. The browser has
 * no setData: everything at once.
 */
export const CARDS_PER_UPDATE = process.env.TARO_ENV === 'weapp' ? 10 : Number.POSITIVE_INFINITY

/** Props of the finder's list. */
export interface StationListProps {
  items: readonly NearbyStation[]
  onTap: (station: NearbyStation) => void
}

/**
 * The finder's cards. Cards are only ever appended (the footer lives outside, so ending the list
 * does not re-send it), a few per update, and the list is memoised, so a filter chip or the page
 * re-rendering sends nothing here. (Equivalent to a CustomWrapper for setData size: every update
 * is a handful of new cards by path; miniprogram-simulate also renders it faithfully, which it
 * does not with Taro's custom-wrapper.)
 */
function StationList({ items, onTap }: StationListProps) {
  const [shown, setShown] = useState(() => Math.min(items.length, CARDS_PER_UPDATE))
  useEffect(() => {
    if (shown > items.length) return setShown(Math.min(items.length, CARDS_PER_UPDATE))
    if (shown === items.length) return
    // After the update that showed the last cards has gone out (Taro's nextTick), so two never share
    // one setData; the timer is a fallback, since Taro drops nextTick callbacks of an update with no data.
    let live = true
    const more = () => {
      if (live) setShown((n) => Math.min(n + CARDS_PER_UPDATE, items.length))
      live = false
    }
    Taro.nextTick(more)
    const fallback = setTimeout(more, 300)
    return () => {
      live = false
      clearTimeout(fallback)
    }
  }, [shown, items.length])
  return (
    <View className='station-list'>
      {items.slice(0, shown).map((s, i) => (
        <StationCard key={s.id} station={s} index={i + 1} onTap={onTap} />
      ))}
    </View>
  )
}

export default memo(StationList)
