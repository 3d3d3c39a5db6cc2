import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import AmenityTags from '@/components/amenity-tags'
import InfoRow from '@/components/info-row'
import PageState from '@/components/page-state'
import { OpenLabel, SampleBadge } from '@/components/station-badges'
import type { StationView } from '@/domain/api/stations'
import { WEEKDAY_LABELS } from '@/domain/weekdays'
import { formatDistance } from '@/text/distance'
import { canOpenMap, MAP_FALLBACK_TEXT, openMap } from '@/platform/open-map'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { readParam } from '@/routes'
import { displayName, kindText, rangesText, todayText } from '@/text/station-text'
import { api } from '@/api'
import { missing, useLoader } from '@/hooks/use-loader'
import ReportProblem from './report-problem'
import './index.css'
import { formatDate } from '@/text/format'


/** Today in Asia/Shanghai: the weekday (0 Monday) and the date, from the phone's clock. */
function shanghaiToday(): { weekday: number; date: string } {
  const shifted = new Date(Date.now() + 8 * 3600_000)
  return { weekday: (shifted.getUTCDay() + 6) % 7, date: shifted.toISOString().slice(0, 10) }
}

/** One station: open now or not, the week's hours, amenities, and call, navigate, copy, report. */
export default function StationPage() {
  const [largeText] = useLargeText()
  const params = useRouter().params
  const id = readParam(params.id)
  const distance = params.d === undefined ? null : Number(params.d)
  const [state, reload] = useLoader(() => (id ? api.stations.get({ stationId: id }) : missing('没有找到这个站点')))

  useEffect(() => void reload(), [reload])

  return (
    <View className={pageClass(largeText, 'station')}>
      <PageState state={state} onRetry={() => void reload()}>
        {(s) => <StationDetail station={s.data} distanceM={distance !== null && Number.isFinite(distance) ? distance : null} />}
      </PageState>
    </View>
  )
}

function StationDetail({ station, distanceM }: { station: StationView; distanceM: number | null }) {
  const [showPlace, setShowPlace] = useState(false)
  const { openState } = station
  const today = shanghaiToday()
  const coords = `${station.location.lat.toFixed(6)},${station.location.lng.toFixed(6)}`
  const upcomingClosures = station.hours.closedDates.filter((d) => d >= today.date).slice(0, 5)
  // A cloud:// file shows only inside WeChat; the browser shows https photos.
  const photos = process.env.TARO_ENV === 'h5' ? station.photos.filter((p) => p.startsWith('https://')) : station.photos

  const navigate = async () => {
    if (canOpenMap && (await openMap(station))) return
    setShowPlace(true)
  }

  return (
    <View data-station-id={station.id}>
      <View className='card station__head'>
        <Text className='station__name'>{displayName(station)}</Text>
        <Text className='station__kind'>{kindText(station)}</Text>
        <View className='station__state'>
          <OpenLabel state={openState} className='station__open' />
          <Text className='station__today'>{todayText(openState.today)}</Text>
        </View>
        {distanceM !== null && <Text className='station__distance'>距离约 {formatDistance(distanceM)}</Text>}
        {station.sample && <SampleBadge text='示例数据：仅供演示，并非真实站点' />}
      </View>

      <View className='station__actions'>
        {station.phone && (
          <Button className='btn btn--primary station__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: station.phone }).catch(() => undefined)}>
            拨打电话 {station.phone}
          </Button>
        )}
        <View className='station__action-row'>
          <Button className='btn btn--secondary station__action' onClick={() => void navigate()} data-action='navigate'>
            导航
          </Button>
          <Button className='btn btn--secondary station__action' onClick={() => void Taro.setClipboardData({ data: station.address })} data-action='copy-address'>
            复制地址
          </Button>
        </View>
      </View>

      <View className='card' data-section='address'>
        <Text className='card__title'>地址</Text>
        <Text className='station__address'>{station.address}</Text>
        <Text className='muted station__district'>{station.district}</Text>
        {showPlace && (
          <View className='station__place' data-place>
            <Text className='station__place-text'>{MAP_FALLBACK_TEXT}</Text>
            <InfoRow label='坐标（纬度,经度）' value={coords} valueClassName='station__coords' stacked />
            <Text className='muted station__place-note'>坐标为腾讯地图、高德地图使用的 GCJ-02 坐标。</Text>
            <Button className='btn btn--secondary btn--small' onClick={() => void Taro.setClipboardData({ data: coords })} data-action='copy-coords'>
              复制坐标
            </Button>
          </View>
        )}
      </View>

      <View className='card' data-section='hours'>
        <Text className='card__title'>开放时间</Text>
        {station.hours.week.map((ranges, day) => (
          <View key={day} className={day === today.weekday ? 'station__day station__day--today' : 'station__day'}>
            <Text className='station__day-name'>
              {WEEKDAY_LABELS[day]}
              {day === today.weekday ? '（今天）' : ''}
            </Text>
            <Text className='station__day-hours'>{ranges.length ? rangesText(ranges) : '休息'}</Text>
          </View>
        ))}
        {station.hours.closedOnHolidays && <Text className='muted station__hours-note'>法定节假日闭馆</Text>}
        {upcomingClosures.length > 0 && <Text className='muted station__hours-note'>近期闭馆：{upcomingClosures.join('、')}</Text>}
      </View>

      {station.amenities.length > 0 && (
        <View className='card'>
          <Text className='card__title'>服务设施</Text>
          <AmenityTags amenities={station.amenities} />
        </View>
      )}

      {(station.services || station.unitName) && (
        <View className='card'>
          <Text className='card__title'>服务内容</Text>
          {station.services && <Text className='station__services'>{station.services}</Text>}
          {station.unitName && <InfoRow label='管理单位' value={station.unitName} />}
          {station.verifiedOn && <InfoRow label='信息核实' value={formatDate(station.verifiedOn)} />}
        </View>
      )}

      {photos.length > 0 && (
        <View className='card'>
          <Text className='card__title'>照片</Text>
          <View className='station__photos'>
            {photos.map((src) => (
              <Image key={src} className='station__photo' src={src} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: photos, current: src }).catch(() => undefined)} />
            ))}
          </View>
        </View>
      )}

      <ReportProblem stationId={station.id} />
    </View>
  )
}
