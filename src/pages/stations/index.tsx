import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import Chip from '@/components/chip'
import { OptionRow } from '@/components/option-list'
import PageState from '@/components/page-state'
import StationMap from '@/components/station-map'
import type { NearbyStation } from '@/domain/api/stations'
import type { GeoPoint } from '@/domain/geo'
import { AMENITIES, STATION_KINDS, type Amenity, type StationKind } from '@/domain/station-codes'
import { canOpenSettings, locate, LOCATION_WORDING, openLocationSettings } from '@/platform/location'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { usePages } from '@/hooks/use-pages'
import { ROUTES } from '@/routes'
import { api } from '@/api'
import { SEARCH_PLACES } from './places'
import StationList from './station-list'
import './index.css'
import { containerRole, pressable } from '@/components/pressable'

const PAGE_SIZE = 20
/** The map shows the first page's stations: more pins would not help a person choose, and each is setData. */
const MAX_MARKERS = 20

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

  // From a tap only (WeChat opens its settings page from one): back with the location allowed, search from there.
  const openSettings = () =>
    void openLocationSettings().then((allowed) => {
      if (allowed) void findMe()
    })

  useEffect(() => {
    if (origin) void load({ from: origin, f: filters })
  }, [origin, filters, load])
  useReachBottom(loadMore)

  const openStation = useCallback((s: NearbyStation) => void Taro.navigateTo({ url: ROUTES.station(s.id, s.distanceM) }), [])
  const filtered = filters.kinds.length > 0 || filters.amenities.length > 0 || filters.openNow
  const items = results.kind === 'ready' ? results.items : null
  // The same array while the first stations stay the same (loading more does not move the map's pins).
  const pinKey = items?.slice(0, MAX_MARKERS).map((s) => s.id).join() ?? ''
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the pins' ids on purpose
  const pinned = useMemo(() => items?.slice(0, MAX_MARKERS) ?? [], [pinKey])

  return (
    <View className={pageClass(largeText, 'stations')}>
      <WhereFrom locating={locating} origin={origin} onPick={(i) => setOrigin(placeOrigin(i))} onLocate={() => void findMe()} onSettings={openSettings} />

      {origin && pinned.length > 0 && <StationMap origin={origin.point} originLabel={origin.label} stations={pinned} onTap={openStation} />}

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
          <View>
            <StationList items={results.items} onTap={openStation} />
            {/* Its own node: swapping 加载更多 for the end line re-sends this, not the list. */}
            <View className='station-list__footer'>
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
          </View>
        )}
      </PageState>
    </View>
  )
}

/** Props of where the list is measured from. */
interface WhereFromProps {
  locating: Locating
  origin: Origin | null
  onPick: (i: number) => void
  onLocate: () => void
  /** WeChat: opens its settings page, the way back after a refusal. */
  onSettings: () => void
}

/** Says where the list is measured from, and lets the worker pick a district (always, and first of all when location failed). */
function WhereFrom({ locating, origin, onPick, onLocate, onSettings }: WhereFromProps) {
  const failed = locating === 'denied' || locating === 'unavailable'
  const [choosing, setChoosing] = useState(false)
  let note = '正在获取您的位置…'
  if (locating === 'located' && !origin?.placeCode) note = '已按与您的距离由近到远排列'
  else if (origin?.placeCode) note = `已按与“${origin.label}”的距离由近到远排列`
  const why = locating === 'denied' || locating === 'unavailable' ? LOCATION_WORDING[locating] : ''
  return (
    <View className={failed ? 'where where--failed' : 'where'} data-locating={locating}>
      {failed && <Text className='where__why'>{why}请选择您所在的地区，我们按地区查找附近的站点。</Text>}
      <Text className='where__note'>{note}</Text>
      <View className='where__actions'>
        <View className='where__picker' data-picker='district' {...pressable()} aria-expanded={choosing} onClick={() => setChoosing(!choosing)}>
          <Text className='where__picker-label'>所在地区</Text>
          <Text className='where__picker-value'>{origin?.placeCode ? origin.label : locating === 'located' ? '我的位置' : '请选择'}</Text>
          <Text className='where__picker-arrow' aria-hidden>
            {choosing ? '▴' : '▾'}
          </Text>
        </View>
        {locating === 'denied' && canOpenSettings ? (
          <View className='where__locate' hoverClass='where__locate--pressed' onClick={onSettings} data-action='open-settings' {...pressable('去设置，允许使用位置')}>
            <Text>去设置</Text>
          </View>
        ) : (
          locating !== 'locating' && (
            <View className='where__locate' hoverClass='where__locate--pressed' onClick={onLocate} data-action='locate' {...pressable('重新定位')}>
              <Text>重新定位</Text>
            </View>
          )
        )}
      </View>
      {choosing && (
        // Our own list, not the platform's wheel: its rows follow the large-text mode like every other control.
        <View className='where__places' {...containerRole('radiogroup', '所在地区')} data-places>
          {SEARCH_PLACES.map((p, i) => (
            <OptionRow key={p.code} label={p.name} on={p.code === origin?.placeCode} onTap={() => (setChoosing(false), onPick(i))} data={{ 'data-place': p.name }} />
          ))}
        </View>
      )}
    </View>
  )
}
