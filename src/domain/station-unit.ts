/**
 * Which union unit a station belongs to when nobody said (stations made before they had one, and
 * imported rows): the unit its 管理单位 names exactly; else the township (街道, 镇, 乡) its 所在地区
 * names; else the township its address mentions (the longest name, so 新哨镇 does not lose to a
 * shorter one inside it); else the fallback (the city federation, or the importing admin's unit).
 */

/** What the rule reads of a unit. */
export interface UnitName {
  id: string
  name: string
}

/** A unit's place name: its name without the trailing 工会 / 总工会 / 联合工会. */
export const placeOf = (unitName: string): string => unitName.trim().replace(/(联合|总)?工会$/u, '')

const TOWNSHIP = /(街道|镇|乡)$/u

/** The unit `station` belongs to among `units`, else `fallbackId`. */
export function stationUnitFor(station: { unitName: string; district: string; address: string }, units: readonly UnitName[], fallbackId: string): string {
  const named = station.unitName.trim()
  const exact = named ? units.find((u) => u.name === named) : undefined
  if (exact) return exact.id
  const townships = units.map((u) => ({ id: u.id, place: placeOf(u.name) })).filter((u) => TOWNSHIP.test(u.place))
  const district = station.district.trim()
  const inDistrict = townships.find((u) => u.place === district)
  if (inDistrict) return inDistrict.id
  const inAddress = townships.filter((u) => station.address.includes(u.place)).sort((a, b) => b.place.length - a.place.length)[0]
  return inAddress?.id ?? fallbackId
}
