import { Map } from '@tarojs/components'
import type { MapProps } from '@tarojs/components'
import { memo, useMemo } from 'react'
import originIcon from '@/assets/map/origin.png'
import stationIcon from '@/assets/map/station.png'
import { displayName } from '@/text/station-text'
import type { StationMapProps } from './types'
import './index.css'

/** The id of the start point's marker; stations take their list number. */
const ORIGIN_ID = 0

/**
 * WeChat: Tencent's map (GCJ-02, as stored) with a numbered marker per station given (the finder
 * gives its first page); tapping one opens it. Markers are built once per origin and stations, and
 * the map re-renders only when those change, so scrolling the list sends no markers again.
 */
function StationMap({ origin, originLabel, stations, onTap }: StationMapProps) {
  const markers = useMemo(() => buildMarkers(origin, originLabel, stations), [origin, originLabel, stations])
  const points = useMemo(() => [{ latitude: origin.lat, longitude: origin.lng }, ...stations.slice(0, 10).map((s) => ({ latitude: s.location.lat, longitude: s.location.lng }))], [origin, stations])
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

export default memo(StationMap)

function buildMarkers(origin: StationMapProps['origin'], originLabel: string, stations: StationMapProps['stations']): MapProps.marker[] {
  return [
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
}
