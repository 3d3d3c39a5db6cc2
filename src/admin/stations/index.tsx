import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import { SampleBadge } from '@/components/station-badges'
import type { StationView } from '@/domain/api/stations'
import { labelOf, STATION_STATUSES } from '@/domain/station'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import { displayName, kindText } from '@/text/station-text'
import { api } from '@/api'
import AdminGate from '../components/admin-gate'
import '../admin.css'

const PAGE_SIZE = 20

type List = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: StationView[]; page: number; hasMore: boolean; loadingMore: boolean }

/** 站点管理: every station with its status; create, edit or close one; import, export, problem reports. */
export default function AdminStationsPage() {
  const [largeText] = useLargeText()
  return (
    <View className={pageClass(largeText, 'admin')}>
      <AdminGate>
        <StationList />
      </AdminGate>
    </View>
  )
}

function StationList() {
  const [list, setList] = useState<List>({ kind: 'loading' })
  const busy = useRef(false)

  const load = useCallback(async (page: number, previous: StationView[]) => {
    busy.current = true
    const reply = await api.stations.list({ page, pageSize: PAGE_SIZE })
    busy.current = false
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    setList({ kind: 'ready', items: [...previous, ...reply.data.items], page, hasMore: reply.data.hasMore, loadingMore: false })
  }, [])

  useEffect(() => void load(1, []), [load])
  // Back from the edit page: show the saved changes (from the first page again).
  useDidShow(() => void load(1, []))
  const more = () => {
    if (list.kind !== 'ready' || !list.hasMore || busy.current) return
    setList({ ...list, loadingMore: true })
    void load(list.page + 1, list.items)
  }
  useReachBottom(more)

  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View>
      <View className='admin-nav'>
        <Button className='btn btn--primary btn--small' onClick={() => go(ROUTES.adminStationEdit())} data-action='new-station'>
          新建站点
        </Button>
        <Button className='btn btn--secondary btn--small' onClick={() => go(ROUTES.adminImport)} data-action='import'>
          导入 / 导出
        </Button>
        <Button className='btn btn--secondary btn--small' onClick={() => go(ROUTES.adminReports)} data-action='reports'>
          问题报告
        </Button>
      </View>
      {list.kind === 'loading' && <Text className='state-text'>正在加载…</Text>}
      {list.kind === 'error' && <LoadError message={list.message} onRetry={() => void load(1, [])} />}
      {list.kind === 'ready' && list.items.length === 0 && <EmptyState message='还没有站点' actionText='新建站点' onAction={() => go(ROUTES.adminStationEdit())} />}
      {list.kind === 'ready' && list.items.length > 0 && (
        <View className='admin-station-list' data-count={list.items.length}>
          {list.items.map((s) => (
            <View key={s.id} className='admin-item' hoverClass='entry-tile--pressed' data-station-id={s.id} onClick={() => go(ROUTES.adminStationEdit(s.id))}>
              <View className='admin-item__head'>
                <Text className='admin-item__name'>{displayName(s)}</Text>
                <Text className={`status-pill status-pill--${s.status}`}>{labelOf(STATION_STATUSES, s.status)}</Text>
              </View>
              <Text className='admin-item__line'>
                {kindText(s)} · {s.district}
              </Text>
              <Text className='admin-item__line'>外部编号 {s.externalId}</Text>
              {s.sample && <SampleBadge />}
            </View>
          ))}
          {list.hasMore && (
            <Button className='btn btn--secondary' onClick={more} data-more>
              {list.loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
