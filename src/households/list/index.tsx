import { Button, Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import Chip from '@/components/chip'
import PageState, { LoadMore } from '@/components/page-state'
import SearchBox from '@/components/search-box'
import type { HouseholdItem } from '@/domain/api/households'
import type { HouseholdStatus } from '@/domain/household-codes'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { ROUTES } from '@/routes'
import HouseholdRow from './household-row'
import '../households.css'
import './index.css'

const PAGE_SIZE = 20

/** What the list is filtered by. */
interface Filter {
  status: HouseholdStatus
  overdueOnly: boolean
  search: string
}

/** 建档家庭: the filed households of the staff member's jurisdiction, with filters, search and paging. */
export default function HouseholdListPage() {
  const [largeText] = useLargeText()
  const [filter, setFilter] = useState<Filter>({ status: 'filed', overdueOnly: false, search: '' })
  const { list, load, more, reload } = usePages({
    ...cursorPages<HouseholdItem>(),
    fetch: (f: Filter, cursor: string) =>
      api.households.list({ pageSize: PAGE_SIZE, status: f.status, overdueOnly: f.overdueOnly, ...(f.search ? { search: f.search } : {}), ...(cursor ? { cursor } : {}) }),
  })

  // Back from a household: its tags may have changed.
  useOnShow(() => void load(filter))

  const apply = (next: Filter) => {
    setFilter(next)
    void load(next)
  }
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'hh-list')} data-status={filter.status}>
      <View className='hh-list-links'>
        <Button className='btn btn--secondary btn--small' data-link='campaigns' onClick={() => void Taro.navigateTo({ url: ROUTES.campaigns })}>
          户户清核查
        </Button>
        <Button className='btn btn--secondary btn--small' data-link='dashboard' onClick={() => void Taro.navigateTo({ url: ROUTES.dashboard })}>
          工作统计
        </Button>
      </View>
      <SearchBox placeholder='档案编号或户主姓名' active={filter.search} onSearch={(search) => apply({ ...filter, search })} />
      <View className='chip-row hh-list-tools' data-filters>
        <Chip label='在档' role='radio' on={filter.status === 'filed'} onTap={() => apply({ ...filter, status: 'filed' })} data={{ 'data-filter': 'filed' }} />
        <Chip label='已注销' role='radio' on={filter.status === 'deregistered'} onTap={() => apply({ ...filter, status: 'deregistered', overdueOnly: false })} data={{ 'data-filter': 'deregistered' }} />
        {filter.status === 'filed' && (
          <Chip label='只看联系超期' on={filter.overdueOnly} onTap={() => apply({ ...filter, overdueOnly: !filter.overdueOnly })} data={{ 'data-filter': 'overdue' }} />
        )}
      </View>
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: filter.search ? '没有找到符合条件的家庭' : '暂无符合条件的家庭' }}>
        {(list) => (
          <View className='hh-list__items' data-count={list.items.length} data-total={list.last.total}>
            <Text className='hh-list-count'>共 {list.last.total} 户</Text>
            {list.items.map((item) => (
              <HouseholdRow key={item.id} item={item} onTap={(i) => void Taro.navigateTo({ url: ROUTES.household(i.id) })} />
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}
