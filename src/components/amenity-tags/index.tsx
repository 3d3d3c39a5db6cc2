import { Text, View } from '@tarojs/components'
import { AMENITIES, type Amenity } from '@/domain/station-codes'
import './index.css'

/** Props of a row of amenity tags. */
export interface AmenityTagsProps {
  amenities: readonly Amenity[]
  /** Show at most this many, then `等N项`. */
  max?: number
}

/** The amenities a station offers, as tags in the fixed list's order. */
export default function AmenityTags({ amenities, max = 99 }: AmenityTagsProps) {
  const offered = AMENITIES.filter((a) => amenities.includes(a.code))
  if (offered.length === 0) return null
  const shown = offered.slice(0, max)
  return (
    <View className='amenity-tags'>
      {shown.map((a) => (
        <Text key={a.code} className='amenity-tag' data-amenity={a.code}>
          {a.label}
        </Text>
      ))}
      {offered.length > shown.length && <Text className='amenity-tag amenity-tag--more'>等{offered.length}项</Text>}
    </View>
  )
}
