import { CHINA_BOUNDS, isInChina, toGcj02, type CoordSystem, type GeoPoint } from './geo'

/** What a pasted coordinate became: the GCJ-02 point, or why not in words an admin understands. */
export type PastedPoint = { ok: true; point: GeoPoint } | { ok: false; message: string }

const NUMBER = String.raw`-?\d{1,3}(?:\.\d+)?`
/** Two numbers side by side, as map apps copy them: `116.397,39.909`, `39.909, 116.397`, `116.397 39.909`. */
const PAIR = new RegExp(`(?<![\\d.])(${NUMBER})\\s*[,，、/\\s]\\s*(${NUMBER})(?![\\d.])`, 'g')
const LNG_LABEL = new RegExp(`(?:经度|东经|lng|lon|longitude)\\s*[:：=]?\\s*(${NUMBER})`, 'i')
const LAT_LABEL = new RegExp(`(?:纬度|北纬|lat|latitude)\\s*[:：=]?\\s*(${NUMBER})`, 'i')
/** Four decimals of a degree are about 10 m: less is not where the station is. */
const MIN_DECIMALS = 4

const decimals = (text: string) => (text.split('.')[1] ?? '').length
const round7 = (x: number) => Math.round(x * 1e7) / 1e7

/** The point a pair of numbers names: whichever order puts it in China (a longitude there is above 73, a latitude below 54). */
function orderPair(a: number, b: number): GeoPoint | null {
  if (isInChina({ lng: a, lat: b })) return { lng: a, lat: b }
  if (isInChina({ lng: b, lat: a })) return { lng: b, lat: a }
  return null
}

/**
 * A coordinate pasted from a map app (经度,纬度 in either order, labelled or not, or inside a
 * shared link) in the map's coordinate system, as the GCJ-02 point stations keep. The order needs
 * no guess inside China: longitudes there are 73–135, latitudes 4–54. Refused with a message when
 * there is no pair, more than one, too few decimals or a point outside China.
 */
export function parsePastedPoint(text: string, from: CoordSystem): PastedPoint {
  const t = text.trim()
  if (!t) return { ok: false, message: '请粘贴从地图上复制的坐标，例如 116.3975,39.9087' }
  const lngLabel = LNG_LABEL.exec(t)
  const latLabel = LAT_LABEL.exec(t)
  let raw: [string, string]
  let point: GeoPoint | null
  if (lngLabel && latLabel) {
    raw = [lngLabel[1], latLabel[1]]
    point = { lng: Number(lngLabel[1]), lat: Number(latLabel[1]) }
    if (!isInChina(point)) return { ok: false, message: '坐标不在中国境内，请检查经度和纬度是否填反或复制完整' }
  } else {
    const pairs = [...t.matchAll(PAIR)].map((m) => [m[1], m[2]] as [string, string])
    const distinct = [...new Map(pairs.map((p) => [p.map(Number).sort().join(','), p])).values()]
    if (distinct.length === 0) return { ok: false, message: '没有找到坐标：请粘贴经度和纬度两个数字，中间用逗号隔开，例如 116.3975,39.9087' }
    if (distinct.length > 1) return { ok: false, message: '粘贴的内容里有不止一个坐标，无法确定是哪一个，请只复制站点的一个坐标' }
    raw = distinct[0]
    point = orderPair(Number(raw[0]), Number(raw[1]))
    if (!point) {
      const b = CHINA_BOUNDS
      return { ok: false, message: `坐标不在中国境内（经度应在${b.minLng}到${b.maxLng}之间，纬度应在${b.minLat}到${b.maxLat}之间），请检查是否复制完整` }
    }
  }
  if (raw.some((r) => decimals(r) < MIN_DECIMALS)) return { ok: false, message: `坐标不够精确（小数点后至少${MIN_DECIMALS}位），请在地图上放大后重新复制` }
  const gcj = toGcj02(point, from)
  return { ok: true, point: { lng: round7(gcj.lng), lat: round7(gcj.lat) } }
}
