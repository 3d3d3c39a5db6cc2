import { Button, Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import PageState, { LoadMore } from '@/components/page-state'
import SearchBox from '@/components/search-box'
import { SampleBadge } from '@/components/station-badges'
import type { StationView } from '@/domain/api/stations'
import { labelOf, STATION_STATUSES } from '@/domain/station'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { ROUTES } from '@/routes'
import { displayName, kindText } from '@/text/station-text'
import { api } from '@/api'
import { AdminPage } from '../components/admin-gate'
import '../admin.css'

const PAGE_SIZE = 20

/** 站点管理: the stations of the admin's jurisdiction with their status and unit; create, edit or close one; import, export, problem reports. */
export default function AdminStationsPage() {
  return (
    <AdminPage className='admin'>
      <StationList />
    </AdminPage>
  )
}

function StationList() {
  const [search, setSearch] = useState('')
  const { list, load, more, reload } = usePages({
    ...cursorPages<StationView>(),
    fetch: (text: string, cursor: string) => api.stations.list({ pageSize: PAGE_SIZE, search: text, ...(cursor ? { cursor } : {}) }),
  })
  // Shown the first time, or back from the edit page with its saved changes: from the first page.
  useOnShow(() => void load(search))
  const find = (text: string) => {
    setSearch(text)
    void load(text)
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
      <SearchBox placeholder='站点名称或地址' active={search} onSearch={find} />
      <PageState
        state={list}
        onRetry={() => void reload()}
        isEmpty={(l) => l.items.length === 0}
        empty={search ? { message: '没有找到名称或地址含有这些字的站点' } : { message: '还没有站点', actionText: '新建站点', onAction: () => go(ROUTES.adminStationEdit()) }}
      >
        {(list) => (
          <View className='admin-station-list' data-count={list.items.length} data-total={list.last.total}>
            <Text className='admin-note'>共 {list.last.total} 个站点</Text>
            {list.items.map((s) => (
              <View key={s.id} className='card card--item admin-item' hoverClass='card--pressed' data-station-id={s.id} onClick={() => go(ROUTES.adminStationEdit(s.id))}>
                <View className='admin-item__head'>
                  <Text className='admin-item__name'>{displayName(s)}</Text>
                  <Text className={`status-pill status-pill--${s.status}`}>{labelOf(STATION_STATUSES, s.status)}</Text>
                </View>
                <Text className='admin-item__line'>
                  {kindText(s)} · {s.district}
                </Text>
                <Text className='admin-item__line'>{s.address}</Text>
                <Text className='admin-item__line' data-unit={s.unitId}>
                  所属单位 {list.last.unitNames[s.unitId] ?? '未指定'}
                </Text>
                {s.sample && <SampleBadge />}
              </View>
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}
