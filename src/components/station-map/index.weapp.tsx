import { Map } from '@tarojs/components'
import type { MapProps } from '@tarojs/components'
import originIcon from '@/assets/map/origin.png'
import stationIcon from '@/assets/map/station.png'
import { displayName } from '@/text/station-text'
import type { StationMapProps } from './types'
import './index.css'

/** The id of the start point's marker; stations take their list number. */
const ORIGIN_ID = 0

/** WeChat: Tencent's map (GCJ-02, as stored) with a numbered marker per listed station; tapping one opens it. */
export default function StationMap({ origin, originLabel, stations, onTap }: StationMapProps) {
  const markers: MapProps.marker[] = [
    { id: ORIGIN_ID, latitude: origin.lat, longitude: origin.lng, iconPath: originIcon as string, width: 20, height: 20, title: originLabel },
    ...stations.map((s, i) => ({
      id: i + 1,
      latitude: s.location.lat,
      longitude: s.location.lng,
      iconPath: stationIcon as string,
      width: 24,
      height: 32,
      title: displayName(s),
      // The list number beside the pin's head.
      label: { content: String(i + 1), color: '#1565c0', fontSize: 12, anchorX: 10, anchorY: -34, borderWidth: 1, borderColor: '#1565c0', borderRadius: 8, bgColor: '#ffffff', padding: 2, textAlign: 'center' as const },
    })),
  ]
  const points = [{ latitude: origin.lat, longitude: origin.lng }, ...stations.slice(0, 10).map((s) => ({ latitude: s.location.lat, longitude: s.location.lng }))]
  return (
    <Map
      className='station-map'
      latitude={origin.lat}
      longitude={origin.lng}
      scale={13}
      markers={markers}
      includePoints={points}
      onMarkerTap={(e) => {
        const id = Number(e.detail.markerId)
        if (id > 0 && stations[id - 1]) onTap(stations[id - 1])
      }}
      onError={() => undefined}
    />
  )
}
