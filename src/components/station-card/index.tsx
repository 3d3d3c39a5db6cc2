import { Text, View } from '@tarojs/components'
import type { NearbyStation } from '@/domain/api/stations'
import AmenityTags from '@/components/amenity-tags'
import { OpenLabel, SampleBadge } from '@/components/station-badges'
import { formatDistance } from '@/text/distance'
import { displayName, kindText, todayText } from '@/text/station-text'
import './index.css'
import { pressable } from '@/components/pressable'

/** Props of one station in the finder's list. */
export interface StationCardProps {
  station: NearbyStation
  /** Its number in the list, also drawn on the map. */
  index: number
  onTap: (station: NearbyStation) => void
}

/** A station in the list: number, name, distance, open now or not, today's hours, amenities. */
export default function StationCard({ station, index, onTap }: StationCardProps) {
  const { openState } = station
  return (
    <View
      className='card card--item station-card'
      hoverClass='card--pressed'
      onClick={() => onTap(station)}
      {...pressable()}
      data-station-id={station.id}
      data-kind={station.kind}
      data-distance={station.distanceM}
      data-open={openState.open ? 'true' : 'false'}
    >
      <View className='station-card__head'>
        <Text className='station-card__index'>{index}</Text>
        <View className='station-card__title'>
          <Text className='station-card__name'>{displayName(station)}</Text>
          <Text className='station-card__kind'>{kindText(station)}</Text>
        </View>
        <Text className='station-card__distance'>{formatDistance(station.distanceM)}</Text>
      </View>
      <View className='station-card__hours'>
        <OpenLabel state={openState} />
        <Text className='station-card__today'>{todayText(openState.today)}</Text>
      </View>
      <AmenityTags amenities={station.amenities} max={6} />
      {station.sample && <SampleBadge />}
    </View>
  )
}
