import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import ChoiceChips from '@/components/choice-chips'
import Field from '@/components/field'
import FormField from '@/components/form-field'
import { COORD_SYSTEMS, type CoordSystem, type GeoPoint } from '@/domain/geo'
import { parsePastedPoint } from '@/domain/pasted-point'
import { canPickOnMap, pickPointOnMap, type PickedPoint } from '@/platform/pick-point'

/** Props of the station's point. */
export interface LocationFieldProps {
  /** The point as the form holds it ('' while none is chosen), GCJ-02. */
  lng: string
  lat: string
  error?: string
  /** A point chosen: with the map's name and address when it came from WeChat's map. */
  onPoint: (point: GeoPoint, place?: Omit<PickedPoint, 'point'>) => void
}

const degrees = (text: string) => Number(text).toFixed(5)

/**
 * 站点位置: chosen on WeChat's map (chooseLocation gives GCJ-02), or, in a browser, a coordinate
 * copied from a map app with the app named, converted to GCJ-02 here. Never typed by hand.
 */
export default function LocationField({ lng, lat, error, onPoint }: LocationFieldProps) {
  const [source, setSource] = useState<CoordSystem | ''>('')
  const [pasted, setPasted] = useState('')
  const [pasteError, setPasteError] = useState<{ field: 'source' | 'pasted'; message: string } | null>(null)
  const chosen = lng !== '' && lat !== ''

  const pick = async () => {
    const picked = await pickPointOnMap(chosen ? { lng: Number(lng), lat: Number(lat) } : undefined)
    if (picked) onPoint(picked.point, { name: picked.name, address: picked.address })
  }
  const read = () => {
    if (!source) return setPasteError({ field: 'source', message: '请选择坐标是从哪个地图复制的' })
    const r = parsePastedPoint(pasted, source)
    if (!r.ok) return setPasteError({ field: 'pasted', message: r.message })
    setPasteError(null)
    setPasted('')
    onPoint(r.point)
  }

  return (
    <Field field='lng' label='站点位置' error={error}>
      <Text className='station-location__point' data-point={chosen ? `${lng},${lat}` : ''}>
        {chosen ? `已选位置：东经 ${degrees(lng)}°，北纬 ${degrees(lat)}°` : '还没有选择位置'}
      </Text>
      {canPickOnMap ? (
        <Button className='btn btn--secondary' data-action='pick-on-map' onClick={() => void pick()}>
          {chosen ? '在地图上重新选点' : '在地图上选点'}
        </Button>
      ) : (
        <View className='station-location__paste' data-paste-point>
          <Text className='admin-note'>在手机地图上找到站点，长按该处复制坐标，粘贴到下面，并选择是哪个地图的坐标。</Text>
          <ChoiceChips
            field='coordSource'
            label='坐标来自'
            options={COORD_SYSTEMS}
            value={source}
            error={pasteError?.field === 'source' ? pasteError.message : undefined}
            onChange={(c) => (setSource(c as CoordSystem), setPasteError(null))}
          />
          <FormField
            field='pastedPoint'
            label='粘贴坐标'
            placeholder='例如 116.3975,39.9087'
            value={pasted}
            maxlength={300}
            error={pasteError?.field === 'pasted' ? pasteError.message : undefined}
            onInput={(v) => (setPasted(v), setPasteError(null))}
          />
          <Button className='btn btn--secondary' data-action='read-point' onClick={read}>
            {chosen ? '用这个坐标替换' : '识别坐标'}
          </Button>
        </View>
      )}
    </Field>
  )
}
