import { Button, Picker, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import Chip from '@/components/chip'
import PageState from '@/components/page-state'
import StationCard from '@/components/station-card'
import StationMap from '@/components/station-map'
import type { NearbyStation } from '@/domain/api/stations'
import type { GeoPoint } from '@/domain/geo'
import { AMENITIES, STATION_KINDS, type Amenity, type StationKind } from '@/domain/station-codes'
import { locate } from '@/platform/location'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { usePages } from '@/hooks/use-pages'
import { ROUTES } from '@/routes'
import { api } from '@/api'
import { SEARCH_PLACES } from './places'
import './index.css'

const PAGE_SIZE = 20

/** Where the search starts: the worker's position, or a district they chose. */
interface Origin {
  point: GeoPoint
  label: string
  /** The chosen place's code; absent for the worker's own position. */
  placeCode?: string
}

type Locating = 'locating' | 'located' | 'denied' | 'unavailable'

interface Filters {
  kinds: StationKind[]
  amenities: Amenity[]
  openNow: boolean
}

const NO_FILTERS: Filters = { kinds: [], amenities: [], openNow: false }
const SHORT_KIND: Record<StationKind, string> = { aid: '帮扶站点', 'rest-post': '职工驿站', 'expert-team': '专家团队' }
const placeOrigin = (i: number): Origin => ({ point: SEARCH_PLACES[i].point, label: SEARCH_PLACES[i].name, placeCode: SEARCH_PLACES[i].code })

const toggle = <T,>(list: readonly T[], x: T): T[] => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x])

/** 附近驿站: the nearest aid stations, rest posts and expert teams, nearest first, with a map above. */
export default function StationsPage() {
  const [largeText] = useLargeText()
  const [locating, setLocating] = useState<Locating>('locating')
  const [origin, setOrigin] = useState<Origin | null>(null)
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  // Replies to an older search (the worker changed a filter meanwhile) are dropped.
  const { list: results, load, more: loadMore, reload } = usePages({
    first: 0,
    fetch: ({ from, f }: { from: Origin; f: Filters }, cursor) =>
      api.stations.nearby({ lng: from.point.lng, lat: from.point.lat, kinds: f.kinds, amenities: f.amenities, openNow: f.openNow, cursor, pageSize: PAGE_SIZE }),
    items: (r) => r.items,
    next: (r) => r.nextCursor,
  })

  const findMe = useCallback(async () => {
    setLocating('locating')
    const found = await locate()
    if (found.ok) {
      setLocating('located')
      setOrigin({ point: found.point, label: '我的位置' })
    } else {
      setLocating(found.reason)
      setOrigin((current) => (current?.placeCode ? current : placeOrigin(0)))
    }
  }, [])

  useEffect(() => void findMe(), [findMe])

  useEffect(() => {
    if (origin) void load({ from: origin, f: filters })
  }, [origin, filters, load])
  useReachBottom(loadMore)

  const openStation = (s: NearbyStation) => void Taro.navigateTo({ url: ROUTES.station(s.id, s.distanceM) })
  const filtered = filters.kinds.length > 0 || filters.amenities.length > 0 || filters.openNow

  return (
    <View className={pageClass(largeText, 'stations')}>
      <WhereFrom locating={locating} origin={origin} onPick={(i) => setOrigin(placeOrigin(i))} onLocate={() => void findMe()} />

      {origin && results.kind === 'ready' && results.items.length > 0 && (
        <StationMap origin={origin.point} originLabel={origin.label} stations={results.items} onTap={openStation} />
      )}

      <View className='filters'>
        <View className='filters__row'>
          <Chip data={{ 'data-filter': 'open-now' }} label='营业中' on={filters.openNow} onTap={() => setFilters({ ...filters, openNow: !filters.openNow })} />
          {STATION_KINDS.map((k) => (
            <Chip key={k.code} data={{ 'data-filter': `kind:${k.code}` }} label={SHORT_KIND[k.code]} on={filters.kinds.includes(k.code)} onTap={() => setFilters({ ...filters, kinds: toggle(filters.kinds, k.code) })} />
          ))}
        </View>
        <ScrollView className='filters__scroll' scrollX enhanced showScrollbar={false}>
          <View className='filters__amenities'>
            {AMENITIES.map((a) => (
              <Chip key={a.code} data={{ 'data-filter': `amenity:${a.code}` }} label={a.label} on={filters.amenities.includes(a.code)} onTap={() => setFilters({ ...filters, amenities: toggle(filters.amenities, a.code) })} />
            ))}
          </View>
        </ScrollView>
      </View>

      <PageState
        state={results}
        onRetry={() => void reload()}
        loadingText={locating === 'locating' ? '正在获取您的位置…' : '正在查找附近的站点…'}
        isEmpty={(r) => r.items.length === 0}
        empty={{
          message: `${results.kind === 'ready' ? Math.round(results.last.radiusM / 1000) : ''} 公里内没有${filtered ? '符合条件的' : ''}站点`,
          actionText: filtered ? '清除筛选' : undefined,
          onAction: () => setFilters(NO_FILTERS),
        }}
      >
        {(results) => (
          <View className='station-list' data-count={results.items.length}>
            {results.items.map((s, i) => (
              <StationCard key={s.id} station={s} index={i + 1} onTap={openStation} />
            ))}
            {results.next !== null ? (
              <Button className={results.loadingMore ? 'btn btn--secondary btn--busy station-list__more' : 'btn btn--secondary station-list__more'} onClick={loadMore} data-more>
                {results.loadingMore ? '正在加载…' : '加载更多'}
              </Button>
            ) : (
              <Text className='station-list__end'>
                已显示 {Math.round(results.last.radiusM / 1000)} 公里内全部 {results.items.length} 个站点
              </Text>
            )}
          </View>
        )}
      </PageState>
    </View>
  )
}

/** Says where the list is measured from, and lets the worker pick a district (always, and first of all when location failed). */
function WhereFrom({ locating, origin, onPick, onLocate }: { locating: Locating; origin: Origin | null; onPick: (i: number) => void; onLocate: () => void }) {
  const failed = locating === 'denied' || locating === 'unavailable'
  const index = Math.max(0, SEARCH_PLACES.findIndex((p) => p.code === origin?.placeCode))
  let note = '正在获取您的位置…'
  if (locating === 'located' && !origin?.placeCode) note = '已按与您的距离由近到远排列'
  else if (origin?.placeCode) note = `已按与“${origin.label}”的距离由近到远排列`
  const why = locating === 'denied' ? '您没有允许获取位置。' : locating === 'unavailable' ? '暂时无法获取您的位置。' : ''
  return (
    <View className={failed ? 'where where--failed' : 'where'} data-locating={locating}>
      {failed && <Text className='where__why'>{why}请选择您所在的地区，我们按地区查找附近的站点。</Text>}
      <Text className='where__note'>{note}</Text>
      <View className='where__actions'>
        <Picker mode='selector' range={SEARCH_PLACES.map((p) => p.name)} value={index} onChange={(e) => onPick(Number(e.detail.value))}>
          <View className='where__picker' data-picker='district'>
            <Text className='where__picker-label'>所在地区</Text>
            <Text className='where__picker-value'>{origin?.placeCode ? origin.label : '请选择'}</Text>
            <Text className='where__picker-arrow'>▾</Text>
          </View>
        </Picker>
        {locating !== 'locating' && (
          <View className='where__locate' hoverClass='where__locate--pressed' onClick={onLocate} data-action='locate'>
            <Text>重新定位</Text>
          </View>
        )}
      </View>
    </View>
  )
}
