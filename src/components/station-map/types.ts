import type { NearbyStation } from '@/domain/api/stations'
import type { GeoPoint } from '@/domain/geo'

/** Props of the map above the finder's list (a real Map in WeChat, a drawn overview elsewhere). */
export interface StationMapProps {
  /** Where the search starts (the worker or the chosen district), GCJ-02. */
  origin: GeoPoint
  originLabel: string
  /** The listed stations, numbered 1.. in this order. */
  stations: readonly NearbyStation[]
  onTap: (station: NearbyStation) => void
}
